import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { AuditEntrySchema, type AuditEntry } from "../domain/audit";
import type { Database } from "./client";
import { keys } from "./keys";

/**
 * The append-only audit log. This module can add entries and read them; there is no update
 * and no delete, here or anywhere in OneDoor.
 */
export function auditRepository(db: Database) {
  const TableName = db.tableName;
  return {
    async append(entry: Omit<AuditEntry, "id" | "outcome"> & { outcome?: AuditEntry["outcome"] }): Promise<void> {
      const full = AuditEntrySchema.parse({ ...entry, id: randomUUID() });
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: {
            ...full,
            ...keys.auditEntry(full.at, full.id),
            ...(full.organisationId ? keys.auditEntryOfOrganisation(full.organisationId, full.at, full.id) : {}),
            type: "audit",
          },
          // Never overwrite: an entry, once written, stays as it was.
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
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
