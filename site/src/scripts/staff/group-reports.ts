import { getJson } from "../api";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { answerForm, loadAnswers } from "./feedback-answers";
import type { AddressedTo, Theme } from "./group-words";
import { formatDate, showContent, showLoadError, startStaffPage } from "./page";
import { scopeLabel, scopeOf, scopesOf, scopeValue, type Scope } from "./scope-choice";
import { loadNames, mayIn, type Me, type Names } from "./session";

/** One approved report as `GET /api/staff/group-reports` returns it: redacted texts only. */
type ApprovedReport = {
  id: string;
  groupId: string;
  groupName: string;
  areaId: string;
  date: string;
  participants: number;
  themes: string[];
  addressedTo: AddressedTo;
  mayShowPublicly: boolean;
  redacted: { summary?: string; recommendations?: string; quotes: string[] };
};
type ReportsPage = { scope: Scope; scopes: { organisationIds: string[]; areaIds: string[] }; reports: ApprovedReport[]; before?: string };

/** "Harbour Support (example)", "commissioners in Bristol": whose reports are shown. */
const scopeName = (scope: Scope, names: Names) =>
  "organisationId" in scope ? (names.organisations.get(scope.organisationId) ?? "your organisation") : `commissioners in ${names.areas.get(scope.areaId) ?? scope.areaId}`;

/** Names of services a report is addressed to, from the public directory, each asked for once. */
const serviceNames = new Map<string, Promise<string>>();
function serviceName(id: string): Promise<string> {
  if (!serviceNames.has(id)) {
    serviceNames.set(
      id,
      getJson<{ service: { name: string } }>(`/api/services/${encodeURIComponent(id)}`).then((r) => (r.ok ? r.data.service.name : "A service that has closed")),
    );
  }
  return serviceNames.get(id)!;
}

/** Who a report is for, in words: "Harbour Young People's Support; Harbour Support (example); the area's commissioners". */
async function forWhom(a: AddressedTo, areaId: string, names: Names): Promise<string> {
  const services = await Promise.all(a.serviceIds.map(serviceName));
  const organisations = a.organisationIds.map((id) => names.organisations.get(id) ?? "another organisation");
  const commissioners = a.commissioners ? [`commissioners in ${names.areas.get(areaId) ?? areaId}`] : [];
  return [...services, ...organisations, ...commissioners].join("; ") || "Not said";
}

type CardContext = { me: Me; scope: Scope; names: Names; themes: Map<string, string> };

/** One approved report: the session, what was said, who it is for, then "You said, we did". */
async function card(report: ApprovedReport, { me, scope, names, themes }: CardContext): Promise<HTMLLIElement> {
  const organisationId = "organisationId" in scope ? scope.organisationId : undefined;
  const target = { target: "group-report" as const, targetId: report.id, groupId: report.groupId };
  const answers = el("div", { class: "answers", "aria-live": "polite" }, el("p", { class: "muted" }, "Loading answers…"));
  void loadAnswers(answers, target, names.organisations, organisationId);
  const { summary, recommendations, quotes } = report.redacted;
  const themeWords = report.themes.map((t) => themes.get(t) ?? t).join(", ") || "None chosen";
  return el(
    "li",
    { class: "card", "data-id": report.id, id: `report-${report.id}`, tabindex: "-1" },
    el("h2", { class: "staff-card-title" }, report.groupName),
    el("p", { class: "card__org" }, `Session on ${formatDate(`${report.date}T12:00:00Z`)}`),
    el(
      "dl",
      { class: "feedback-scores" },
      el("dt", {}, "People who took part"),
      el("dd", {}, String(report.participants)),
      el("dt", {}, "What they talked about"),
      el("dd", {}, themeWords),
      el("dt", {}, "Who it is for"),
      el("dd", {}, await forWhom(report.addressedTo, report.areaId, names)),
    ),
    el("h3", { class: "report-section" }, "Summary"),
    el("p", { class: "report-text" }, summary || "No summary."),
    ...(quotes.length
      ? [el("h3", { class: "report-section" }, "What people said"), el("ul", { class: "report-quotes" }, ...quotes.map((q) => el("li", {}, el("blockquote", {}, q))))]
      : []),
    el("h3", { class: "report-section" }, "What the group would like to change"),
    el("p", { class: "report-text" }, recommendations || "Nothing written."),
    el("h3", { class: "answers-heading" }, "You said, we did"),
    answers,
    organisationId && mayIn(me, "response.write", organisationId) ? answerForm(target, organisationId) : "",
  );
}

