import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";
import { strip } from "./items";
import { keys } from "./keys";

/**
 * The answer a submission's Idempotency-Key keeps for its retries (asking for support, giving
 * feedback). Put first in the submission's own transaction, conditional on being new, so of two
 * identical submissions one writes and the other finds this.
 */
export function idempotencyPut(TableName: string, keyHash: string, answer: Record<string, unknown>, expiresAt: number) {
  return {
    Put: {
      TableName,
      Item: { ...answer, ...keys.idempotency(keyHash), type: "idempotency", expiresAt },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/** The answer kept under an Idempotency-Key's hash, if a submission wrote one. */
export async function getIdempotency<T>(db: Database, keyHash: string): Promise<T | undefined> {
  const out = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.idempotency(keyHash), ConsistentRead: true }));
  return out.Item ? (strip(out.Item) as T) : undefined;
}
