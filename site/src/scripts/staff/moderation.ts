import { byId, el } from "../dom";
import { getStaff } from "./api";
import type { Queued, QueuedPiece, QueuedReport, QueuedResponse } from "./feedback-words";
import { loadList } from "./list-page";
import { formatDateTime, showSuccess, startStaffPage } from "./page";
import { ago } from "./routes";

/** The link to one piece's page. */
export const pieceHref = (id: string) => `/staff/moderation/piece/?${new URLSearchParams({ id })}`;

/** The link to a group report's page, by ids alone. */
export const reportHref = (groupId: string, id: string) => `/staff/moderation/texts/?${new URLSearchParams({ groupId, id })}`;

/** The link to a provider's answer's page, by ids alone. */
export const responseHref = (r: Pick<QueuedResponse, "target" | "targetId" | "organisationId" | "groupId">) =>
  `/staff/moderation/texts/?${new URLSearchParams({ target: r.target, targetId: r.targetId, organisationId: r.organisationId, ...(r.groupId ? { groupId: r.groupId } : {}) })}`;

/** What was decided on: feedback, a group report or an answer. */
export type DecidedKind = "feedback" | "report" | "response";

/** Where a moderation page sends a moderator once they have decided, and what the queue then says. */
export const decidedHref = (decision: "approved" | "rejected", kind: DecidedKind = "feedback") =>
  `/staff/moderation/?${new URLSearchParams({ decided: kind === "feedback" ? decision : `${kind}-${decision}` })}`;

const DECIDED: Record<string, [string, string]> = {
  approved: ["Feedback approved", "Its staff and the commissioners for its area can now read the redacted text."],
  rejected: ["Feedback rejected", "Nobody else will read it. Its scores still count in the statistics."],
  "report-approved": ["Group report approved", "Everyone it is for can now read the redacted report."],
  "report-rejected": ["Group report sent back", "Nobody else will read it. The facilitator can see why you sent it back."],
  "response-approved": ["Answer approved", "Everyone who reads what it answers can now read the redacted answer."],
  "response-rejected": ["Answer sent back", "Nobody else will read it. The provider's managers can write a new one."],
};

const received = (at: string) => el("p", {}, "Received ", el("time", { datetime: at }, `${ago(at)} (${formatDateTime(at)})`));

/** A key for a row, so a test or a later change can find it: ids only. */
const rowId = (item: Queued) => (item.kind === "response" ? `${item.target}:${item.targetId}:${item.organisationId}` : item.id);

/** One piece in the queue: the service, when it came and whether it may mean someone is at risk. Never its text. */
function pieceRow(piece: QueuedPiece): HTMLLIElement {
  const risk = piece.safeguarding;
  return el(
    "li",
    { class: `card${risk && !risk.actioned ? " moderation-row--risk" : ""}`, "data-id": piece.id },
    el("h2", { class: "staff-card-title" }, el("a", { href: pieceHref(piece.id) }, "Feedback about ", piece.serviceName)),
    risk
      ? el(
          "ul",
          { class: "inbox-tags" },
          el("li", {}, el("span", { class: "tag tag--urgent" }, "May mean someone is at risk")),
          el("li", {}, risk.actioned ? el("span", { class: "tag tag--open" }, "What was done is recorded") : el("span", { class: "tag" }, "Nothing recorded yet")),
        )
      : null,
    received(piece.receivedAt),
  );
}

/** A group's report: the group's name and when it was sent. */
function reportRow(report: QueuedReport): HTMLLIElement {
  return el(
    "li",
    { class: "card", "data-id": rowId(report) },
    el("h2", { class: "staff-card-title" }, el("a", { href: reportHref(report.groupId, report.id) }, "Group report from ", report.groupName)),
    received(report.receivedAt),
  );
}

/** A provider's answer: who wrote it and what it answers. */
function responseRow(response: QueuedResponse): HTMLLIElement {
  return el(
    "li",
    { class: "card", "data-id": rowId(response) },
    el("h2", { class: "staff-card-title" }, el("a", { href: responseHref(response) }, "Answer from ", response.organisationName)),
    el("p", {}, response.target === "feedback" ? "An answer to feedback about one of their services." : "An answer to a group report."),
    received(response.receivedAt),
  );
}

const row = (item: Queued) => (item.kind === "feedback" ? pieceRow(item) : item.kind === "group-report" ? reportRow(item) : responseRow(item));

const atRisk = (item: Queued) => item.kind === "feedback" && !!item.safeguarding && !item.safeguarding.actioned;

/** Feedback that may mean someone is at risk first, then everything else, oldest first. */
export function queueOrder(items: readonly Queued[]): Queued[] {
  return [...items].sort((a, b) => Number(atRisk(b)) - Number(atRisk(a)) || a.receivedAt.localeCompare(b.receivedAt));
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the status line says is waiting: each kind counted, and how many may mean someone is at risk. */
export function waitingWords(items: readonly Queued[]): string {
  if (items.length === 0) return "Nothing is waiting.";
  const of = (kind: Queued["kind"]) => items.filter((i) => i.kind === kind).length;
  const parts = [
    of("feedback") ? count(of("feedback"), "piece of feedback", "pieces of feedback") : "",
    of("group-report") ? count(of("group-report"), "group report", "group reports") : "",
    of("response") ? count(of("response"), "answer from a provider", "answers from providers") : "",
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  const risky = items.filter(atRisk).length;
  const risk = risky === 0 ? "" : items.length === 1 ? " It may mean someone is at risk." : ` ${count(risky, "piece", "pieces")} of feedback may mean someone is at risk.`;
  return `Waiting: ${list}.${risk}`;
}

/**
 * The moderation queue (PRODUCT.md J9): feedback, contributors' group reports and providers'
 * answers waiting for a moderator, feedback at possible risk first. After a decision the page
 * comes back here with `?decided=`, said once.
 */
export function startModerationQueue(): Promise<void> {
  return startStaffPage(async () => {
    const shown = await loadList("moderation", () => getStaff<{ pieces: Queued[] }>("/api/staff/moderation"), (data, { rows, status }) => {
      const items = queueOrder(data.pieces);
      rows.replaceChildren(...items.map(row));
      status.textContent = waitingWords(items);
      return items.length;
    });

    const decided = DECIDED[new URLSearchParams(window.location.search).get("decided") ?? ""];
    if (decided && shown) {
      // Said once: a reload or a bookmark must not say it again.
      history.replaceState(null, "", window.location.pathname);
      showSuccess(byId("moderation-done"), decided[0], el("p", {}, decided[1]));
    }
  });
}
