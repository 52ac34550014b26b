import { RESPONSE_STATUSES, type ResponseStatus } from "../../../../functions/domain/response-labels";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff, type ApiError } from "./api";
import type { Queued } from "./feedback-words";
import { clearAllErrors, onSubmit, showFormErrors, textOf } from "./form";
import type { Theme } from "./group-words";
import { decidedHref } from "./moderation";
import { formatDate, formatDateTime, setTitle, showContent, showState, showLoadError, startStaffPage } from "./page";
import { previewRedacted, type Redaction } from "./redaction-edit";
import { chosenOf, choiceList, marked, suggested, tickedWords, onRemoveWords, watchSelection, withWordsRemoved, type Entry } from "./redaction-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Decided = { by: { accountId: string; name: string }; at: string };

/** A group report as a moderator opens it (functions/features/groups.ts `open`). */
type ReportToModerate = {
  id: string;
  groupId: string;
  areaId: string;
  date: string;
  participants: number;
  themes: string[];
  addressedTo: { serviceIds: string[]; organisationIds: string[]; commissioners: boolean };
  mayShowPublicly: boolean;
  state: "pending" | "approved" | "rejected";
  sentAt?: string;
  createdAt: string;
  decided?: Decided;
  texts: Record<string, string>;
  proposals: Record<string, Redaction[]>;
  redactions?: Record<string, Redaction[]>;
};

/** A provider's answer as a moderator opens it (functions/features/responses.ts `open`). */
type ResponseToModerate = {
  pending: { status: ResponseStatus; at: string; text: string; why?: string };
  proposals: { text: Redaction[]; why: Redaction[] };
};

type PublicService = { id: string; name: string; organisation: { id: string; name: string } };

/** What the page is for, from its query: ids only. */
type Subject =
  | { kind: "report"; groupId: string; id: string }
  | { kind: "response"; target: "feedback" | "group-report"; targetId: string; organisationId: string; groupId?: string };

/** One text on the page: its field in the API, its name for a moderator, and its redactions. */
type Part = { field: string; name: string; text: string; proposals: Redaction[]; entries: Entry[] };

function subjectOf(query: URLSearchParams): Subject | undefined {
  const ok = (v: string | null): v is string => !!v && UUID.test(v);
  const target = query.get("target");
  if (target) {
    const [targetId, organisationId, groupId] = [query.get("targetId"), query.get("organisationId"), query.get("groupId")];
    if ((target !== "feedback" && target !== "group-report") || !ok(targetId) || !ok(organisationId)) return undefined;
    if (target === "group-report" && !ok(groupId)) return undefined;
    return { kind: "response", target, targetId, organisationId, ...(ok(groupId) ? { groupId } : {}) };
  }
  const [groupId, id] = [query.get("groupId"), query.get("id")];
  return ok(groupId) && ok(id) ? { kind: "report", groupId, id } : undefined;
}

/** The API's name for a text, in a moderator's words: "Summary", "Quote 1"… */
function partName(field: string): string {
  if (field === "summary") return "Summary";
  if (field === "recommendations") return "Recommendations";
  const quote = /^quote\.(\d+)$/.exec(field);
  return quote ? `Quote ${Number(quote[1]) + 1}` : field;
}

/** A text as the words "from …" end: "the summary", "quote 2", "their answer". */
function partIn(field: string): string {
  if (field === "text") return "their answer";
  if (field === "why") return "why they cannot change it";
  if (field === "summary" || field === "recommendations") return `the ${field}`;
  return partName(field).toLowerCase();
}

/** One label and its value in a description list. */
const fact = (label: string, ...value: (Node | string)[]) => [el("dt", {}, label), el("dd", {}, ...value)];

/** "a, b and c". */
const listed = (items: readonly string[]) => (items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? ""));

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

function notFound(subject?: Subject): void {
  const what = subject?.kind === "response" ? "that answer" : "that report";
  showState(`We could not find ${what}`, "Not found", [
    el(
      "p",
      { class: "lead" },
      subject?.kind === "response"
        ? "It may have been approved or sent back already, or the link may be wrong."
        : "It may have been deleted at the end of the time OneDoor keeps reports, or the link may be wrong.",
    ),
    el("p", {}, el("a", { href: "/staff/moderation/" }, "Go to moderation")),
  ]);
}

