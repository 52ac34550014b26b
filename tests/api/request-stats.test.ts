import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "../../functions/db/client";
import { keys } from "../../functions/db/keys";
import { requestRepository } from "../../functions/db/requests";
import type { EqualityAnswers } from "../../functions/domain/equality";
import { combine, factsTally, routeTally, type RequestFacts } from "../../functions/domain/request-stats";
import type { Route } from "../../functions/domain/route";
import { changeRoute, type RouteChangeOf } from "../../functions/domain/route-status";
import { freshDatabase } from "../support/database";

/**
 * The request figures insights read are kept up as events happen (domain/request-stats.ts). On
 * generated histories of requests, status changes, retention purges and deletions, run against
 * DynamoDB Local through the real repository, the kept figures must equal a recomputation from
 * scratch of what the history leaves, and a few counts are checked against the history directly.
 */

const AREAS = ["E06000023", "E06000024", undefined] as const;
const SERVICES = [randomUUID(), randomUUID(), randomUUID()];
const ORGANISATION = randomUUID();
const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse("2026-01-05T09:00:00.000Z");

type Ask = { kind: "ask"; area: number; day: number; asker: "self" | "child" | "adult-survivor"; ageBand?: "11-13" | "16-17"; needs: ("therapy" | "police-court")[]; urgent: boolean; services: number[]; equality?: EqualityAnswers };
type Act = { kind: "act"; request: number; service: number; action: "acknowledge" | "wait" | "allocate" | "reached" | "no-answer" | "decline" | "close" | "withdraw"; days: number };
type Step = Ask | Act | { kind: "purge"; request: number } | { kind: "delete"; request: number } | { kind: "sweep" };

const ask: fc.Arbitrary<Ask> = fc.record({
  kind: fc.constant("ask" as const),
  area: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 0, max: 90 }),
  asker: fc.constantFrom("self", "child", "adult-survivor"),
  ageBand: fc.option(fc.constantFrom("11-13", "16-17"), { nil: undefined }),
  needs: fc.subarray(["therapy", "police-court"] as ("therapy" | "police-court")[]),
  urgent: fc.boolean(),
  services: fc.subarray([0, 1, 2], { minLength: 1 }),
  equality: fc.option(fc.record({ gender: fc.constantFrom("girl-woman", "boy-man", "prefer-not-to-say") }, { requiredKeys: [] }) as fc.Arbitrary<EqualityAnswers>, { nil: undefined }),
});
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: ask },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant("act" as const),
      request: fc.nat(),
      service: fc.nat(),
      action: fc.constantFrom("acknowledge", "wait", "allocate", "reached", "no-answer", "decline", "close", "withdraw"),
      days: fc.integer({ min: 0, max: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("purge" as const), request: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), request: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("sweep" as const) }) },
);

/** What the history says is there: each live request's facts (as asked) and its routes as last changed. */
type Model = { reference: string; facts: RequestFacts; routes: Map<string, Route>; purged: boolean }[];

function changeFor(action: Act["action"], at: string, route: Route): RouteChangeOf {
  const id = randomUUID();
  switch (action) {
    case "wait":
      return { action: "wait", id, at, set: { expectedWaitWeeks: 4, checkInEveryWeeks: 2, lastContactAt: route.status === "waiting" ? route.lastContactAt : at } };
    case "reached":
    case "no-answer":
      return { action: "contact", id, at, set: { lastContactAt: at }, record: { outcome: action, channel: "phone" } };
    case "decline":
      return { action: "decline", id, at, record: { reasonCode: "full", signpostServiceId: SERVICES[0] } };
    case "close":
      return { action: "close", id, at, record: { outcome: "support-completed" } };
    case "allocate":
      return { action: "allocate", id, at, set: { allocatedTo: { accountId: id, name: "A worker" } } };
    default:
      return { action, id, at };
  }
}

