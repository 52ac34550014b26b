import { TABLE_SCHEMA } from "../functions/db/keys";

const { partitionKey, sortKey, ttlAttribute, indexes } = TABLE_SCHEMA;

/**
 * The table's own encryption key, customer-managed so its use is in CloudTrail and it can be
 * disabled, rotated yearly. DynamoDB uses it through its own grant: the functions need no
 * permission on it (the field key, stacks/encryption.ts, is theirs).
 */
export const tableKey = new aws.kms.Key("TableKey", {
  description: "OneDoor: the DynamoDB table at rest",
  enableKeyRotation: true,
  deletionWindowInDays: 30,
});

/**
 * The one DynamoDB table. Attribute and index names come from `functions/db/keys.ts`, the
 * same place the local table and the repositories take them from, so they cannot drift.
 */
export const table = new sst.aws.Dynamo("Table", {
  fields: {
    [partitionKey]: "string",
    [sortKey]: "string",
    [indexes.gsi1.partitionKey]: "string",
    [indexes.gsi1.sortKey]: "string",
  },
  primaryIndex: { hashKey: partitionKey, rangeKey: sortKey },
  globalIndexes: {
    gsi1: { hashKey: indexes.gsi1.partitionKey, rangeKey: indexes.gsi1.sortKey },
  },
  ttl: ttlAttribute,
  // `$app.protect` is true only for production and staging (see sst.config.ts): personal
  // and `sst dev` stages stay removable, the stages holding real records cannot be deleted.
  deletionProtection: $app.protect,
  transform: {
    // SST turns point-in-time recovery on today but has no argument for it; stating it here
    // keeps the 35-day restore window even if that default ever changes.
    table: { pointInTimeRecovery: { enabled: true }, serverSideEncryption: { enabled: true, kmsKeyArn: tableKey.arn } },
  },
});
