import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ApprovedFeedback } from "./feedback";
import type { ApprovedReport } from "./groups";
import type { ResponseVersion } from "./responses";
import type { Database } from "./client";
import { strip } from "./items";
import { keys } from "./keys";
import { partition, queryAll } from "./query-all";

export type VoiceExcerpt = { kind: "excerpt"; feedbackId: string; text: string; month: string; scores: ApprovedFeedback["scores"] };
export type VoiceReport = { kind: "report"; report: ApprovedReport; groupName: string };
export type VoiceResponse = { kind: "response"; target: string; targetId: string; organisationId: string; current: ResponseVersion };
export type VoiceItem = VoiceExcerpt | VoiceReport | VoiceResponse;

/**
 * "What people said" on a public service page, kept as items in the service's own partition as
 * things are approved or chosen, so the page is one Query and a sum of monthly counters.
 */
export function voiceRepository(db: Database) {
  const TableName = db.tableName;
  return {
    /** Each item goes when what it shows does (`expiresAt`, epoch seconds: the table's TTL). */
    async showExcerpt(serviceId: string, excerpt: VoiceExcerpt, expiresAt: number): Promise<void> {
      await db.doc.send(new PutCommand({ TableName, Item: { ...excerpt, ...keys.voiceExcerpt(serviceId, excerpt.feedbackId), expiresAt, type: "voice" } }));
    },
    async hideExcerpt(serviceId: string, feedbackId: string): Promise<void> {
      await db.doc.send(new DeleteCommand({ TableName, Key: keys.voiceExcerpt(serviceId, feedbackId) }));
    },
    async excerpts(serviceId: string): Promise<VoiceExcerpt[]> {
      const { pk, skPrefix } = keys.voiceExcerpts(serviceId);
      return (await queryAll(db, partition(pk, { skPrefix }))).map((i) => strip(i) as VoiceExcerpt);
    },
    /** The Put that shows an item, for a transaction that approves it. */
    put(serviceId: string, item: VoiceReport | VoiceResponse, expiresAt: number) {
      const key = item.kind === "report" ? keys.voiceReport(serviceId, item.report.id) : keys.voiceResponse(serviceId, item.target, item.targetId, item.organisationId);
      return { Put: { TableName, Item: { ...item, ...key, expiresAt, type: "voice" } } };
    },
    async of(serviceId: string): Promise<VoiceItem[]> {
      return (await queryAll(db, partition(keys.voiceOf(serviceId).pk))).map((i) => strip(i) as VoiceItem);
    },
    /** Every month's counters of a service's feedback, added up. */
    async totals(serviceId: string): Promise<Record<string, number>> {
      const months = await queryAll(db, partition(keys.feedbackStatsOfServicePartition(serviceId).pk));
      const totals: Record<string, number> = {};
      for (const month of months) for (const [name, value] of Object.entries(strip(month))) if (typeof value === "number") totals[name] = (totals[name] ?? 0) + value;
      return totals;
    },
  };
}

export type VoiceRepository = ReturnType<typeof voiceRepository>;