/** The API path of the subject's own record, and of its decision. */
function pathsOf(subject: Subject): { open: string; decide: string } {
  if (subject.kind === "report") {
    const base = `/api/staff/moderation/group-reports/${encodeURIComponent(subject.groupId)}/${encodeURIComponent(subject.id)}`;
    return { open: base, decide: `${base}/decision` };
  }
  const query = new URLSearchParams({
    target: subject.target,
    targetId: subject.targetId,
    organisationId: subject.organisationId,
    ...(subject.groupId ? { groupId: subject.groupId } : {}),
  });
  return { open: `/api/staff/moderation/responses?${query}`, decide: `/api/staff/moderation/responses/decision?${query}` };
}

/**
 * The names of the services and organisations a report is for, from the public directory: the
 * services of the group's area in one search, then any service not among them by its own id.
 * Moderators may not list organisations, so one known only by its id is "another organisation".
 */
async function addresseesOf(report: ReportToModerate): Promise<string[]> {
  const services = new Map<string, string>();
  const organisations = new Map<string, string>();
  const found = (s: PublicService) => {
    services.set(s.id, s.name);
    if (s.organisation.name) organisations.set(s.organisation.id, s.organisation.name);
  };
  const inArea = await getJson<{ services: PublicService[] }>(`/api/services?${new URLSearchParams({ area: report.areaId, perPage: "50" })}`);
  if (inArea.ok) inArea.data.services.forEach(found);
  await Promise.all(
    report.addressedTo.serviceIds
      .filter((id) => !services.has(id))
      .map(async (id) => {
        const one = await getJson<{ service: PublicService }>(`/api/services/${encodeURIComponent(id)}`);
        if (one.ok) found(one.data.service);
      }),
  );
  return [
    ...report.addressedTo.serviceIds.map((id) => services.get(id) ?? "A service that is no longer in OneDoor"),
    ...report.addressedTo.organisationIds.map((id) => organisations.get(id) ?? "Another organisation in OneDoor"),
    ...(report.addressedTo.commissioners ? ["the area's commissioners"] : []),
  ];
}

/** The queue's name for this subject (the group's, the organisation's): moderators read them nowhere else. */
async function nameInQueue(subject: Subject): Promise<string | undefined> {
  const queue = await getStaff<{ pieces: Queued[] }>("/api/staff/moderation");
  if (!queue.ok) return undefined;
  for (const item of queue.data.pieces) {
    if (subject.kind === "report" && item.kind === "group-report" && item.id === subject.id) return item.groupName;
    if (subject.kind === "response" && item.kind === "response" && item.targetId === subject.targetId && item.organisationId === subject.organisationId) return item.organisationName;
  }
  return undefined;
}

/**
 * A contributors' group report, or a provider's answer, for a moderator (J9): each text with
 * OneDoor's proposed redactions marked and tick boxes to keep or undo them, one form to remove more
 * words from every text, a live preview of what readers will see, then approve or send back.
 * Opening it is audited by the API.
 */
