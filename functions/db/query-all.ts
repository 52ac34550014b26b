import { paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";

/** Every item a Query matches, page after page (DynamoDB answers at most 1 MB a page). */
export async function queryAll(db: Database, input: Omit<QueryCommandInput, "TableName">): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateQuery({ client: db.doc }, { TableName: db.tableName, ...input })) items.push(...(page.Items ?? []));
  return items;
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
