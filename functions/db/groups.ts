import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Group, GroupReportInput, GroupReportState } from "../domain/groups";
import type { RedactionSpan } from "../domain/redaction-labels";
import type { Database } from "./client";
import { conditionally, putIfUnchanged, transactIfUnchanged } from "./conditions";
import { strip } from "./items";
import { keys } from "./keys";
import { newestFirst, ofType, partition, queryAll } from "./query-all";

type By = { accountId: string; name: string };

/** A session report as stored: its texts only ever encrypted in `sealed` until approved. */
export type StoredGroupReport = Omit<GroupReportInput, "summary" | "recommendations" | "quotes"> & {
  id: string;
  groupId: string;
  areaId: string;
  organisationId: string;
  /** How many quotes the report holds (their text is sealed as `quote.0`, `quote.1`…). */
  quoteCount: number;
  sealed: Record<string, string>;
  state: GroupReportState;
  version: number;
  createdBy: By;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  /** Who decided and when; a reason for sending it back is sealed as `rejectReason`. */
  decided?: { by: By; at: string };
  /** Epoch seconds when the report, its texts included, goes (the table's TTL): the retention period after it was written. */
  expiresAt: number;
  /** Approved only: the redacted texts, the one version anyone but the facilitator and moderators reads. */
  redacted?: { summary?: string; recommendations?: string; quotes: string[] };
  /** Where the moderator's redactions were in each text; never the words they removed. */
  redactions?: Record<string, RedactionSpan[]>;
  /** Approved only: every organisation it is addressed to (named, or through a service). */
  addressedOrganisationIds?: string[];
};

/** What the people a report is addressed to see of it: no sealed text, no names of who wrote or moderated it. */
export type ApprovedReport = Pick<StoredGroupReport, "id" | "groupId" | "areaId" | "date" | "participants" | "themes" | "addressedTo" | "mayShowPublicly"> & {
  redacted: NonNullable<StoredGroupReport["redacted"]>;
  approvedAt: string;
};

/** Contributors' groups, the themes sessions are about, and their session reports. */
export function groupRepository(db: Database) {
  const TableName = db.tableName;
  const reportItem = (r: StoredGroupReport) => ({
    ...r,
    ...keys.groupReport(r.groupId, r.id),
    ...(r.state === "pending" && r.sentAt ? keys.groupReportInModeration(r.sentAt, r.id) : {}),
    type: "group-report",
  });
  const fromItem = (item: Record<string, unknown>) => ({ ...strip(item), expiresAt: Number(item.expiresAt) }) as StoredGroupReport;

  return {
    async saveGroup(group: Group): Promise<void> {
      await db.doc.send(new PutCommand({ TableName, Item: { ...group, ...keys.group(group.id), ...keys.groupListing(group.id), type: "group" } }));
    },

    async getGroup(id: string): Promise<Group | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.group(id) }));
      return out.Item ? (strip(out.Item) as Group) : undefined;
    },

    async listGroups(): Promise<Group[]> {
      return (await queryAll(db, partition(keys.allGroups().gsi1pk, { index: "gsi1" }))).map((i) => strip(i) as Group);
    },

    /** Adds a theme; false if one with the same code is there already. */
    async addTheme(code: string, label: string): Promise<boolean> {
      return conditionally(() =>
        db.doc.send(new PutCommand({ TableName, Item: { ...keys.theme(code), code, label, type: "theme" }, ConditionExpression: "attribute_not_exists(pk)" })),
      );
    },

    async addedThemes(): Promise<{ code: string; label: string }[]> {
      const { pk, skPrefix } = keys.themes();
      return (await queryAll(db, partition(pk, { skPrefix }))).map((i) => ({ code: String(i.code), label: String(i.label) }));
    },

    async getReport(groupId: string, id: string): Promise<StoredGroupReport | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.groupReport(groupId, id), ConsistentRead: true }));
      return out.Item ? fromItem(out.Item) : undefined;
    },

    async reportsOf(groupId: string): Promise<StoredGroupReport[]> {
      const { pk, skPrefix } = keys.groupReports(groupId);
      return (await queryAll(db, partition(pk, { skPrefix }))).map(fromItem);
    },

    /** Reports waiting for a moderator (the queue feedback shares). */
    async reportsInModeration(): Promise<StoredGroupReport[]> {
      return (await queryAll(db, ofType(partition(keys.moderationQueue().gsi1pk, { index: "gsi1" }), "group-report"))).map(fromItem);
    },

    /** Writes a new report, or a change to one if nobody changed it meanwhile; an approval files its copies in the same transaction. */
    async saveReport(
      after: StoredGroupReport,
      before?: StoredGroupReport,
      approved?: { copy: ApprovedReport; organisationIds: string[]; toCommissioners: boolean; also?: object[] },
    ): Promise<boolean> {
      const copies = approved
        ? [
            ...approved.organisationIds.map((o) => keys.approvedReportOfOrganisation(o, approved.copy.approvedAt, after.id)),
            ...(approved.toCommissioners ? [keys.approvedReportInArea(after.areaId, approved.copy.approvedAt, after.id)] : []),
          ]
        : [];
      return transactIfUnchanged(db, [
        putIfUnchanged(TableName, reportItem(after), before),
        ...copies.map((key) => ({ Put: { TableName, Item: { ...approved!.copy, ...key, expiresAt: after.expiresAt, type: "approved-report" } } })),
        // Unanswered by each addressed organisation until its response is approved.
        ...(approved?.organisationIds ?? []).map((o) => ({
          Put: {
            TableName,
            Item: {
              ...keys.unanswered(o, approved!.copy.approvedAt, "group-report", after.id),
              target: "group-report",
              targetId: after.id,
              groupId: after.groupId,
              // Its area's commissioners see it as unanswered only if it was addressed to them.
              areaIds: after.addressedTo.commissioners ? [after.areaId] : [],
              approvedAt: approved!.copy.approvedAt,
              expiresAt: after.expiresAt,
              type: "unanswered",
            },
          },
        })),
        // Anything else the approval shows (a public service page's "What people said").
        ...(approved?.also ?? []),
      ]);
    },

    /** Approved reports addressed to an organisation, or to an area's commissioners, newest first. */
    async approvedReports(scope: { organisationId: string } | { areaId: string }, page: { limit: number; before?: string }) {
      const { pk } = "organisationId" in scope ? keys.approvedReportsOfOrganisation(scope.organisationId) : keys.approvedReportsInArea(scope.areaId);
      const { items, before } = await newestFirst(db, pk, page);
      return { items: items.map((i) => strip(i) as ApprovedReport), before };
    },
  };
}

export type GroupRepository = ReturnType<typeof groupRepository>;
