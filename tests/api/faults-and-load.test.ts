import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { ensureTable } from "../../functions/db/table";
import { startDynamoDbLocal, type LocalDynamo } from "../../functions/local/dynamodb";
import { seedExampleDirectory } from "../../functions/local/seed";
import { freshDatabase, testApp } from "../support/database";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { ORIGIN } from "../support/staff-api";

/**
 * Reliability (issue 14): the database stopping in the middle of a burst, and a load of 500
 * submissions. Both on real DynamoDB Local. The per-address limits are lifted, as every client
 * here sends from one address: the limits are tested on their own elsewhere.
 */

const NO_LIMIT = { bucket: "burst", limit: 1_000_000, windowSeconds: 60 };
const LIMITS = { requests: NO_LIMIT, feedback: NO_LIMIT };

/** The n-th person's request: each has their own phone number, as different people do. */
const requestOf = (n: number) => aRequest({ contact: { ...aRequest().contact, phone: `07700 900${String(n % 1000).padStart(3, "0")}` } });

type Answer = { status: number; body: any };

function client(app: ReturnType<typeof testApp>["app"]) {
  return async (method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await app.request(path, { method, headers: { origin: ORIGIN, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
}

async function itemsOfType(db: Database, type: string) {
  const found: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.tableName, FilterExpression: "#type = :type", ExpressionAttributeNames: { "#type": "type" }, ExpressionAttributeValues: { ":type": type }, ExclusiveStartKey, ConsistentRead: true }));
    found.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

/** Runs `jobs` from `clients` clients at once, each taking the next job when its last one is answered. */
async function fromClients<T>(clients: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const answers: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next < jobs.length) {
      const i = next++;
      answers[i] = await jobs[i]!();
    }
  }));
  return answers;
}

const A_CLEAN_503 = (a: Answer) => a.status === 503 && typeof a.body?.error?.code === "string" && /try again/i.test(a.body.error.message);

