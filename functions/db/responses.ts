import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { putIfUnchanged, transactIfUnchanged } from "./conditions";
import type { ResponseStatus, ResponseTarget } from "../domain/responses";
import type { Database } from "./client";
import { strip } from "./items";
import { keys } from "./keys";
import { ofType, partition, queryAll } from "./query-all";

type By = { accountId: string; name: string };

/** One approved version of a response, as everyone it is for reads it. */
export type ResponseVersion = { status: ResponseStatus; text: string; why?: string; at: string };

/** An organisation's response to one target: what is live, what waits for a moderator, and every earlier version. */
export type StoredResponse = {
  target: ResponseTarget;
  targetId: string;
  /** For a group report: its group (the report's key needs it). */
  groupId?: string;
  organisationId: string;
  /** When the target was approved: where its "unanswered" entry sits. */
  targetApprovedAt: string;
  current?: ResponseVersion;
  history: ResponseVersion[];
  /** Waiting for a moderator: its texts encrypted (`text`, `why`). */
  pending?: { status: ResponseStatus; sealed: Record<string, string>; at: string; by: By };
  /** Sent back by a moderator: the reason encrypted (`reason`), as the texts it is about are. */
  sentBack?: { sealed: Record<string, string>; at: string };
  version: number;
  /** Epoch seconds: it goes with what it answers (the table's TTL). */
  expiresAt: number;
};

/** Responses ("you said, we did") and the list of what is still unanswered. */
export function responseRepository(db: Database) {
  const TableName = db.tableName;
  const item = (r: StoredResponse) => ({
    ...r,
    ...keys.response(r.target, r.targetId, r.organisationId),
    ...(r.pending ? keys.responseInModeration(r.pending.at, r.target, r.targetId, r.organisationId) : {}),
    type: "response",
  });
  const fromItem = (i: Record<string, unknown>) => ({ ...strip(i), expiresAt: Number(i.expiresAt) }) as StoredResponse;

  return {
    async get(target: ResponseTarget, targetId: string, organisationId: string): Promise<StoredResponse | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.response(target, targetId, organisationId), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    /** Every organisation's response to one piece or report. */
    async responsesTo(target: ResponseTarget, targetId: string): Promise<StoredResponse[]> {
      return (await queryAll(db, partition(keys.responsesTo(target, targetId).pk))).map(fromItem);
    },

    async inModeration(): Promise<StoredResponse[]> {
      return (await queryAll(db, ofType(partition(keys.moderationQueue().gsi1pk, { index: "gsi1" }), "response"))).map(fromItem);
    },

    /**
     * Saves a response if nobody changed it meanwhile. The first approved version also takes the
     * target off the organisation's unanswered list, in the same transaction.
     */
    async save(after: StoredResponse, before: StoredResponse | undefined, options: { answered?: boolean; also?: object[] } = {}): Promise<boolean> {
      return transactIfUnchanged(db, [
        putIfUnchanged(TableName, item(after), before),
        ...(options.answered ? [{ Delete: { TableName, Key: keys.unanswered(after.organisationId, after.targetApprovedAt, after.target, after.targetId) } }] : []),
        ...(options.also ?? []),
      ]);
    },

    /** An organisation's targets approved before `before` and still unanswered, oldest first. */
    async unanswered(organisationId: string, before: string): Promise<{ target: ResponseTarget; targetId: string; groupId?: string; serviceId?: string; areaIds: string[]; approvedAt: string }[]> {
      const out = await db.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: "pk = :pk AND sk < :before",
          ExpressionAttributeValues: { ":pk": keys.unansweredOf(organisationId).pk, ":before": before },
          Limit: 200,
        }),
      );
      return (out.Items ?? []).map((i) => strip(i) as never);
    },
  };
}

export type ResponseRepository = ReturnType<typeof responseRepository>;
