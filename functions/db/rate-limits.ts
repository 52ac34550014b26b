import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";
import { conditionally } from "./conditions";
import { keys, type SignInKind } from "./keys";

export type WindowLimit = { bucket: string; key: string; limit: number; windowSeconds: number; now: number };

/**
 * The conditional update that counts one request in its fixed window, refused when the window is
 * full. Used alone (`take`) or inside a transaction whose other writes must not happen over the
 * limit (asking for support counts in the same transaction that stores the request).
 */
export function countInWindow(TableName: string, { bucket, key, limit, windowSeconds, now }: WindowLimit) {
  const windowStart = Math.floor(now / 1000 / windowSeconds) * windowSeconds;
  return {
    TableName,
    Key: keys.rateWindow(bucket, key, windowStart),
    UpdateExpression: "ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)",
    ConditionExpression: "attribute_not_exists(hits) OR hits < :limit",
    ExpressionAttributeValues: { ":one": 1, ":limit": limit, ":expires": windowStart + windowSeconds * 2 },
  };
}

/**
 * Counters kept in DynamoDB, so limits hold across every Lambda instance (an in-memory counter
 * would reset with each one). Writes are conditional updates: no read-then-write races.
 */
export function rateLimitRepository(db: Database) {
  const TableName = db.tableName;
  return {
    /**
     * Counts one request in the current fixed window and answers whether it is within `limit`.
     * The window's item expires through the table's TTL.
     */
    async take(bucket: string, key: string, limit: number, windowSeconds: number, now: number): Promise<boolean> {
      return conditionally(() => db.doc.send(new UpdateCommand(countInWindow(TableName, { bucket, key, limit, windowSeconds, now }))));
    },

    /** Failed sign-ins for one email or one address: how many in a row, and any lock. */
    async signInFailures(kind: SignInKind, hash: string): Promise<{ failures: number; lastFailureAt: number; lockedUntil: number }> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.signInFailures(kind, hash) }));
      return {
        failures: Number(out.Item?.failures ?? 0),
        lastFailureAt: Number(out.Item?.lastFailureAt ?? 0),
        lockedUntil: Number(out.Item?.lockedUntil ?? 0),
      };
    },

    /** Adds one failure atomically and returns the new count. */
    async recordSignInFailure(kind: SignInKind, hash: string, now: number, forgetAfterSeconds: number): Promise<number> {
      const out = await db.doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.signInFailures(kind, hash),
          UpdateExpression: "ADD failures :one SET lastFailureAt = :now, expiresAt = :expires",
          ExpressionAttributeValues: { ":one": 1, ":now": now, ":expires": Math.floor(now / 1000) + forgetAfterSeconds },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      return Number(out.Attributes?.failures ?? 1);
    },

    async lockSignIn(kind: SignInKind, hash: string, until: number): Promise<void> {
      await db.doc.send(
        new UpdateCommand({
          TableName,
          Key: keys.signInFailures(kind, hash),
          UpdateExpression: "SET lockedUntil = :until, expiresAt = :expires",
          ExpressionAttributeValues: { ":until": until, ":expires": Math.ceil(until / 1000) + 3600 },
        }),
      );
    },

    /** Starts the count again after a good sign-in (there may be nothing to clear). */
    async clearSignInFailures(kind: SignInKind, hash: string): Promise<void> {
      await conditionally(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: keys.signInFailures(kind, hash),
            UpdateExpression: "SET failures = :zero",
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":zero": 0 },
          }),
        ),
      );
    },
  };
}

export type RateLimitRepository = ReturnType<typeof rateLimitRepository>;
