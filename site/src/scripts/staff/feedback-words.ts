import { AGREEMENT, FEEDBACK_USAGE, OUTCOME_STATEMENTS, type Agreement, type FeedbackUsage, type ModerationState, type OutcomeStatement } from "../../../../functions/domain/feedback-labels";
import { el } from "../dom";
import type { Redaction } from "./redaction-edit";

/**
 * What the moderation and approved-feedback APIs return (functions/features/feedback.ts), and the
 * words both pages share. Written here, like routes.ts, so no page script pulls zod in.
 */

export type Scores = Partial<Record<OutcomeStatement, Agreement>>;
type Decided = { by: { accountId: string; name: string }; at: string };

/** One row of the moderation queue: no text, so the list can be read over a shoulder. */
export type QueuedPiece = { kind: "feedback"; id: string; serviceName: string; receivedAt: string; safeguarding?: { actioned: boolean } };
/** A contributors' group's report waiting for a moderator (functions/features/groups.ts). */
export type QueuedReport = { kind: "group-report"; id: string; groupId: string; groupName: string; receivedAt: string };
/** A provider's answer to feedback or a group report (functions/features/responses.ts). */
export type QueuedResponse = {
  kind: "response";
  target: "feedback" | "group-report";
  targetId: string;
  groupId?: string;
  organisationId: string;
  organisationName: string;
  receivedAt: string;
};
/** One row of the queue, of any kind. */
export type Queued = QueuedPiece | QueuedReport | QueuedResponse;

/** One piece as a moderator opens it (audited): the original text and the redactions OneDoor proposes. */
export type PieceToModerate = {
  id: string;
  serviceName: string;
  receivedAt: string;
  state: ModerationState;
  usage?: FeedbackUsage;
  scores: Scores;
  fromCheckIn: boolean;
  text: string;
  proposals: Redaction[];
  redactions?: Redaction[];
  redactedText?: string;
  decided?: Decided & { reason?: string };
  safeguarding?: { phrases: string[]; feltUnsafe: boolean; actioned?: Decided & { action?: string } };
};

/** One approved, redacted piece as providers and commissioners read it. */
/** `mayShowPublicly` is missing from copies approved before it was kept: the API then decides (409 voice.not_agreed). */
export type ApprovedPiece = { id: string; serviceId: string; serviceName: string; usage?: FeedbackUsage; scores: Scores; month: string; text: string; mayShowPublicly?: boolean };

export type ApprovedPage = {
  scope: { organisationId: string } | { areaId: string };
  scopes: { organisationIds: string[]; areaIds: string[] };
  pieces: ApprovedPiece[];
  before?: string;
};

/** "I used it", in the words a reader of the list expects: how the person knows the service. */
export const usageWords = (usage: FeedbackUsage | undefined) => (usage ? FEEDBACK_USAGE[usage] : "Not said");

/**
 * The scores given, each statement with its answer in words ("I felt listened to: Agree"), after
 * any facts given first; skipped statements are left out.
 */
export function scoreFacts(scores: Scores, first: [string, string][] = []): HTMLElement {
  const given = (Object.keys(OUTCOME_STATEMENTS) as OutcomeStatement[]).filter((s) => scores[s] !== undefined);
  const rows: [string, string][] = [...first, ...given.map((s): [string, string] => [OUTCOME_STATEMENTS[s], AGREEMENT[scores[s]!]])];
  if (!given.length) rows.push(["Their answers", "They did not answer the questions"]);
  return el("dl", { class: "feedback-scores" }, ...rows.flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]));
}

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "December 2026" for "2026-12": feedback is shown by month, never by day. */
export const monthWords = (month: string) => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
