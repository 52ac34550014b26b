import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Agreement, FeedbackUsage, ModerationState, OutcomeStatement } from "../domain/feedback";
import type { RedactionSpan } from "../domain/redaction-labels";
import type { Database } from "./client";
import { getIdempotency, idempotencyPut } from "./idempotency";
import { addCounters, strip } from "./items";
import { putIfUnchanged, transactIfUnchanged } from "./conditions";
import { keys } from "./keys";
import { newestFirst, ofType, partition, queryAll } from "./query-all";
import { countInWindow, type WindowLimit } from "./rate-limits";

/** Who decided, and when: a moderator's name is shown to other moderators, never to providers. */
type Decided = { by: { accountId: string; name: string }; at: string };

/** A piece of feedback as stored. Its free text is only ever in `sealed` until a moderator approves a redacted copy. */
export type StoredFeedback = {
  id: string;
  serviceId: string;
  organisationId: string;
  /** The areas the service covers, copied so approval can file the copy for each area's commissioners. */
  areaIds: string[];
  usage?: FeedbackUsage;
  scores: Partial<Record<OutcomeStatement, Agreement>>;
  /** Given after checking in: counted as from someone who used the service. Nothing links it to the request. */
  fromCheckIn: boolean;
  /** The person agreed their (redacted) words may appear on the service's public page. */
  mayShowPublicly: boolean;
  createdAt: string;
  /** One more with each change, so two moderators cannot both decide. */
  version: number;
  state: ModerationState;
  /** Encrypted: `text` (the original), `phrases` (the words that suggested risk, as JSON), `safeguardingAction`, `rejectReason`. */
  sealed: Record<string, string>;
  /** Set when the text or "I felt safe" suggested someone may be at risk now. */
  safeguarding?: { feltUnsafe: boolean; actioned?: Decided };
  /** Approved only: the redacted text, the one version anyone else may read. */
  redactedText?: string;
  /** Where the moderator's redactions were; never the words they removed. */
  redactions?: RedactionSpan[];
  decided?: Decided;
  /** Epoch seconds when the whole piece, original included, goes (the table's TTL). */
  expiresAt: number;
};

/** What providers and commissioners are shown of an approved piece: no equality answers, no exact date. */
export type ApprovedFeedback = Pick<StoredFeedback, "id" | "serviceId" | "organisationId" | "usage" | "scores" | "mayShowPublicly"> & { month: string; text: string; approvedAt: string };

/** What a retried submission is answered with. */
export type FeedbackIdempotency = { feedbackId: string; answersHash: string; safeguarding: boolean };

export type FeedbackCreateOutcome = "created" | "already-submitted" | "rate-limited" | "busy";

