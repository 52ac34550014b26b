import { paginateQuery, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";

/** Every item a Query matches, page after page (DynamoDB answers at most 1 MB a page). */
export async function queryAll(db: Database, input: Omit<QueryCommandInput, "TableName">): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db.doc }, { TableName: db.tableName, ...input })) items.push(...(page.Items ?? []));
  return items;
}

/** Narrows a Query to items of one `type` (partitions such as the moderation queue hold several kinds). */
export function ofType(query: Omit<QueryCommandInput, "TableName">, type: string): Omit<QueryCommandInput, "TableName"> {
  return {
    ...query,
    FilterExpression: "#type = :type",
    ExpressionAttributeNames: { ...query.ExpressionAttributeNames, "#type": "type" },
    ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ":type": type },
  };
}

/** The key condition for one partition of the table or of gsi1, optionally only sort keys with a prefix. */
export function partition(pk: string, options: { index?: "gsi1"; skPrefix?: string } = {}): Omit<QueryCommandInput, "TableName"> {
  const [pkName, skName] = options.index ? ["gsi1pk", "gsi1sk"] : ["pk", "sk"];
  return {
    ...(options.index ? { IndexName: options.index } : {}),
    KeyConditionExpression: options.skPrefix ? `${pkName} = :pk AND begins_with(${skName}, :prefix)` : `${pkName} = :pk`,
    ExpressionAttributeValues: { ":pk": pk, ...(options.skPrefix ? { ":prefix": options.skPrefix } : {}) },
  };
}

/**
 * One page of a partition, newest sort key first, and where the next page starts (`before`): for
 * lists a person pages through, whose sort keys start with the time.
 */
export async function newestFirst(db: Database, pk: string, page: { limit: number; before?: string }): Promise<{ items: Record<string, unknown>[]; before?: string }> {
  const out = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: page.before ? "pk = :pk AND sk < :before" : "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk, ...(page.before ? { ":before": page.before } : {}) },
      ScanIndexForward: false,
      Limit: page.limit,
    }),
  );
  return { items: out.Items ?? [], before: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : undefined };
}
