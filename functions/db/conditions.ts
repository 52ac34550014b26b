import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";

/** Whether DynamoDB refused a write because its condition did not hold (alone or in a transaction). */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === "ConditionalCheckFailed"))
  );
}

/**
 * Runs a conditional write and answers whether its condition held. Any other failure is
 * thrown: only "the condition said no" is an ordinary answer.
 */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** A Put that holds only while the item is still at the version that was read, or, with none read, is new. */
export function putIfUnchanged(TableName: string, Item: Record<string, unknown>, before?: { version: number }) {
  return {
    Put: {
      TableName,
      Item,
      ...(before ? { ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": before.version } } : { ConditionExpression: "attribute_not_exists(pk)" }),
    },
  };
}

/** Writes all of these or none; false when a condition, or a simultaneous change, stopped it. */
export async function transactIfUnchanged(db: Database, TransactItems: object[]): Promise<boolean> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: TransactItems as never }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}
