import { randomUUID } from "node:crypto";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import type { Database } from "../db/client";
import { keys } from "../db/keys";
import { directoryRepository } from "../db/directory";
import { requestRepository } from "../db/requests";
import { staffRepository } from "../db/staff";
import { feedbackRepository } from "../db/feedback";
import type { Service } from "../domain/directory";
import { EQUALITY_ANSWERS, type EqualityQuestion } from "../domain/equality-labels";
import { changeRoute, type RouteChange, type RouteChangeOf } from "../domain/route-status";
import type { Route } from "../domain/route";
import type { SupportRequest } from "../domain/support-request";
import { takesRequests } from "../domain/takes-requests";
import { NEEDS } from "../domain/vocabulary";
import { askForSupportFeature } from "../features/ask-for-support";
import { feedbackFeature } from "../features/feedback";
import { retentionFeature } from "../features/retention";
import type { FieldCipher } from "../security/field-encryption";

/**
 * A synthetic history for insights and load tests: months of requests from the example areas,
 * what services then did (reached, waiting lists, support starting, declines with signposts,
 * closes), and feedback with equality answers. Everything goes through the same code as real
 * events, at past times, so the figures insights keep are exactly what real events would keep:
 * requests through askForSupportFeature (no emails: the mailer here drops them), route changes
 * through changeRoute and changeRoutes, feedback through feedbackFeature. Every request says in
 * its message that it is example data, and none holds a way to contact anyone (check in only).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_MAIL = { send: async () => undefined };
const NO_LIMIT = { bucket: "example-history", limit: Number.MAX_SAFE_INTEGER, windowSeconds: 60 };
const quiet = () => undefined;

type Options = {
  requests: number;
  /** How far back the history goes. */
  months: number;
  hashKey: Buffer;
  fieldCipher: FieldCipher;
  now?: number;
  /** A seeded random source makes the same history every time (tests, benchmarks). */
  random?: () => number;
  /** Requests written at once. */
  concurrency?: number;
  onProgress?: (done: number) => void;
};

