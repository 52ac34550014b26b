import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";
import { keys } from "./keys";

/** A person's check-in session: which request it opens, and when it was made and last used. */
export type CheckInSession = { tokenHash: string; reference: string; createdAt: number; lastSeenAt: number; expiresAt: number };

/** Check-in sessions. Every key comes from `keys.ts`; items expire through the table's TTL. */
export function checkInRepository(db: Database) {
  const TableName = db.tableName;
  return {
    async saveSession(session: CheckInSession): Promise<void> {
      await db.doc.send(new PutCommand({ TableName, Item: { ...session, ...keys.checkInSession(session.tokenHash), type: "check-in-session" } }));
    },
    async getSession(tokenHash: string): Promise<CheckInSession | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.checkInSession(tokenHash), ConsistentRead: true }));
      return out.Item ? (out.Item as CheckInSession) : undefined;
    },
    async touchSession(tokenHash: string, now: number): Promise<void> {
      await db.doc.send(
        new UpdateCommand({ TableName, Key: keys.checkInSession(tokenHash), UpdateExpression: "SET lastSeenAt = :now", ExpressionAttributeValues: { ":now": now } }),
      );
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName, Key: keys.checkInSession(tokenHash) }));
    },
  };
}

export type CheckInRepository = ReturnType<typeof checkInRepository>;