async function apply(db: Database, model: Model, s: Step): Promise<void> {
  const requests = requestRepository(db);
  if (s.kind === "ask") {
    const reference = randomUUID().slice(0, 10).toUpperCase();
    const createdAt = new Date(START + s.day * DAY).toISOString();
    const areaId = AREAS[s.area];
    const routes: Route[] = s.services.map((i) => ({
      reference,
      serviceId: SERVICES[i]!,
      organisationId: ORGANISATION,
      status: "received",
      urgent: s.urgent,
      createdAt,
      updatedAt: createdAt,
      version: 1,
      asker: s.asker,
      ageBand: s.ageBand,
      areaId,
      needs: s.needs,
      possibleDuplicateOf: [],
    }));
    const facts: RequestFacts = { reference, createdAt, areaId, asker: s.asker, ageBand: s.ageBand, needs: s.needs, urgent: s.urgent, equality: s.equality };
    const outcome = await requests.create({
      request: { reference, createdAt, urgent: s.urgent, asker: s.asker, ageBand: s.ageBand, areaId, needs: s.needs, serviceIds: routes.map((r) => r.serviceId), consentServiceIds: [], consentToCoordination: false, contact: { method: "check-in-only", safeDays: [], safeTimes: [] }, preferences: {}, sealed: {}, checkInCodeHash: "x", contactHashes: [], idempotencyKeyHash: randomUUID() },
      facts,
      routes,
      idempotencyKeyHash: randomUUID(),
      idempotency: { reference, answersHash: "x", urgent: s.urgent },
      expiresAt: 0,
      limit: { bucket: "ask", key: randomUUID(), limit: 100, windowSeconds: 60, now: Date.now() },
    });
    expect(outcome).toBe("created");
    model.push({ reference, facts, routes: new Map(routes.map((r) => [r.serviceId, r])), purged: false });
    return;
  }
  if (s.kind === "sweep") {
    for (const serviceId of SERVICES) await requests.sweepEmptyWaitingWeeks(serviceId);
    return;
  }
  if (!model.length) return;
  const entry = model[s.request % model.length]!;
  if (s.kind === "purge") {
    await requests.purgePersonalData(entry.reference, new Date().toISOString());
    entry.purged = true;
    return;
  }
  if (s.kind === "delete") {
    // A person deletes their request while it is still theirs to delete: before its personal data goes.
    if (entry.purged) return;
    await requests.deleteWhole(entry.reference, new Date().toISOString());
    model.splice(model.indexOf(entry), 1);
    return;
  }
  const routes = [...entry.routes.values()];
  const route = routes[s.service % routes.length]!;
  const at = new Date(Date.parse(route.updatedAt) + s.days * DAY).toISOString();
  const changed = changeRoute(route, changeFor(s.action, at, route));
  if (!changed.ok) return;
  expect(await requests.changeRoutes([changed.change])).toBe(true);
  entry.routes.set(route.serviceId, changed.change.after);
}

/** Every figure in the table, by its key, leaving out counters that have come back to nothing. */
async function keptFigures(db: Database): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, FilterExpression: "begins_with(pk, :a) OR begins_with(pk, :b)", ExpressionAttributeValues: { ":a": "STATS#REQUESTS#", ":b": "STATS#NOW#" }, ExclusiveStartKey: start }));
    for (const { pk, sk, ...counters } of page.Items ?? []) {
      const kept = Object.fromEntries(Object.entries(counters).filter(([, n]) => n !== 0)) as Record<string, number>;
      if (Object.keys(kept).length) out[`${pk} ${sk}`] = kept;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Waiting-now items whose every counter is 0. */
async function emptyWaitingWeeks(db: Database): Promise<string[]> {
  const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, FilterExpression: "begins_with(pk, :b)", ExpressionAttributeValues: { ":b": "STATS#NOW#" } }));
  return (page.Items ?? []).filter(({ pk: _pk, sk: _sk, ...counters }) => Object.values(counters).every((n) => n === 0)).map((i) => `${i.pk} ${i.sk}`);
}

/** The figures worked out from scratch from what the history leaves. */
function recomputed(model: Model): Record<string, Record<string, number>> {
  const tallies = combine(...model.flatMap((m) => [factsTally(m.facts), ...[...m.routes.values()].map(routeTally)]));
  return Object.fromEntries(tallies.map(({ cell, counters }) => {
    const key = keys.requestStats(cell);
    return [`${key.pk} ${key.sk}`, counters];
  }));
}

describe("request figures kept as events happen", () => {
  it("equal a recomputation from the history, after changes, retention purges, deletions and the daily sweep of emptied weeks", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const db = await freshDatabase();
        const model: Model = [];
        for (const s of steps) await apply(db, model, s);
        const kept = await keptFigures(db);
        expect(kept).toEqual(recomputed(model));
        // The daily sweep leaves no emptied week behind, and changes no figure.
        for (const serviceId of SERVICES) await requestRepository(db).sweepEmptyWaitingWeeks(serviceId);
        expect(await keptFigures(db)).toEqual(kept);
        expect(await emptyWaitingWeeks(db)).toEqual([]);

        // And directly against the history, without the module: requests per area and month,
        // and the waiting lists now.
        for (const m of model) {
          const key = keys.requestStats({ kind: "demand", areaId: m.facts.areaId ?? "none", month: m.facts.createdAt.slice(0, 7) });
          const same = model.filter((o) => (o.facts.areaId ?? "none") === (m.facts.areaId ?? "none") && o.facts.createdAt.slice(0, 7) === m.facts.createdAt.slice(0, 7));
          expect(kept[`${key.pk} ${key.sk}`]?.requests).toBe(same.length);
        }
        for (const serviceId of SERVICES) {
          const waiting = model.flatMap((m) => [...m.routes.values()]).filter((r) => r.serviceId === serviceId && r.status === "waiting").length;
          const listed = Object.entries(kept)
            .filter(([k]) => k.startsWith(`${keys.waitingNowOfService(serviceId).pk} OPEN#`))
            .reduce((sum, [, c]) => sum + (c.waitingList ?? 0), 0);
          expect(listed).toBe(waiting);
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
