import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createDatabase, type Database } from "../functions/db/client";
import { directoryRepository } from "../functions/db/directory";
import type { Service } from "../functions/domain/directory";
import { feedbackRepository } from "../functions/db/feedback";
import { groupRepository } from "../functions/db/groups";
import { insightsRepository, type ReadMeter } from "../functions/db/insights";
import { addCounters } from "../functions/db/items";
import { keys } from "../functions/db/keys";
import { responseRepository } from "../functions/db/responses";
import { ensureTable } from "../functions/db/table";
import { voiceRepository } from "../functions/db/voice";
import { areaCountersOf, serviceCountersOf } from "../functions/domain/feedback";
import type { Route } from "../functions/domain/route";
import { changeTally, combine, factsOf, factsTally, routeTally, type Tally } from "../functions/domain/request-stats";
import { isUrgent } from "../functions/domain/support-request";
import { takesRequests } from "../functions/domain/takes-requests";
import { insightsFeature } from "../functions/features/insights";
import { responsesFeature } from "../functions/features/responses";
import { changesUntil, exampleAnswers, seededRandom } from "../functions/local/example-history";
import { startDynamoDbLocal } from "../functions/local/dynamodb";
import { seedExampleDirectory } from "../functions/local/seed";
import { rawAesFieldCipher } from "../functions/security/field-encryption";
import { ms, summarise, table, type BudgetLine, type Summary } from "./stats";

/**
 * Insights at two sizes (issue 12's budget): the same directory in two tables, one whose area
 * had 1,000 requests over 12 months and one whose area had 100,000. Writing 100,000 requests
 * through the live code would take hours on DynamoDB Local, so the history is made the way the
 * live code counts it: the same made-up requests and service actions as `seed:volume`
 * (functions/local/example-history.ts), each counted by the same pure functions
 * (domain/request-stats.ts, domain/feedback.ts), and the sums written as the same items with
 * the same keys and the same ADD updates. The items insights read are then exactly the items
 * the live system would hold after those events. Then the insights feature reads a quarter of
 * each area, with a meter on every Query, interleaved, on this machine.
 */

export const AREA = "E06000023"; // Bristol
export const P95_RATIO_BUDGET = 1.3;

/** The sizes compared: the budget is between the first and the last; the middle one shows where the reads stop growing. */
export type InsightsBenchOptions = { sizes: number[]; months: number; warmup: number; timed: number };
export const DEFAULT_INSIGHTS: InsightsBenchOptions = { sizes: [1_000, 10_000, 100_000], months: 12, warmup: 20, timed: 200 };

type Side = { requests: number; items: number; writeMs: number; timing: Summary; meter: ReadMeter };
export type InsightsBenchResult = { options: InsightsBenchOptions; sides: Side[]; ratio: number };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Adds tallies into a running sum keyed by the item they are kept in. */
function addInto(sum: Map<string, { key: Record<string, string>; counters: Record<string, number> }>, key: Record<string, string>, counters: Record<string, number>) {
  const id = `${key.pk}|${key.sk}`;
  const into = sum.get(id) ?? { key, counters: {} };
  for (const [name, n] of Object.entries(counters)) into.counters[name] = (into.counters[name] ?? 0) + n;
  sum.set(id, into);
}

async function mapLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

/** The figures of `count` made-up requests from the area (and feedback from one in four), as the items the live code keeps. */
async function writeHistory(db: Database, count: number, months: number, now: number): Promise<{ items: number; writeMs: number }> {
  const started = performance.now();
  const services = (await directoryRepository(db).allServices()).items.filter((s) => takesRequests(s) && !s.national);
  const random = seededRandom(count);
  const sum = new Map<string, { key: Record<string, string>; counters: Record<string, number> }>();
  const start = now - months * 30 * DAY_MS;
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(start + random() * (now - start)).toISOString();
    const answers = exampleAnswers(random, services, AREA);
    const reference = `BENCH${String(i).padStart(7, "0")}`;
    const urgent = isUrgent(answers);
    const received = services.filter((s) => answers.serviceIds.includes(s.id)).map((service): [Service, Route] => [service, {
      reference, serviceId: service.id, organisationId: service.organisationId, status: "received", urgent, createdAt, updatedAt: createdAt, version: 1,
      asker: answers.asker, ageBand: answers.ageBand, areaId: AREA, needs: answers.needs, possibleDuplicateOf: [],
    }]);
    // Each event's tallies as the live code writes them, one transaction each: asking, then every change.
    const tallies: Tally[] = combine(factsTally(factsOf({ ...answers, reference, createdAt, urgent })), ...received.map(([, route]) => routeTally(route)));
    for (const [service, route] of received) {
      for (const change of changesUntil(random, route, service, now)) tallies.push(...changeTally([change]));
      if (random() < 0.25 && Date.parse(createdAt) + 30 * DAY_MS < now) {
        const month = new Date(Math.min(Date.parse(createdAt) + 45 * DAY_MS, now)).toISOString().slice(0, 7);
        const score = () => (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5;
        const piece = { usage: "used" as const, scores: { listened: score(), safe: score(), waitOk: score() }, fromCheckIn: true, equality: answers.equality };
        addInto(sum, keys.feedbackStatsOfService(service.id, month), serviceCountersOf(piece));
        for (const areaId of service.areaIds) addInto(sum, keys.feedbackStatsOfArea(areaId, month), areaCountersOf(piece));
      }
    }
    for (const t of tallies) addInto(sum, keys.requestStats(t.cell), t.counters);
  }
  // A counter that came back to 0 is still there, as in the live table (ADD never removes one),
  // but a waiting-now week that has emptied is gone, as the daily sweep leaves it (functions/sweep.ts).
  const waitingNow = (key: Record<string, string>) => key.pk!.startsWith(keys.waitingNowOfService("").pk);
  const writes = [...sum.values()].filter((v) => !waitingNow(v.key) || Object.values(v.counters).some((n) => n !== 0));
  await mapLimit(writes, 16, (w) => db.doc.send(new UpdateCommand(addCounters(db.tableName, w.key, w.counters))));
  return { items: writes.length, writeMs: performance.now() - started };
}

