import { paginateQuery, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Database } from "./client";
import { strip } from "./items";
import { keys } from "./keys";

type Counters = Record<string, number>;

/** The read capacity a set of queries used, as DynamoDB reports it: what `npm run bench` compares. */
export type ReadMeter = { queries: number; units: number };

/**
 * The figures insights read, and nothing else: for an area and a run of months, one Query of the
 * area's request figures and one of its feedback figures, then two per service (its waiting now
 * and its feedback). The number of reads depends on the services and months, never on how many
 * requests or pieces of feedback there have been.
 */
export function insightsRepository(db: Database) {
  async function query(input: Omit<QueryCommandInput, "TableName">, meter: ReadMeter): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateQuery({ client: db.doc }, { TableName: db.tableName, ReturnConsumedCapacity: "TOTAL", ...input })) {
      meter.queries++;
      meter.units += page.ConsumedCapacity?.CapacityUnits ?? 0;
      items.push(...(page.Items ?? []));
    }
    return items;
  }

  const between = (pk: string, from: string, to: string): Omit<QueryCommandInput, "TableName"> => ({
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
    ExpressionAttributeValues: { ":pk": pk, ":from": from, ":to": to },
  });
  const counters = (item: Record<string, unknown>) => {
    const { sk: _sk, ...rest } = strip(item) as Record<string, unknown>;
    return rest as Counters;
  };

  return {
    /** The area's request figures for the months: its demand per month, and each service's routes per month. */
    async requestFigures(areaId: string, months: string[], meter: ReadMeter) {
      const items = await query(between(keys.requestStatsOfArea(areaId).pk, months[0]!, `${months.at(-1)!}#~`), meter);
      const demand = new Map<string, Counters>();
      const access = new Map<string, Map<string, Counters>>();
      for (const item of items) {
        const [month, kind, serviceId] = String(item.sk).split("#");
        if (kind === "AREA") demand.set(month!, counters(item));
        else if (kind === "SERVICE" && serviceId) {
          const byMonth = access.get(serviceId) ?? new Map<string, Counters>();
          byMonth.set(month!, counters(item));
          access.set(serviceId, byMonth);
        }
      }
      return { demand, access };
    },

    /** A service's waiting now: not yet started by the week they asked, and check-ins by the week they fall due. */
    async waitingNow(serviceId: string, meter: ReadMeter) {
      const items = await query({ KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.waitingNowOfService(serviceId).pk } }, meter);
      const open: { week: string; routes: number; waitingList: number }[] = [];
      const checkIns: { week: string; due: number }[] = [];
      for (const item of items) {
        const [kind, week] = String(item.sk).split("#");
        if (kind === "OPEN") open.push({ week: week!, routes: Number(item.routes ?? 0), waitingList: Number(item.waitingList ?? 0) });
        if (kind === "CHECKIN") checkIns.push({ week: week!, due: Number(item.due ?? 0) });
      }
      return { open, checkIns };
    },

    /** Who fed back about the area's services, per month. */
    async feedbackOfArea(areaId: string, months: string[], meter: ReadMeter) {
      const items = await query(between(keys.feedbackStatsOfArea(areaId, "").pk, months[0]!, months.at(-1)!), meter);
      return new Map(items.map((i) => [String(i.sk), counters(i)]));
    },

    /** One service's feedback counters, per month. */
    async feedbackOfService(serviceId: string, months: string[], meter: ReadMeter) {
      const items = await query(between(keys.feedbackStatsOfServicePartition(serviceId).pk, months[0]!, months.at(-1)!), meter);
      return new Map(items.map((i) => [String(i.sk), counters(i)]));
    },
  };
}

export type InsightsRepository = ReturnType<typeof insightsRepository>;