/** A small, fast, seedable random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks by weight: `{ self: 5, child: 3 }` gives "self" five times in eight. */
function weighted<T extends string>(random: () => number, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[0]![0];
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const daysLater = (from: string, days: number) => new Date(Date.parse(from) + days * DAY_MS + Math.floor(days * 3_600_000) % DAY_MS).toISOString();

/** A person's optional answers about themselves, as people give them: often skipped, sometimes in part. */
function equalityAnswers(random: () => number): SupportRequest["equality"] {
  if (random() < 0.35) return undefined;
  const answers: Partial<Record<EqualityQuestion, string>> = {
    gender: weighted(random, { "girl-woman": 60, "boy-man": 22, "non-binary": 5, "another-way": 2, "prefer-not-to-say": 11 }),
  };
  for (const question of ["ethnicity", "disability", "sexualOrientation", "religion"] as const) {
    if (random() < 0.8) answers[question] = pick(random, Object.keys(EQUALITY_ANSWERS[question]));
  }
  return answers as SupportRequest["equality"];
}

/** What one service then does with a route, as changes at times after it was asked. */
function whatHappens(random: () => number, route: Route, service: Service): RouteChangeOf[] {
  const changes: RouteChangeOf[] = [];
  let at = route.createdAt;
  const step = (days: number, change: Omit<RouteChangeOf, "id" | "at">) => {
    at = daysLater(at, days);
    changes.push({ id: randomUUID(), at, ...change });
  };
  const fate = random();
  if (fate < 0.12) {
    step(1 + random() * 6, { action: "decline", record: { reasonCode: weighted(random, { full: 4, "not-our-need": 2, "better-elsewhere": 2, "not-eligible-age": 1, "not-eligible-area": 1 }), signpostServiceId: service.id } });
    return changes;
  }
  step(random() * 3, { action: "acknowledge" });
  if (random() < 0.85) step(1 + random() * 14, { action: "contact", record: { outcome: "reached", channel: "phone" } });
  if (random() < 0.55) {
    const weeks = 2 + Math.floor(random() * 20);
    step(random() * 2, { action: "wait", set: { expectedWaitWeeks: weeks, checkInEveryWeeks: 2, lastContactAt: at } });
    step(weeks * 7 * (0.5 + random()), { action: "allocate" });
  } else if (random() < 0.8) {
    step(3 + random() * 20, { action: "allocate" });
  } else {
    step(5 + random() * 30, { action: "close", record: { outcome: weighted(random, { "no-longer-needed": 2, "unable-to-contact": 1, "referred-elsewhere": 1 }) } });
    return changes;
  }
  step(30 + random() * 150, { action: "close", record: { outcome: weighted(random, { "support-completed": 6, "no-longer-needed": 2, other: 1 }) } });
  return changes;
}

/** Made-up answers to /ask/ from someone in `areaId`, to one or two of its services. */
export function exampleAnswers(random: () => number, services: Service[], areaId: string): SupportRequest {
  const here = services.filter((s) => s.areaIds.includes(areaId));
  const chosen = [...new Set([pick(random, here), ...(random() < 0.25 ? [pick(random, here)] : [])])];
  const asker = weighted(random, { self: 5, child: 3, "adult-survivor": 2 });
  const needs = Object.keys(NEEDS);
  return {
    asker,
    ageBand: asker === "adult-survivor" ? weighted(random, { "18-24": 1, "25-plus": 3 }) : weighted(random, { "under-11": 2, "11-13": 3, "14-15": 4, "16-17": 3 }),
    areaId,
    needs: [...new Set([pick(random, needs), ...(random() < 0.4 ? [pick(random, needs)] : [])])],
    serviceIds: chosen.map((s) => s.id),
    message: "Example data, made up for trying OneDoor out.",
    contact: { method: "check-in-only" },
    preferences: random() < 0.15 ? { workerGender: weighted(random, { female: 3, male: 1 }) } : {},
    safeNow: random() < 0.08 ? "no" : "yes",
    consentServiceIds: chosen.map((s) => s.id),
    consentToCoordination: random() < 0.5,
    ...(asker === "child" ? { childKnows: "yes" } : { equality: equalityAnswers(random) }),
  } as SupportRequest;
}

/** What a service did with a route up to `now`, as the changes changeRoute makes, in order. */
export function changesUntil(random: () => number, route: Route, service: Service, now: number): RouteChange[] {
  const made: RouteChange[] = [];
  let current = route;
  for (const change of whatHappens(random, route, service)) {
    if (Date.parse(change.at) > now) break;
    const next = changeRoute(current, change);
    if (!next.ok) break;
    made.push(next.change);
    current = next.change.after;
  }
  return made;
}

/**
 * Writes the history. Changes that would fall after `now` are left for later, so some people
 * are still waiting and some check-ins are due, as in a live service.
 */
export async function seedExampleHistory(db: Database, options: Options): Promise<{ requests: number; changes: number; feedback: number }> {
  const now = options.now ?? Date.now();
  const random = options.random ?? Math.random;
  const directory = directoryRepository(db);
  const requests = requestRepository(db);
  const services = (await directory.allServices()).items.filter((s) => takesRequests(s) && !s.national);
  const areaIds = [...new Set(services.flatMap((s) => s.areaIds))];
  if (!areaIds.length) throw new Error("There are no services taking requests to make a history for: seed the example directory first.");
  const start = now - options.months * 30 * DAY_MS;
  const staff = staffRepository(db);
  const retention = retentionFeature({ requests, now: () => now, retentionMonths: 12 });
  let changes = 0;
  let fedBack = 0;

  /**
   * One writer of requests, with features of its own on a clock of its own set to each event's
   * time: their once-a-minute caches of services and staff then serve many requests.
   */
  function writer() {
    const clock = { now };
    const ask = askForSupportFeature({ requests, limit: NO_LIMIT, directory, staff, mailer: NO_MAIL, cipher: options.fieldCipher, hashKey: options.hashKey, now: () => clock.now, log: quiet, siteOrigin: "http://localhost" });
    const feedback = feedbackFeature({ feedback: feedbackRepository(db), directory, staff, limit: NO_LIMIT, cipher: options.fieldCipher, hashKey: options.hashKey, now: () => clock.now, retentionMonths: 12, record: async () => undefined });
    return () => oneRequest(clock, ask, feedback);
  }

  async function oneRequest(clock: { now: number }, ask: ReturnType<typeof askForSupportFeature>, feedback: ReturnType<typeof feedbackFeature>): Promise<void> {
    const createdAt = start + random() * (now - start);
    const areaId = pick(random, areaIds);
    const answers = exampleAnswers(random, services, areaId);
    const chosen = services.filter((s) => answers.serviceIds.includes(s.id));
    clock.now = createdAt;
    const { reference } = await ask.submit(answers, randomUUID(), "example-history");
    const whole = await requests.getWhole(reference);
    for (const route of whole.routes) {
      const service = chosen.find((s) => s.id === route.serviceId)!;
      for (const change of changesUntil(random, route, service, now)) {
        if (!(await requests.changeRoutes([change]))) break;
        changes++;
      }
    }
    await retention.noteIfFinished(reference);
    // About one person in four tells a service how it went, once it has had a while.
    if (random() < 0.25 && createdAt + 30 * DAY_MS < now) {
      const service = pick(random, chosen);
      clock.now = Math.min(createdAt + (30 + random() * 60) * DAY_MS, now);
      const score = () => (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5;
      await feedback.submit(
        { serviceId: service.id, usage: "used", scores: { listened: score(), choice: score(), toldOnce: score(), safe: score(), waitOk: score() }, mayShowPublicly: false, equality: answers.equality },
        randomUUID(),
        "example-history",
        { fromCheckIn: true },
      );
      fedBack++;
    }
  }

  const concurrency = options.concurrency ?? 8;
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, options.requests) }, async () => {
      const write = writer();
      while (next < options.requests) {
        next++;
        await write();
        done++;
        if (done % 100 === 0) options.onProgress?.(done);
      }
    }),
  );
  return { requests: options.requests, changes, feedback: fedBack };
}

/** How much history `npm start` writes into a new local database: enough for insights to show real charts. */
export const STARTER_HISTORY = { requests: 240, months: 9 };

/**
 * The example history for `npm start`, written once per database: a marker item is claimed
 * first, so a restart never adds a second history. Returns undefined when it was there already.
 */
export async function seedStarterHistory(db: Database, options: Pick<Options, "hashKey" | "fieldCipher">, size = STARTER_HISTORY) {
  try {
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...keys.exampleHistory(), at: new Date().toISOString() }, ConditionExpression: "attribute_not_exists(pk)" }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
  return seedExampleHistory(db, { ...options, ...size, random: seededRandom(2026) });
}
