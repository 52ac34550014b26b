/**
 * The server side of the load bench, in its own process so the load generator does not share its
 * event loop: DynamoDB Local in memory with the example directory and the starter history, the
 * OneDoor API on one port, and on another a bare server that sends, for each endpoint, the same
 * DynamoDB calls one real request made (dynamodb-replay.ts) and nothing else.
 *
 * When both listen it prints one line of JSON (ports, fixtures, each endpoint's shape) and serves
 * until it is stopped.
 */
import { serve } from "@hono/node-server";
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "../functions/app";
import { createDatabase } from "../functions/db/client";
import { directoryRepository } from "../functions/db/directory";
import { staffRepository } from "../functions/db/staff";
import { ensureTable } from "../functions/db/table";
import { SESSION_ABSOLUTE_MS } from "../functions/domain/staff";
import { takesRequests } from "../functions/domain/takes-requests";
import { startDynamoDbLocal } from "../functions/local/dynamodb";
import { seedStarterHistory } from "../functions/local/example-history";
import { seedExampleDirectory } from "../functions/local/seed";
import { rawAesFieldCipher } from "../functions/security/field-encryption";
import { randomToken, tokenHash } from "../functions/security/tokens";
import { BENCH_AREA, BENCH_ORIGIN, ENDPOINTS, type BenchCall, type Fixtures } from "./api-load-endpoints";
import { recorderOn, replay, shapeOf, type Capacity, type Wave } from "./dynamodb-replay";

/** How many people are signed in to check in: the load goes round them, so no one is asked twice at once. */
const CHECK_IN_PEOPLE = Number(process.env.BENCH_CHECK_IN_PEOPLE ?? 200);
const NO_LIMIT = { bucket: "bench", limit: 1_000_000_000, windowSeconds: 60 };

async function main() {
  const dynamo = await startDynamoDbLocal();
  const db = createDatabase({ tableName: `bench-load-${process.pid}`, endpoint: dynamo.endpoint });
  await ensureTable(db);
  await seedExampleDirectory(directoryRepository(db));
  const hashKey = randomBytes(32);
  const fieldCipher = rawAesFieldCipher(randomBytes(32));
  await seedStarterHistory(db, { hashKey, fieldCipher });
  const recorder = recorderOn(db);
  const app = createApp({
    db, hashKey, fieldCipher, publicOrigin: BENCH_ORIGIN,
    mailer: { send: async () => undefined },
    // One address sends everything here; the limits are tested on their own.
    limits: { requests: NO_LIMIT, feedback: NO_LIMIT },
    // A request log line each is the same cost in Lambda, but here it would only fill the pipe.
    logger: () => undefined,
  });

  const inBristol = (await directoryRepository(db).allServices()).items.filter((s) => takesRequests(s) && s.areaIds.includes(BENCH_AREA));
  const serviceIds: [string, string] = [inBristol[0]!.id, inBristol.find((s) => s.organisationId !== inBristol[0]!.organisationId)!.id];
  const send = async (call: BenchCall) => app.request(call.path, { method: call.method, headers: call.headers, body: call.body });
  const submission = ENDPOINTS.find((e) => e.name === "submission")!;
  const checkInCookies: string[] = [];
  for (let n = 0; n < CHECK_IN_PEOPLE; n++) {
    const asked = await send(submission.call({ serviceIds, checkInCookies, commissionerCookie: "" }, 90_000 + n));
    const { reference, checkInCode } = (await asked.json()) as { reference: string; checkInCode: string };
    const signedIn = await send({ method: "POST", path: "/api/check-in/sign-in", headers: { origin: BENCH_ORIGIN, "content-type": "application/json" }, body: JSON.stringify({ reference, code: checkInCode }) });
    checkInCookies.push(signedIn.headers.get("set-cookie")!.split(";")[0]!);
  }
  const commissionerCookie = await commissionerSession(db);
  const fixtures: Fixtures = { serviceIds, checkInCookies, commissionerCookie };

  // Each endpoint's shape, from one request after one to warm it.
  const waves = new Map<string, Wave[]>();
  for (const endpoint of ENDPOINTS) {
    const first = await send(endpoint.call(fixtures, 1));
    if (first.status >= 300) throw new Error(`${endpoint.name} answered ${first.status}: ${await first.text()}`);
    waves.set(endpoint.name, await recorder.record(() => send(endpoint.call(fixtures, 2))));
  }
  // Each shape sent once to measure what it costs, which also proves the bare server can send it.
  const capacity = new Map<string, Capacity>();
  for (const [name, w] of waves) capacity.set(name, await replay(db.client, w, true));

  const api = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  const bare = createServer((req, res) => {
    const shape = waves.get(req.url!.replace(/^\/bare\//, ""));
    req.resume();
    req.on("end", () => {
      if (!shape) return void res.writeHead(404).end();
      replay(db.client, shape).then(
        () => res.writeHead(200, { "content-type": "application/json" }).end("{}"),
        (error: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(error.message),
      );
    });
  }).listen(0, "127.0.0.1");
  await Promise.all([api, bare].map((s) => new Promise((resolve) => (s.listening ? resolve(undefined) : s.once("listening", resolve)))));

  process.stdout.write(
    `${JSON.stringify({
      apiPort: (api.address() as AddressInfo).port,
      barePort: (bare.address() as AddressInfo).port,
      fixtures,
      shapes: Object.fromEntries([...waves].map(([name, w]) => [name, { ...shapeOf(w), ...capacity.get(name)! }])),
    })}\n`,
  );
  const stop = async () => {
    api.close();
    bare.close();
    await dynamo.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

/** A commissioner for the area, made straight in the database with a live session, as the tests do. */
async function commissionerSession(db: ReturnType<typeof createDatabase>): Promise<string> {
  const staff = staffRepository(db);
  const at = new Date().toISOString();
  const id = randomUUID();
  await staff.createAccountDirectly({
    id, email: `commissioner-${id.slice(0, 8)}@bench.onedoor.invalid`, name: "Bench commissioner", grants: [{ role: "commissioner", areaId: BENCH_AREA }],
    // Never used: the session below is made directly.
    passwordHash: "unused", totpSecret: "unused", recoveryCodeHashes: [], createdAt: at, updatedAt: at,
  });
  const token = randomToken();
  const now = Date.now();
  await staff.saveSession({ tokenHash: tokenHash(token), accountId: id, createdAt: now, lastSeenAt: now, expiresAt: Math.ceil((now + SESSION_ABSOLUTE_MS) / 1000) });
  return `onedoor_staff=${token}`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