describe("the database stops in the middle of a burst", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "onedoor-faults-"));
  let dynamo: LocalDynamo | undefined;
  afterAll(async () => {
    await dynamo?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers each submission, check-in action and feedback with a success or a clean 503, and after a restart has each acknowledged one once and no refused one", { timeout: 120_000 }, async () => {
    dynamo = await startDynamoDbLocal({ dataDir });
    const db = createDatabase({ tableName: "faults", endpoint: dynamo.endpoint });
    await ensureTable(db);
    await seedExampleDirectory(directoryRepository(db));
    const { app } = testApp(db, undefined, LIMITS);
    const call = client(app);

    // Ten people who asked before, each checked in: they will tell their service how they are.
    const people = await Promise.all(Array.from({ length: 10 }, async (_, n) => {
      const asked = await call("POST", "/api/requests", requestOf(900 + n), { "idempotency-key": newKey() });
      const signedIn = await app.request("/api/check-in/sign-in", { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ reference: asked.body.reference, code: asked.body.checkInCode }) });
      return { reference: asked.body.reference as string, cookie: signedIn.headers.get("set-cookie")!.split(";")[0]! };
    }));
    const before = { requests: (await itemsOfType(db, "request")).length, events: (await itemsOfType(db, "route-event")).length };

    type Sent = { kind: "request" | "feedback" | "feeling"; n: number; key: string; reference?: string; answer?: Answer };
    const sent: Sent[] = [];
    const jobs: (() => Promise<void>)[] = [];
    for (let i = 0; i < 90; i++) {
      const kind = (["request", "feedback", "feeling"] as const)[i % 3]!;
      jobs.push(async () => {
        const key = newKey();
        const person = people[i % people.length]!;
        const answer =
          kind === "request" ? await call("POST", "/api/requests", requestOf(i), { "idempotency-key": key })
          : kind === "feedback" ? await call("POST", "/api/feedback", { serviceId: HARBOUR_YOUNG_PEOPLE.id, scores: { listened: 5 } }, { "idempotency-key": key })
          : await call("POST", "/api/check-in/feeling", { feeling: "okay" }, { cookie: person.cookie });
        sent.push({ kind, n: i, key, reference: kind === "feeling" ? person.reference : answer.body?.reference, answer });
        // A third of the way in, the database goes away (its process is killed) while the rest are in flight.
        if (sent.length === 30) stopped = dynamo!.stop();
      });
    }
    let stopped: Promise<void> | undefined;
    // One client per person checking in, so a person's own actions come one after another, as a page sends them.
    await Promise.all(people.map(async (_, p) => {
      for (let i = p; i < jobs.length; i += people.length) await jobs[i]!();
    }));
    await stopped;

    const ok = sent.filter((s) => s.answer!.status < 300);
    const refused = sent.filter((s) => s.answer!.status >= 300);
    for (const s of refused) expect(s.answer, `${s.kind}: ${JSON.stringify(s.answer)}`).toSatisfy(A_CLEAN_503);
    expect(ok.length).toBeGreaterThanOrEqual(30);
    expect(refused.length, "the database was stopped before the burst ended").toBeGreaterThan(0);

    dynamo = await startDynamoDbLocal({ dataDir, port: dynamo!.port });
    // A write the database made just before it died, whose answer was lost on the way back, is
    // stored though its sender was told 503: nobody can tell it from one that was never made. At
    // most one per client was in flight then, so at most that many refused ones may be stored;
    // sending the refused ones again (below) then stores each exactly once.
    const inFlightAtTheKill = people.length;
    const count = (kind: Sent["kind"], among: Sent[]) => among.filter((s) => s.kind === kind).length;
    const requests = await itemsOfType(db, "request");
    const acknowledged = ok.filter((s) => s.kind === "request").map((s) => s.reference);
    for (const reference of acknowledged) expect(requests.filter((r) => r.reference === reference)).toHaveLength(1);
    const stored = { requests: requests.length - before.requests, feedback: (await itemsOfType(db, "feedback")).length, feelings: ((await itemsOfType(db, "route-event")).length - before.events) / 2 };
    expect(stored.requests).toBeGreaterThanOrEqual(acknowledged.length);
    expect(stored.feedback).toBeGreaterThanOrEqual(count("feedback", ok));
    // Each feeling is one event on each of the person's two routes.
    expect(stored.feelings).toBeGreaterThanOrEqual(count("feeling", ok));
    const refusedButStored = stored.requests - acknowledged.length + stored.feedback - count("feedback", ok) + stored.feelings - count("feeling", ok);
    expect(refusedButStored).toBeLessThanOrEqual(inFlightAtTheKill);

    // The pages keep the answers and send them again with the same key: each is then stored once.
    for (const s of refused.filter((r) => r.kind !== "feeling")) {
      const again = await call("POST", s.kind === "request" ? "/api/requests" : "/api/feedback", s.kind === "request" ? requestOf(s.n) : { serviceId: HARBOUR_YOUNG_PEOPLE.id, scores: { listened: 5 } }, { "idempotency-key": s.key });
      expect(again.status).toBe(201);
    }
    expect((await itemsOfType(db, "request")).length - before.requests).toBe(sent.filter((s) => s.kind === "request").length);
    expect((await itemsOfType(db, "feedback")).length).toBe(sent.filter((s) => s.kind === "feedback").length);
  });
});

describe("load", () => {
  it("takes 500 submissions from 50 clients at once over HTTP: every one stored once, none lost, no 5xx", { timeout: 120_000 }, async () => {
    const db = await freshDatabase();
    await seedExampleDirectory(directoryRepository(db));
    const { app } = testApp(db, undefined, LIMITS);
    const http = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => http.once("listening", resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const jobs = Array.from({ length: 500 }, (_, n) => async () => {
        const res = await fetch(`${base}/api/requests`, { method: "POST", headers: { origin: ORIGIN, "content-type": "application/json", "idempotency-key": newKey() }, body: JSON.stringify(requestOf(n)) });
        return { status: res.status, body: await res.json() } as Answer;
      });
      const started = performance.now();
      const answers = await fromClients(50, jobs);
      const seconds = (performance.now() - started) / 1000;
      console.log(`load: 500 submissions from 50 clients in ${seconds.toFixed(1)} s (${(500 / seconds).toFixed(0)} a second) on this machine`);
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s !== 201), JSON.stringify(answers.find((a) => a.status !== 201))).toEqual([]);
      const references = answers.map((a) => a.body.reference);
      expect(new Set(references).size).toBe(500);
      const stored = (await itemsOfType(db, "request")).map((r) => r.reference).sort();
      expect(stored).toEqual([...references].sort());
    } finally {
      http.close();
    }
  });
});