export function startModerationTexts(): Promise<void> {
  return startStaffPage(async () => {
    const subject = subjectOf(new URLSearchParams(window.location.search));
    if (!subject) {
      notFound();
      return;
    }
    const paths = pathsOf(subject);
    const isReport = subject.kind === "report";
    const [opened, name, themes] = await Promise.all([
      isReport ? getStaff<{ report: ReportToModerate }>(paths.open) : getStaff<{ response: ResponseToModerate }>(paths.open),
      nameInQueue(subject),
      isReport ? getStaff<{ themes: Theme[] }>("/api/staff/themes") : undefined,
    ]);
    if (!opened.ok) {
      if (opened.status === 404) notFound(subject);
      else showLoadError(opened.status, opened.error);
      return;
    }
    const report = isReport ? (opened.data as { report: ReportToModerate }).report : undefined;
    const response = isReport ? undefined : (opened.data as { response: ResponseToModerate }).response;

    const parts: Part[] = report
      ? Object.entries(report.texts).map(([field, text]) => ({ field, name: partName(field), text, proposals: report.proposals[field] ?? [], entries: suggested(report.proposals[field] ?? []) }))
      : [
          { field: "text", name: "Their answer", text: response!.pending.text, proposals: response!.proposals.text, entries: suggested(response!.proposals.text) },
          ...(response!.pending.why
            ? [{ field: "why", name: "Why they cannot change this", text: response!.pending.why, proposals: response!.proposals.why, entries: suggested(response!.proposals.why) }]
            : []),
        ];
    const pending = !report || report.state === "pending";

    const status = byId("redaction-status");
    const redactionsForm = byId<HTMLFormElement>("redactions-form");
    const addForm = byId<HTMLFormElement>("add-form");
    const approveForm = byId<HTMLFormElement>("approve-form");
    const rejectForm = byId<HTMLFormElement>("reject-form");

    // Each text's own boxes on the page, made once; their contents change as redactions do.
    const boxes = parts.map((part, i) => ({
      part,
      text: el("div", { class: "moderation-text", id: `part-${i}-text` }),
      choices: el("div", { class: "choices", id: `part-${i}-choices` }),
      none: el("p", { class: "muted" }, "Nothing will be removed from this text."),
      preview: el("p", { class: "inbox-message", id: `part-${i}-preview` }),
    }));

    /** The text with its redactions marked, and what readers will see. */
    function showText(i: number): void {
      const { part, text, preview } = boxes[i]!;
      const redactions = pending ? chosenOf(part.entries) : report?.state === "approved" ? (report.redactions?.[part.field] ?? []) : [];
      text.replaceChildren(...marked(part.text, redactions));
      preview.textContent = previewRedacted(part.text, redactions);
    }

    /** The text's tick boxes, made again only when words are added: a tick must keep its box's focus. */
    function showChoices(i: number): void {
      const { part, choices, none } = boxes[i]!;
      choices.replaceChildren(
        ...choiceList(part.entries, `redaction-${i}`, (entry) => {
          showText(i);
          status.textContent = tickedWords(entry);
        }),
      );
      none.hidden = part.entries.length > 0;
    }

    const showPart = (i: number) => {
      showText(i);
      if (pending) showChoices(i);
    };

    const readers = report ? "Everyone the report is for will read this." : "Everyone who may read what it answers will read this.";
    byId("texts-list").replaceChildren(
      ...boxes.map(({ part, text, choices, none, preview }, i) =>
        el(
          "section",
          { class: "moderation-part", "aria-labelledby": `part-${i}-heading` },
          el("h2", { id: `part-${i}-heading` }, part.name),
          el("h3", {}, "As written"),
          el("p", { class: "hint" }, pending ? "Only moderators see this. Highlighted words will be removed." : "Only moderators see this."),
          text,
          pending
            ? el(
                "fieldset",
                { "aria-describedby": `part-${i}-hint` },
                el("legend", {}, `Words to remove from ${partIn(part.field)}`),
                el("span", { class: "hint", id: `part-${i}-hint` }, "OneDoor suggests these. Untick any that are safe to keep, such as the name of a service."),
                choices,
                none,
              )
            : null,
          ...(report?.state === "rejected" ? [] : [el("h3", {}, "What others will read"), el("p", { class: "hint" }, readers), preview]),
        ),
      ),
    );
    boxes.forEach((_, i) => showPart(i));

    // The heading, the intro and the facts.
    if (report) {
      byId("page-heading").textContent = name ? `Group report from ${name}` : "Group report";
      setTitle("Moderate a group report");
      byId("texts-intro").replaceChildren(
        el(
          "p",
          { class: "lead" },
          "A facilitator wrote this after a session of their contributors' group.",
          pending ? " Remove anything that could identify someone before anyone else reads it." : "",
        ),
      );
      const labels = new Map((themes?.ok ? themes.data.themes : []).map((t) => [t.code, t.label]));
      const received = report.sentAt ?? report.createdAt;
      byId("texts-facts").replaceChildren(
        ...fact("Session", formatDate(report.date)),
        ...fact("People who took part", String(report.participants)),
        ...fact("Themes", report.themes.length ? listed(report.themes.map((t) => labels.get(t) ?? t)) : "None chosen"),
        ...fact("Who it is for", capitalised(listed(await addresseesOf(report)))),
        ...fact(
          "May be shown publicly",
          report.mayShowPublicly ? "Yes: once approved, it also shows on the public pages of the services it is for." : "No: only the people it is for will read it.",
        ),
        ...fact("Sent to moderation", el("time", { datetime: received }, formatDateTime(received))),
      );
    } else {
      byId("page-heading").textContent = name ? `Answer from ${name}` : "Answer from a provider";
      setTitle("Moderate an answer");
      byId("texts-intro").replaceChildren(
        el(
          "p",
          { class: "lead" },
          subject.kind === "response" && subject.target === "group-report"
            ? "A provider's answer to a group report they were sent."
            : "A provider's answer to feedback about one of their services.",
        ),
        el("p", {}, "Check it only for personal data: anything that could identify someone, such as a name, a school or a phone number. Whether the answer is good enough is not for you to judge."),
      );
      byId("texts-facts").replaceChildren(
        ...fact("What they say", RESPONSE_STATUSES[response!.pending.status] ?? response!.pending.status),
        ...fact("Received", el("time", { datetime: response!.pending.at }, formatDateTime(response!.pending.at))),
      );
    }

    // A decided report: who decided and when, with what readers see; nothing left to change.
    byId("editor").hidden = !pending;
    byId("decision").hidden = !pending;
    if (report && !pending) {
      const by = report.decided ? [` by ${report.decided.by.name}, `, el("time", { datetime: report.decided.at }, formatDateTime(report.decided.at))] : [];
      const decided = byId("texts-decided");
      decided.replaceChildren(
        el("h2", { class: "staff-card-title" }, report.state === "approved" ? "This report has been approved" : "This report has been sent back"),
        el("p", {}, report.state === "approved" ? "Approved" : "Sent back", ...by, "."),
        el("p", {}, el("a", { href: "/staff/moderation/" }, "Go back to moderation")),
      );
      decided.hidden = false;
    }

    const selectedWords = watchSelection(() => boxes.map((b) => ({ box: b.text, text: b.part.text })));
    onRemoveWords(addForm, selectedWords, "a text", (words, kind) => {
      const results = parts.map((part) => withWordsRemoved(part.text, part.entries, part.proposals, words, kind));
      if (results.every((r) => r.found === 0)) {
        showFormErrors(addForm, [{ field: "words", message: "Those words are not in any of the texts. Type them exactly as they are written." }]);
        return;
      }
      clearAllErrors();
      const added = results.reduce((n, r) => n + r.added, 0);
      if (added === 0) {
        status.textContent = `“${words}” is already being removed.`;
        return;
      }
      results.forEach((r, i) => {
        parts[i]!.entries = r.entries;
        showPart(i);
      });
      byId<HTMLInputElement>("add-words").value = "";
      const where = parts.filter((_, i) => results[i]!.added > 0).map((p) => partIn(p.field));
      status.textContent = `“${words}” will be removed, in ${added} ${added === 1 ? "place" : "places"}: from ${listed(where)}.`;
    });

    /** 404: gone, or (for an answer) already decided. 409: decided or changed meanwhile, said on the form. */
    function showDecisionError(form: HTMLFormElement, statusCode: number, error: ApiError, linkTo: string): void {
      if (statusCode === 404) {
        notFound(subject);
        return;
      }
      showApiError(form, error, { linkTo });
    }

    const kind = isReport ? "report" : "response";

    onSubmit(approveForm, async () => {
      const redactions = report ? Object.fromEntries(parts.map((p) => [p.field, chosenOf(p.entries)])) : { text: chosenOf(parts[0]!.entries), why: parts[1] ? chosenOf(parts[1].entries) : [] };
      const sent = await sendStaff<{ state: string }>("POST", paths.decide, { decision: "approve", redactions });
      if (!sent.ok) {
        showDecisionError(redactionsForm, sent.status, sent.error, "approve-submit");
        return;
      }
      window.location.assign(decidedHref("approved", kind));
    });

    onSubmit(rejectForm, async () => {
      const reason = textOf(rejectForm, "reason");
      if (!reason) {
        showFormErrors(rejectForm, [{ field: "reason", message: "Say why you are sending it back." }]);
        return;
      }
      const sent = await sendStaff<{ state: string }>("POST", paths.decide, { decision: "reject", reason });
      if (!sent.ok) {
        showDecisionError(rejectForm, sent.status, sent.error, "reject-submit");
        return;
      }
      window.location.assign(decidedHref("rejected", kind));
    });

    showContent();
  });
}
