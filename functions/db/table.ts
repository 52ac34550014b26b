import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import type { Database } from "./client";
import { TABLE_SCHEMA } from "./keys";

/**
 * Creates the table if it is missing, with the same keys and index the SST stack declares.
 * Used by the embedded default and the tests; in AWS the stack owns the table.
 */
export async function ensureTable(db: Database): Promise<void> {
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const { partitionKey, sortKey, indexes, ttlAttribute } = TABLE_SCHEMA;
  await db.client.send(
    new CreateTableCommand({
      TableName: db.tableName,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: [
        { AttributeName: partitionKey, AttributeType: "S" },
        { AttributeName: sortKey, AttributeType: "S" },
        { AttributeName: indexes.gsi1.partitionKey, AttributeType: "S" },
        { AttributeName: indexes.gsi1.sortKey, AttributeType: "S" },
      ],
      KeySchema: [
        { AttributeName: partitionKey, KeyType: "HASH" },
        { AttributeName: sortKey, KeyType: "RANGE" },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: "gsi1",
          KeySchema: [
            { AttributeName: indexes.gsi1.partitionKey, KeyType: "HASH" },
            { AttributeName: indexes.gsi1.sortKey, KeyType: "RANGE" },
          ],
          Projection: { ProjectionType: "ALL" },
        },
      ],
    }),
  );
  await waitUntilTableExists({ client: db.client, maxWaitTime: 30 }, { TableName: db.tableName });
  await db.client.send(
    new UpdateTimeToLiveCommand({
      TableName: db.tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}

/** Answers whether the table can be reached now: what the health check asks. */
export async function isTableReachable(db: Database): Promise<boolean> {
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
    return true;
  } catch {
    return false;
  }
}
