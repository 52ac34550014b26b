import type { PublicService } from "../../../../functions/domain/directory";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff, type ApiError } from "./api";
import { checkedOf, clearAllErrors, setChecked, setText, showFormErrors, textOf, type FieldError } from "./form";
import { consentMessage, STATE_WORDS, type Group, type Quote, type Report, type ReportInput, type Theme } from "./group-words";
import { formatDate, setTitle, showContent, showLoadError, showState, showSuccess, startStaffPage } from "./page";

const MESSAGES = {
  date: "Enter the date of the session, like 2026-11-28.",
  participants: "Enter how many people took part, as a number from 1 to 200.",
  summary: "Write a summary of at most 3,000 characters.",
  recommendations: "Write what the group would like to change in at most 3,000 characters.",
};

/** A unique key for each quote row: its fields' ids and `data-field` names start with it. */
let rowCount = 0;

const choice = (name: string, value: string, label: string) =>
  el("div", { class: "choice" }, el("input", { type: "checkbox", id: `${name}-${value}`, name, value }), el("label", { for: `${name}-${value}` }, label));

/** Numbers follow each quote's place in the list ("Quote 2"), renumbered when one is removed. */
function renumber(): void {
  const list = byId("quotes");
  Array.from(list.children).forEach((row, i) => {
    for (const span of Array.from(row.querySelectorAll("[data-number]"))) span.textContent = String(i + 1);
  });
  byId("quotes-empty").hidden = list.children.length > 0;
}

function quoteRow(quote?: Quote): HTMLLIElement {
  const key = `quote-${++rowCount}`;
  const row = el("li", { "data-key": key });
  const text = el("textarea", { id: `${key}-text`, rows: "3", maxlength: "500", "data-part": "text" });
  text.value = quote?.text ?? "";
  const consent = el("input", { type: "checkbox", id: `${key}-consent`, "data-part": "consent" });
  consent.checked = quote?.consent ?? false;
  const remove = el("button", { class: "button button--secondary", type: "button" }, "Remove", el("span", { class: "visually-hidden" }, " quote ", el("span", { "data-number": "" })));
  remove.addEventListener("click", () => {
    const number = row.querySelector("[data-number]")?.textContent ?? "";
    row.remove();
    renumber();
    byId("rows-status").textContent = `Quote ${number} removed.`;
    byId("quotes-heading").focus();
  });
  row.append(
    el(
      "fieldset",
      {},
      el("legend", {}, "Quote ", el("span", { "data-number": "" })),
      el("div", { class: "field", "data-field": `${key}-text` }, el("label", { class: "label", for: `${key}-text` }, "What they said"), text),
      el("div", { class: "field", "data-field": `${key}-consent` }, el("div", { class: "choice" }, consent, el("label", { for: `${key}-consent` }, "The person agreed to share this"))),
      el("p", {}, remove),
    ),
  );
  return row;
}

const rows = () => Array.from(byId("quotes").children) as HTMLElement[];
const part = (row: HTMLElement, name: string) => row.querySelector<HTMLInputElement & HTMLTextAreaElement>(`[data-part="${name}"]`)!;

/** The page's own check of the quotes: each needs words and the person's agreement, as the API says. */
function quoteErrors(): FieldError[] {
  return rows().flatMap((row, i) => {
    const key = row.dataset.key!;
    if (!part(row, "text").value.trim()) return [{ field: `${key}-text`, message: `Quote ${i + 1}: write the quote, or take it out.` }];
    if (!part(row, "consent").checked) return [{ field: `${key}-consent`, message: consentMessage(i + 1) }];
    return [];
  });
}

/**
 * An API error about a quote points at that quote's row: by its place in the field
 * ("quotes.1.text"), or, when the field does not say ("quotes.consent"), by the message's "Quote 2:".
 */
function quoteField(field: string, message: string): string {
  const place = field.match(/\d+/)?.[0];
  const index = place !== undefined ? Number(place) : Number(message.match(/^Quote (\d+)/)?.[1] ?? 1) - 1;
  const row = rows()[index];
  return row ? `${row.dataset.key}-${field.endsWith("consent") ? "consent" : "text"}` : "quotes";
}