function readerOf(db: Database, now: number) {
  const cipher = rawAesFieldCipher(Buffer.alloc(32, 7));
  const record = async () => undefined;
  const directory = directoryRepository(db);
  const responses = responsesFeature({ responses: responseRepository(db), voice: voiceRepository(db), feedback: feedbackRepository(db), groups: groupRepository(db), directory, cipher, now: () => now, record });
  const feature = insightsFeature({ insights: insightsRepository(db), directory, feedback: feedbackRepository(db), groups: groupRepository(db), responses, now: () => now, record, hashKey: Buffer.alloc(32, 9) });
  const acting = { actor: { accountId: randomUUID(), grants: [{ role: "admin" as const }] }, account: undefined as never, source: { address: "bench" } };
  const month = new Date(now).toISOString().slice(0, 7);
  return async (meter: ReadMeter = { queries: 0, units: 0 }) => {
    await feature.read(acting, { areaId: AREA, period: { kind: "quarter", month } }, meter);
    return meter;
  };
}

export async function measureInsights(log: (line: string) => void, options: InsightsBenchOptions = DEFAULT_INSIGHTS): Promise<InsightsBenchResult> {
  const dynamo = await startDynamoDbLocal();
  try {
    const now = Date.now();
    const sides = [];
    // One at a time: making 100,000 requests' figures is heavy, and the others should not wait behind it.
    for (const count of options.sizes) {
      const db = createDatabase({ tableName: `bench-insights-${count}-${process.pid}`, endpoint: dynamo.endpoint });
      await ensureTable(db);
      await seedExampleDirectory(directoryRepository(db));
      const written = await writeHistory(db, count, options.months, now);
      log(`  ${count.toLocaleString("en-GB")} requests from ${AREA} over ${options.months} months: ${written.items} figure items, made and written in ${ms(written.writeMs)}`);
      sides.push({ count, read: readerOf(db, now), ...written });
    }
    for (let i = 0; i < options.warmup; i++) for (const side of sides) await side.read();
    const times: number[][] = sides.map(() => []);
    for (let i = 0; i < options.timed; i++) {
      // Interleaved, one at a time, so every size meets the same machine.
      for (const [index, side] of sides.entries()) {
        const t = performance.now();
        await side.read();
        times[index]!.push(performance.now() - t);
      }
    }
    const measured: Side[] = [];
    for (const [index, side] of sides.entries()) {
      measured.push({ requests: side.count, items: side.items, writeMs: side.writeMs, timing: summarise(times[index]!), meter: await side.read() });
    }
    return { options, sides: measured, ratio: measured.at(-1)!.timing.p95 / measured[0]!.timing.p95 };
  } finally {
    await dynamo.stop();
  }
}

export function reportInsights(r: InsightsBenchResult, log: (line: string) => void): BudgetLine[] {
  log(
    table(
      ["area's requests", "figure items", "p50", "p95", "p99", "queries", "read units"],
      r.sides.map((s) => [s.requests.toLocaleString("en-GB"), String(s.items), ms(s.timing.p50), ms(s.timing.p95), ms(s.timing.p99), String(s.meter.queries), s.meter.units.toFixed(1)]),
    ),
  );
  log("  Read units are what DynamoDB Local reports for the figures' Queries (the directory reads beside them are the same at every size).");
  const [small, large] = [r.sides[0]!, r.sides.at(-1)!];
  const n = (s: Side) => s.requests.toLocaleString("en-GB");
  const units = (s: Side) => s.meter.units.toFixed(1);
  const lines: BudgetLine[] = [
    { name: `insights p95, ${n(large)} vs ${n(small)} requests`, budget: `ratio ≤ ${P95_RATIO_BUDGET}`, measured: r.ratio.toFixed(2), within: r.ratio <= P95_RATIO_BUDGET },
    { name: `insights queries, ${n(large)} vs ${n(small)} requests`, budget: "equal", measured: `${large.meter.queries} vs ${small.meter.queries}`, within: small.meter.queries === large.meter.queries },
    {
      name: `insights read units, ${n(large)} vs ${n(small)} requests`,
      budget: "no more for the quiet area",
      measured: `${units(large)} vs ${units(small)}`,
      within: small.meter.units <= large.meter.units,
      note:
        small.meter.units === large.meter.units
          ? undefined
          : "read units are per 4 KB of items: a quiet area's items hold fewer of the counters there are, and fewer of its weeks have someone waiting, so it reads less. Equal would need every item padded to the busiest shape and every emptied week kept, which grows with time",
    },
  ];
  // Where the reads stop growing: the two largest sizes, both past every answer and week.
  if (r.sides.length > 2) {
    const middle = r.sides.at(-2)!;
    lines.push({ name: `insights read units, ${n(large)} vs ${n(middle)} requests`, budget: "equal (no growth)", measured: `${units(large)} vs ${units(middle)}`, within: large.meter.units === middle.meter.units });
  }
  return lines;
}