/**
 * Approved, redacted group reports (J5, J8): an addressed provider's staff read their
 * organisation's, an area's commissioners those sent to them, with a choice of scope for those
 * who hold several; a manager answers them ("you said, we did").
 */
export function startGroupReports(): Promise<void> {
  return startStaffPage(async (me) => {
    const rows = byId("reports-rows");
    const status = byId("reports-status");
    const problem = byId("reports-problem");
    const empty = byId("reports-empty");
    const older = byId<HTMLButtonElement>("reports-older");
    const form = byId<HTMLFormElement>("reports-scope");
    const choice = byId<HTMLSelectElement>("reports-scope-choice");
    const names = loadNames(me);
    const themes = getStaff<{ themes: Theme[] }>("/api/staff/themes").then((r) => new Map(r.ok ? r.data.themes.map((t) => [t.code, t.label]) : []));
    let shown = false;
    let loading = false;
    let next: string | undefined;
    let count = 0;
    let scope: Scope | undefined;

    async function load(wanted: Scope | undefined, more: boolean): Promise<void> {
      const query = new URLSearchParams(wanted ?? {});
      if (more && next) query.set("before", next);
      const result = await getStaff<ReportsPage>(`/api/staff/group-reports?${query}`);
      if (!result.ok) {
        if (result.status === 403 || (!shown && result.status === 404)) {
          showLoadError(result.status, result.error);
          return;
        }
        if (!more) rows.replaceChildren();
        empty.hidden = true;
        status.textContent = "";
        byId("reports-problem-message").textContent = result.error.message;
        problem.hidden = false;
        if (!shown) showContent();
        shown = true;
        byId("reports-problem-heading").focus();
        return;
      }
      const page = result.data;
      const known = await names;
      const context = { me, scope: page.scope, names: known, themes: await themes };
      problem.hidden = true;
      scope = page.scope;
      if (!more) {
        rows.replaceChildren();
        count = 0;
      }
      rows.append(...(await Promise.all(page.reports.map((r) => card(r, context)))));
      count += page.reports.length;
      next = page.before;
      older.hidden = !next;
      const whose = scopeName(page.scope, known);
      byId("reports-intro").textContent = `What contributors' groups said to ${whose}, newest first.`;
      empty.hidden = count > 0;
      byId("reports-empty-hint").textContent =
        `When a facilitator sends a report to ${whose}, a moderator reads it first and takes out anything that could identify someone. It appears here once it is approved.`;
      status.textContent =
        count === 0 ? `No group reports to ${whose} yet.` : `Showing ${count} ${count === 1 ? "report" : "reports"} to ${whose}${next ? "." : ": that is all of them."}`;

      const scopes = scopesOf(page.scopes);
      if (scopes.length > 1 && !shown) {
        choice.replaceChildren(...scopes.map((s) => el("option", { value: scopeValue(s) }, scopeLabel(s, known, "Commissioners in"))));
        form.hidden = false;
      }
      choice.value = scopeValue(page.scope);
      if (!shown) showContent();
      shown = true;
    }

    async function run(wanted: Scope | undefined, more = false): Promise<void> {
      if (loading) return;
      loading = true;
      try {
        await load(wanted, more);
      } finally {
        loading = false;
      }
    }

    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void run(scopeOf(choice.value));
    });
    byId("reports-retry").addEventListener("click", async () => {
      await run(scope);
      if (problem.hidden) {
        status.setAttribute("tabindex", "-1");
        status.focus();
      }
    });
    older.addEventListener("click", async () => {
      await run(scope, true);
      // The button goes once there is nothing older: focus moves to the line that says so.
      if (older.hidden) {
        status.setAttribute("tabindex", "-1");
        status.focus();
      }
    });
    await run(undefined);
    // Linked from "Still waiting for an answer" on the feedback page: the card, once it is here.
    const linked = window.location.hash.startsWith("#report-") ? document.getElementById(window.location.hash.slice(1)) : null;
    if (linked) {
      linked.scrollIntoView();
      linked.focus();
    }
  });
}
