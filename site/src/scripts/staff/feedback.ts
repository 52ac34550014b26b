import { byId, el } from "../dom";
import { getStaff } from "./api";
import { monthWords, scoreFacts, usageWords, type ApprovedPage, type ApprovedPiece } from "./feedback-words";
import { showContent, showLoadError, startStaffPage } from "./page";
import { answerForm, excerptChoice, loadAnswers, loadUnanswered } from "./feedback-answers";
import { scopeLabel, scopeOf, scopesOf, scopeValue } from "./scope-choice";
import { loadNames, mayEver, mayIn, type Me, type Names } from "./session";
import { getJson } from "../api";
import type { ServiceVoice } from "../render-voice";

type Scope = ApprovedPage["scope"];

/** "the services of Harbour Support", "services in Bristol": what the feedback shown is about. */
function scopeName(scope: Scope, names: Names): string {
  return "organisationId" in scope
    ? `the services of ${names.organisations.get(scope.organisationId) ?? "your organisation"}`
    : `services in ${names.areas.get(scope.areaId) ?? scope.areaId}`;
}

/** What a row needs besides the piece: who is reading, whose feedback it is, and which words already show publicly. */
type RowContext = { me: Me; scope: Scope; names: Names; shownTexts: Set<string> };

/**
 * One approved piece: the service, the month, how they knew it, their answers in words and the
 * redacted text, then "You said, we did": its approved answers, and for a manager of the
 * organisation the form to answer and the choice to show the words on the service's page.
 */
function row(piece: ApprovedPiece, { me, scope, names, shownTexts }: RowContext): HTMLLIElement {
  const answers = el("div", { class: "answers", "aria-live": "polite" }, el("p", { class: "muted" }, "Loading answers…"));
  const organisationId = "organisationId" in scope ? scope.organisationId : undefined;
  const target = { target: "feedback" as const, targetId: piece.id };
  void loadAnswers(answers, target, names.organisations, organisationId);
  const manages = (action: "response.write" | "feedback.feature") => !!organisationId && mayIn(me, action, organisationId);
  return el(
    "li",
    { class: "card", "data-id": piece.id, id: `piece-${piece.id}`, tabindex: "-1" },
    el("h2", { class: "staff-card-title" }, piece.serviceName),
    el("p", { class: "card__org" }, monthWords(piece.month)),
    el("p", { class: "feedback-text" }, el("span", { class: "visually-hidden" }, "What they said: "), piece.text),
    scoreFacts(piece.scores, [["How they know the service", usageWords(piece.usage)]]),
    // Offered only when the person said yes: a no is said plainly instead of a button that cannot work.
    manages("feedback.feature")
      ? piece.mayShowPublicly === false
        ? el("p", { class: "muted" }, "The person did not agree to their words being shown on the service's page, so they stay here.")
        : excerptChoice(piece.id, shownTexts.has(`${piece.serviceId}\n${piece.text}`))
      : "",
    el("h3", { class: "answers-heading" }, "You said, we did"),
    answers,
    manages("response.write") ? answerForm(target, organisationId!) : "",
  );
}

/** The words each service's page shows now (service and text), so a row can offer "Stop showing". */
async function shownOnPages(pieces: ApprovedPiece[]): Promise<Set<string>> {
  const services = [...new Set(pieces.map((p) => p.serviceId))];
  const voices = await Promise.all(services.map(async (id) => [id, await getJson<ServiceVoice>(`/api/services/${encodeURIComponent(id)}/voice`)] as const));
  return new Set(voices.flatMap(([id, v]) => (v.ok && v.data.enough ? v.data.excerpts.map((e) => `${id}\n${e.text}`) : [])));
}

/**
 * Approved, redacted feedback (J9): a provider's staff read their own organisation's, a
 * commissioner the services in their area, with a choice of scope for those who hold several.
 */
export function startApprovedFeedback(): Promise<void> {
  return startStaffPage(async (me) => {
    const rows = byId("feedback-rows");
    const status = byId("feedback-status");
    const problem = byId("feedback-problem");
    const empty = byId("feedback-empty");
    const older = byId<HTMLButtonElement>("feedback-older");
    const form = byId<HTMLFormElement>("feedback-scope");
    const choice = byId<HTMLSelectElement>("feedback-scope-choice");
    const names = loadNames(me);
    let shown = false;
    let loading = false;
    let next: string | undefined;
    let count = 0;
    let scope: Scope | undefined;
    const serviceNames = new Map<string, string>();

    async function load(wanted: Scope | undefined, more: boolean): Promise<void> {
      const query = new URLSearchParams(wanted ?? {});
      if (more && next) query.set("before", next);
      const result = await getStaff<ApprovedPage>(`/api/staff/feedback?${query}`);
      if (!result.ok) {
        if (result.status === 403 || (!shown && result.status === 404)) {
          showLoadError(result.status, result.error);
          return;
        }
        if (!more) rows.replaceChildren();
        empty.hidden = true;
        status.textContent = "";
        byId("feedback-problem-message").textContent = result.error.message;
        problem.hidden = false;
        if (!shown) showContent();
        shown = true;
        byId("feedback-problem-heading").focus();
        return;
      }
      const page = result.data;
      const known = await names;
      problem.hidden = true;
      scope = page.scope;
      if (!more) {
        rows.replaceChildren();
        count = 0;
      }
      const managed = "organisationId" in page.scope && mayIn(me, "feedback.feature", page.scope.organisationId);
      const shownTexts = managed ? await shownOnPages(page.pieces) : new Set<string>();
      rows.append(...page.pieces.map((p) => row(p, { me, scope: page.scope, names: known, shownTexts })));
      for (const p of page.pieces) serviceNames.set(p.serviceId, p.serviceName);
      if (!more) void loadUnanswered(serviceNames, mayEver(me, "group_report.read"));
      count += page.pieces.length;
      next = page.before;
      older.hidden = !next;
      const about = scopeName(page.scope, known);
      byId("feedback-intro").textContent = `What people said about ${about}, newest first.`;
      empty.hidden = count > 0;
      byId("feedback-empty-hint").textContent =
        `When someone writes about ${about}, a moderator reads it first and removes anything that could identify them. It appears here once it is approved. ` +
        "Answers given without words count in the statistics but are not shown here.";
      status.textContent = count === 0 ? `No feedback about ${about} yet.` : `Showing ${count} ${count === 1 ? "piece" : "pieces"} of feedback about ${about}${next ? "." : ": that is all of it."}`;

      const scopes = scopesOf(page.scopes);
      if (scopes.length > 1 && !shown) {
        choice.replaceChildren(...scopes.map((s) => el("option", { value: scopeValue(s) }, scopeLabel(s, known))));
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
    byId("feedback-retry").addEventListener("click", async () => {
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
  });
}
