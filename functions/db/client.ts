import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/** Where the table lives: in AWS, the linked table; locally, DynamoDB Local's endpoint. */
export type DatabaseConfig = { tableName: string; endpoint?: string; region?: string };

/** The table and a document client for it: what every repository is given. */
export type Database = { tableName: string; doc: DynamoDBDocumentClient; client: DynamoDBClient };

/** Creates the document client, with short timeouts so an unreachable database fails fast. */
export function createDatabase(config: DatabaseConfig): Database {
  const options: DynamoDBClientConfig = {
    region: config.region ?? process.env.AWS_REGION ?? "eu-west-2",
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 5000 },
  };
  if (config.endpoint) {
    options.endpoint = config.endpoint;
    // DynamoDB Local accepts any credentials; real ones never leave AWS.
    options.credentials = { accessKeyId: "local", secretAccessKey: "local" };
  }
  const client = new DynamoDBClient(options);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { tableName: config.tableName, doc, client };
}