/** The API's errors, each pointed at its box on this form. */
function placed(error: ApiError): ApiError {
  const fields = error.fields.map((f) => ({
    ...f,
    field: f.field.startsWith("quotes") ? quoteField(f.field, f.message) : f.field.startsWith("addressedTo") ? "addressedTo" : f.field,
  }));
  return { ...error, fields };
}

function inputFrom(form: HTMLFormElement): ReportInput {
  const participants = textOf(form, "participants");
  return {
    date: textOf(form, "date"),
    // A number if it is one; otherwise the words go as they are, so the API says what is wrong.
    participants: /^\d+$/.test(participants) ? Number(participants) : (participants as unknown as number),
    themes: checkedOf(form, "themes"),
    summary: textOf(form, "summary"),
    quotes: rows().map((row) => ({ text: part(row, "text").value.trim(), consent: part(row, "consent").checked })),
    recommendations: textOf(form, "recommendations"),
    addressedTo: {
      serviceIds: checkedOf(form, "serviceIds"),
      organisationIds: checkedOf(form, "organisationIds"),
      commissioners: (form.elements.namedItem("commissioners") as HTMLInputElement).checked,
    },
    mayShowPublicly: (form.elements.namedItem("mayShowPublicly") as HTMLInputElement).checked,
  };
}

function fill(form: HTMLFormElement, r: Report): void {
  setText(form, "date", r.date);
  setText(form, "participants", r.participants);
  setChecked(form, "themes", r.themes);
  setText(form, "summary", r.summary);
  setText(form, "recommendations", r.recommendations);
  setChecked(form, "serviceIds", r.addressedTo.serviceIds);
  setChecked(form, "organisationIds", r.addressedTo.organisationIds);
  (form.elements.namedItem("commissioners") as HTMLInputElement).checked = r.addressedTo.commissioners;
  (form.elements.namedItem("mayShowPublicly") as HTMLInputElement).checked = r.mayShowPublicly;
  byId("quotes").replaceChildren(...r.quotes.map(quoteRow));
  renumber();
}