/** Feedback, its moderation queue, the approved copies and the counters kept up with them. */
export function feedbackRepository(db: Database) {
  const TableName = db.tableName;
  const feedbackItem = (f: StoredFeedback) => ({
    ...f,
    ...keys.feedback(f.id),
    ...(f.state === "pending" ? keys.feedbackInModeration(!!f.safeguarding && !f.safeguarding.actioned, f.createdAt, f.id) : {}),
    type: "feedback",
  });
  const fromItem = (item: Record<string, unknown>) => ({ ...strip(item), expiresAt: Number(item.expiresAt) }) as StoredFeedback;

  return {
    /**
     * Stores a piece, its retry answer, the sender's count and its counters in one transaction:
     * all of it or none of it, so a refused or failed submission leaves nothing behind.
     */
    async create(input: {
      feedback: StoredFeedback;
      idempotencyKeyHash: string;
      idempotency: FeedbackIdempotency;
      idempotencyExpiresAt: number;
      limit: WindowLimit;
      counters: { service: Record<string, number>; area: Record<string, number> };
    }): Promise<FeedbackCreateOutcome> {
      const { feedback } = input;
      const month = feedback.createdAt.slice(0, 7);
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              idempotencyPut(TableName, input.idempotencyKeyHash, input.idempotency, input.idempotencyExpiresAt),
              { Update: countInWindow(TableName, input.limit) },
              { Put: { TableName, Item: feedbackItem(feedback), ConditionExpression: "attribute_not_exists(pk)" } },
              { Update: addCounters(TableName, keys.feedbackStatsOfService(feedback.serviceId, month), input.counters.service) },
              ...feedback.areaIds.map((areaId) => ({ Update: addCounters(TableName, keys.feedbackStatsOfArea(areaId, month), input.counters.area) })),
            ],
          }),
        );
        return "created";
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === "ConditionalCheckFailed") return "already-submitted";
        if (reasons[1]?.Code === "ConditionalCheckFailed") return "rate-limited";
        if (reasons.some((r) => r.Code === "TransactionConflict")) return "busy";
        throw error;
      }
    },

    getIdempotency: (keyHash: string) => getIdempotency<FeedbackIdempotency>(db, keyHash),

    async get(id: string): Promise<StoredFeedback | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.feedback(id), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    /** Everything waiting for a moderator: possible risk first, then oldest first. */
    async moderationQueue(): Promise<StoredFeedback[]> {
      return (await queryAll(db, ofType(partition(keys.moderationQueue().gsi1pk, { index: "gsi1" }), "feedback"))).map(fromItem);
    },

    /**
     * Saves a moderator's change to a piece, if nobody changed it meanwhile. An approval files
     * the redacted copy for the organisation and each area, and counts it, in the same transaction.
     */
    async change(before: StoredFeedback, after: StoredFeedback, approved?: ApprovedFeedback): Promise<boolean> {
      const copies = approved
        ? [keys.approvedFeedbackOfOrganisation(after.organisationId, approved.approvedAt, after.id), ...after.areaIds.map((a) => keys.approvedFeedbackInArea(a, approved.approvedAt, after.id))]
        : [];
      return transactIfUnchanged(db, [
        putIfUnchanged(TableName, feedbackItem(after), before),
        // The copies go with the piece at the end of its retention period.
        ...copies.map((key) => ({ Put: { TableName, Item: { ...approved, ...key, expiresAt: after.expiresAt, type: "approved-feedback" } } })),
        // Unanswered until the organisation's response is approved ("you said, we did").
        // It goes with the piece: once the piece is gone it can no longer be answered.
        ...(approved
          ? [{ Put: { TableName, Item: { ...keys.unanswered(after.organisationId, approved.approvedAt, "feedback", after.id), target: "feedback", targetId: after.id, serviceId: after.serviceId, areaIds: after.areaIds, approvedAt: approved.approvedAt, expiresAt: after.expiresAt, type: "unanswered" } } }]
          : []),
        ...(approved ? [{ Update: addCounters(TableName, keys.feedbackStatsOfService(after.serviceId, after.createdAt.slice(0, 7)), { approved: 1 }) }] : []),
      ]);
    },

    /** Approved pieces for an organisation's staff or an area's commissioners, newest first, a page at a time. */
    async approved(scope: { organisationId: string } | { areaId: string }, page: { limit: number; before?: string }) {
      const { pk } = "organisationId" in scope ? keys.approvedFeedbackOfOrganisationPartition(scope.organisationId) : keys.approvedFeedbackInAreaPartition(scope.areaId);
      const { items, before } = await newestFirst(db, pk, page);
      return { items: items.map((i) => strip(i) as ApprovedFeedback), before };
    },

    /** The counters of one service for one month (what statistics read, never the pieces). */
    async serviceCounters(serviceId: string, month: string): Promise<Record<string, number>> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.feedbackStatsOfService(serviceId, month) }));
      return out.Item ? (strip(out.Item) as Record<string, number>) : {};
    },

    async areaCounters(areaId: string, month: string): Promise<Record<string, number>> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.feedbackStatsOfArea(areaId, month) }));
      return out.Item ? (strip(out.Item) as Record<string, number>) : {};
    },
  };
}

export type FeedbackRepository = ReturnType<typeof feedbackRepository>;
