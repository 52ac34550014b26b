import { QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { AuditEntrySchema, requestOfRecord, type AuditEntry } from "../domain/audit";
import type { Database } from "./client";
import { keys } from "./keys";
import { partition, queryAll } from "./query-all";

/**
 * The append-only audit log. This module can add entries and read them; there is no update
 * and no delete, here or anywhere in OneDoor.
 */
export function auditRepository(db: Database) {
  const TableName = db.tableName;
  return {
    async append(entry: Omit<AuditEntry, "id" | "outcome"> & { outcome?: AuditEntry["outcome"] }): Promise<void> {
      const full = AuditEntrySchema.parse({ ...entry, id: randomUUID() });
      const reference = requestOfRecord(full.record);
      // Never overwrite: an entry, once written, stays as it was.
      const put = (key: { pk: string; sk: string }, index: object) => ({
        Put: { TableName, Item: { ...full, ...key, ...index, type: "audit" }, ConditionExpression: "attribute_not_exists(pk)" },
      });
      const organisation = full.organisationId ? keys.auditEntryOfOrganisation(full.organisationId, full.at, full.id) : {};
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            put(keys.auditEntry(full.at, full.id), organisation),
            ...(reference ? [put(keys.auditEntryOfRequest(reference, full.at, full.id), {})] : []),
          ],
        }),
      );
    },

    /** Every entry about one request, oldest first: who has read or acted on it. */
    async ofRequest(reference: string): Promise<AuditEntry[]> {
      const items = await queryAll(db, { ...partition(keys.auditLogOfRequest(reference).pk), ConsistentRead: true });
      return items.map((i) => AuditEntrySchema.parse(i));
    },

    /** Newest first, a page at a time; `organisationId` limits it to that organisation's entries. */
    async list(options: { organisationId?: string; limit: number; before?: string }): Promise<{ entries: AuditEntry[]; next?: string }> {
      const byOrganisation = options.organisationId !== undefined;
      const partition = byOrganisation ? keys.auditLogOfOrganisation(options.organisationId!) : keys.auditLog();
      const [pkName, skName] = byOrganisation ? ["gsi1pk", "gsi1sk"] : ["pk", "sk"];
      const out = await db.doc.send(
        new QueryCommand({
          TableName,
          ...(byOrganisation ? { IndexName: "gsi1" } : {}),
          KeyConditionExpression: options.before ? `${pkName} = :pk AND ${skName} < :before` : `${pkName} = :pk`,
          ExpressionAttributeValues: { ":pk": Object.values(partition)[0], ...(options.before ? { ":before": options.before } : {}) },
          ScanIndexForward: false,
          Limit: options.limit,
        }),
      );
      const entries = (out.Items ?? []).map((i) => AuditEntrySchema.parse(i));
      const last = entries.at(-1);
      return { entries, next: out.LastEvaluatedKey && last ? `${last.at}#${last.id}` : undefined };
    },
  };
}

export type AuditRepository = ReturnType<typeof auditRepository>;