/** Recording one session of a facilitator's group: a new draft, or a draft opened again, then sending it to moderation. */
export function startGroupReport(): Promise<void> {
  return startStaffPage(async () => {
    const query = new URLSearchParams(window.location.search);
    const groupId = query.get("group") ?? "";
    let reportId = query.get("id") ?? undefined;
    const groups = await getStaff<{ groups: Group[] }>("/api/staff/groups");
    if (!groups.ok) {
      showLoadError(groups.status, groups.error);
      return;
    }
    const group = groups.data.groups.find((g) => g.id === groupId);
    if (!group) {
      showState("We could not find that group", "Not found", [el("p", { class: "lead" }, "Choose a group from your list of groups."), el("p", {}, el("a", { href: "/staff/groups/" }, "Go to your groups"))]);
      return;
    }
    const base = `/api/staff/groups/${encodeURIComponent(group.id)}/reports`;
    const [themes, services, reports] = await Promise.all([
      getStaff<{ themes: Theme[] }>("/api/staff/themes"),
      // A facilitator cannot list the staff directory: the public search lists the area's services.
      getJson<{ services: PublicService[] }>(`/api/services?${new URLSearchParams({ area: group.areaId, perPage: "50" })}`),
      getStaff<{ reports: Report[] }>(base),
    ]);
    if (!reports.ok) {
      showLoadError(reports.status, reports.error);
      return;
    }
    const report = reportId ? reports.data.reports.find((r) => r.id === reportId) : undefined;
    if (reportId && !report) {
      showState("We could not find that report", "Not found", [el("p", { class: "lead" }, "It may have been removed."), el("p", {}, el("a", { href: "/staff/groups/" }, "Go to your groups"))]);
      return;
    }
    // A report a moderator sent back opens for changes, like a draft; one waiting or approved is read-only.
    if (report && report.state !== "draft" && report.state !== "rejected") {
      showState(`Session on ${formatDate(`${report.date}T12:00:00Z`)}`, "Session report", [
        el("p", { class: "lead" }, `${STATE_WORDS[report.state]}. This report has been sent to moderation, so it can no longer be changed.`),
        el("p", {}, el("a", { href: "/staff/groups/" }, "Go to your groups")),
      ]);
      return;
    }

    byId("group-caption").textContent = group.name;
    if (report) {
      const heading = report.state === "rejected" ? "Change a report that was sent back" : "Change a draft";
      byId("page-heading").textContent = heading;
      setTitle(heading);
    }
    if (report?.state === "rejected") {
      byId("sent-back-reason").textContent = report.decided?.reason ?? "The moderator did not say why.";
      byId("sent-back").hidden = false;
    }
    byId("theme-choices").replaceChildren(...(themes.ok ? themes.data.themes : []).map((t) => choice("themes", t.code, t.label)));
    const serviceList = services.ok ? services.data.services : [];
    byId("service-choices").replaceChildren(...serviceList.map((s) => choice("serviceIds", s.id, s.name)));
    byId("services-empty").hidden = serviceList.length > 0;
    const organisations = new Map(serviceList.map((s) => [s.organisation.id, s.organisation.name]));
    byId("organisation-choices").replaceChildren(...[...organisations].sort((a, b) => a[1].localeCompare(b[1], "en-GB")).map(([id, name]) => choice("organisationIds", id, name)));

    const form = byId<HTMLFormElement>("report-form");
    const done = byId("save-done");
    if (report) fill(form, report);
    else {
      setText(form, "date", new Date().toISOString().slice(0, 10));
      renumber();
    }
    byId("quotes-add").addEventListener("click", () => {
      const row = quoteRow();
      byId("quotes").append(row);
      renumber();
      byId("rows-status").textContent = "";
      row.querySelector("textarea")?.focus();
    });

    let busy = false;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (busy) return;
      const send = (event.submitter as HTMLButtonElement | null)?.value === "send";
      const own = quoteErrors();
      if (own.length) {
        done.hidden = true;
        showFormErrors(form, own);
        return;
      }
      busy = true;
      void (async () => {
        done.hidden = true;
        const body = inputFrom(form);
        const saved = reportId
          ? await sendStaff<{ id: string; state: string }>("PUT", `${base}/${encodeURIComponent(reportId)}`, body)
          : await sendStaff<{ id: string; state: string }>("POST", base, body);
        if (!saved.ok) {
          showApiError(form, placed(saved.error), { messages: MESSAGES });
          return;
        }
        if (!reportId) {
          reportId = saved.data.id;
          // Reloading now opens this draft, rather than starting another.
          history.replaceState(null, "", `?${new URLSearchParams({ group: group.id, id: reportId })}`);
          byId("page-heading").textContent = "Change a draft";
          setTitle("Change a draft");
        }
        // Saved again, a report that was sent back is a draft: the moderator's reason has gone with the decision.
        byId("sent-back").hidden = true;
        if (!send) {
          clearAllErrors();
          showSuccess(done, "Draft saved", el("p", {}, "Only you can see it. You can come back and change it until you send it to moderation."), el("p", {}, el("a", { href: "/staff/groups/" }, "Back to your groups")));
          return;
        }
        const sent = await sendStaff<{ id: string; state: string }>("POST", `${base}/${encodeURIComponent(reportId)}/send`);
        if (!sent.ok) {
          showApiError(form, placed(sent.error), { messages: MESSAGES });
          return;
        }
        clearAllErrors();
        form.hidden = true;
        byId("page-heading").textContent = "Sent to moderation";
        setTitle("Sent to moderation");
        showSuccess(
          done,
          "Thank you, the report is waiting for a moderator",
          el("p", {}, "Nobody else reads it until a moderator approves it. They may take out anything that could show who someone is, or send it back to you with a reason."),
          el("p", {}, el("a", { href: "/staff/groups/" }, "Back to your groups")),
        );
      })().finally(() => {
        busy = false;
      });
    });
    showContent();
  });
}
