/**
 * Asking for support under load (issue 4 budget): 50 people sending at once. Each submission is
 * timed through the whole app (validation, directory reads, duplicate-hint reads, scrypt of the
 * check-in code, field encryption, one TransactWriteItems, notification emails to a memory
 * outbox). The yardstick is a bare TransactWriteItems of the same items (same count, same sizes),
 * 50 at once, against the same DynamoDB Local in the same run. Rounds alternate between the two,
 * so load from elsewhere on the machine lands on both.
 */
import { QueryCommand, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { randomBytes, randomUUID } from "node:crypto";
import { createApp } from "../functions/app";
import { createDatabase, type Database } from "../functions/db/client";
import { directoryRepository } from "../functions/db/directory";
import { keys } from "../functions/db/keys";
import { staffRepository } from "../functions/db/staff";
import { ensureTable } from "../functions/db/table";
import { memoryOutbox } from "../functions/email/outbox";
import type { SupportRequest } from "../functions/domain/support-request";
import { startDynamoDbLocal } from "../functions/local/dynamodb";
import { EXAMPLE_SERVICES, seedExampleDirectory } from "../functions/local/seed";
import { rawAesFieldCipher } from "../functions/security/field-encryption";
import { ms, summarise, table, type BudgetLine, type Summary } from "./stats";

export const DEFAULT_SUBMISSION = { concurrency: 50, rounds: 6, warmupRounds: 1 };
export type SubmissionOptions = typeof DEFAULT_SUBMISSION;

export type SubmissionResult = {
  concurrency: number;
  rounds: number;
  itemsPerTransaction: number;
  bytesPerTransaction: number;
  submission: Summary;
  bareTransaction: Summary;
  ratio: number;
};

const ORIGIN = "http://localhost";
const [first, second] = [EXAMPLE_SERVICES[0]!, EXAMPLE_SERVICES.find((s) => s.organisationId !== EXAMPLE_SERVICES[0]!.organisationId && s.status === "active")!];

/** A realistic request: two services, a phone number, free text, a code word. Each one unique. */
function answers(i: number): SupportRequest {
  return {
    asker: "self",
    ageBand: "14-15",
    areaId: "E06000023",
    needs: ["someone-to-talk-to", "therapy"],
    serviceIds: [first.id, second.id],
    message: `I would like to talk to someone. I can talk after school on most days. (${i})`,
    contact: { method: "text", phone: `07700 9${String(i % 100000).padStart(5, "0")}`, safeDays: ["MO", "WE", "FR"], safeTimes: ["afternoon"], voicemailOk: false, sayWhoWeAre: false, codeWord: "bluebird" },
    preferences: { workerGender: "female", interpreter: false, accessibilityNeeds: "Please write things down for me." },
    safeNow: "yes",
    consentServiceIds: [first.id, second.id],
    consentToCoordination: true,
  };
}

/**
 * The items one stored submission wrote, with new keys: what a bare transaction of the same size
 * puts (request, routes, duplicate-hint entries, idempotency answer and the per-address count).
 */
async function sameSizedItems(db: Database, reference: string): Promise<Record<string, unknown>[]> {
  const partition = await db.doc.send(new QueryCommand({ TableName: db.tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.requestPartition(reference).pk } }));
  const items = [...(partition.Items ?? [])];
  const request = items.find((i) => i.type === "request")!;
  for (const hash of request.contactHashes as string[]) {
    const match = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.contactMatch(hash, reference) }));
    if (match.Item) items.push(match.Item);
  }
  // The idempotency answer is small and fixed in shape.
  items.push({ pk: "IDEMPOTENCY#x", sk: "IDEMPOTENCY", reference, answersHash: "h".repeat(43), urgent: false, expiresAt: 0, type: "idempotency" });
  // The per-address count, which a submission updates in the same transaction.
  items.push({ pk: `RATE#ask#${"a".repeat(43)}`, sk: "1795400000", hits: 1, expiresAt: 0 });
  return items;
}

async function concurrently<T>(count: number, run: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => run(i)));
}

export async function measureSubmission(log: (line: string) => void, options: SubmissionOptions = DEFAULT_SUBMISSION): Promise<SubmissionResult> {
  const dynamo = await startDynamoDbLocal();
  try {
    const db = createDatabase({ tableName: `bench-submission-${process.pid}`, endpoint: dynamo.endpoint });
    await ensureTable(db);
    await seedExampleDirectory(directoryRepository(db));
    // Staff to notify in both organisations, as in a real partnership.
    for (const organisationId of [first.organisationId, second.organisationId]) {
      for (const role of ["worker", "manager"] as const) {
        const at = new Date().toISOString();
        await staffRepository(db).createAccountDirectly({
          id: randomUUID(), email: `${role}-${randomUUID().slice(0, 6)}@bench.onedoor.invalid`, name: `Bench ${role}`, grants: [{ role, organisationId }],
          passwordHash: "scrypt$1$1$1$x$x", totpSecret: "JBSWY3DPEHPK3PXP", recoveryCodeHashes: [], createdAt: at, updatedAt: at,
        });
      }
    }
    const app = createApp({
      db,
      logger: () => {},
      hashKey: randomBytes(32),
      mailer: memoryOutbox(),
      fieldCipher: rawAesFieldCipher(randomBytes(32)),
      limits: { requests: { bucket: "ask", limit: 1_000_000, windowSeconds: 60 } },
      publicOrigin: "http://localhost",
    });

    let n = 0;
    async function submit(): Promise<{ ms: number; reference: string }> {
      const i = n++;
      const start = performance.now();
      const res = await app.request("/api/requests", {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN, "Idempotency-Key": randomUUID() },
        body: JSON.stringify(answers(i)),
      });
      const body = (await res.json()) as { reference: string };
      const elapsed = performance.now() - start;
      if (res.status !== 201) throw new Error(`Submission answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: elapsed, reference: body.reference };
    }

    const template = await sameSizedItems(db, (await submit()).reference);
    const bytes = Buffer.byteLength(JSON.stringify(template));
    async function bare(): Promise<number> {
      const pk = `BENCH#${randomUUID()}`;
      const start = performance.now();
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: template.map((item, i) => ({
            Put: { TableName: db.tableName, Item: { ...item, pk, sk: `ITEM#${i}`, gsi1pk: item.gsi1pk ? `${pk}#INBOX` : undefined, gsi1sk: item.gsi1sk }, ConditionExpression: "attribute_not_exists(pk)" },
          })),
        }),
      );
      return performance.now() - start;
    }

    for (let r = 0; r < options.warmupRounds; r++) {
      await concurrently(options.concurrency, () => submit());
      await concurrently(options.concurrency, () => bare());
    }
    const submissions: number[] = [];
    const bares: number[] = [];
    for (let r = 0; r < options.rounds; r++) {
      const order = r % 2 ? ["bare", "submit"] : ["submit", "bare"];
      for (const which of order) {
        if (which === "submit") submissions.push(...(await concurrently(options.concurrency, () => submit())).map((s) => s.ms));
        else bares.push(...(await concurrently(options.concurrency, () => bare())));
      }
      log(`  round ${r + 1}/${options.rounds} done`);
    }
    const submission = summarise(submissions);
    const bareTransaction = summarise(bares);
    return { ...options, itemsPerTransaction: template.length, bytesPerTransaction: bytes, submission, bareTransaction, ratio: submission.p95 / bareTransaction.p95 };
  } finally {
    await dynamo.stop();
  }
}

export function reportSubmission(r: SubmissionResult, log: (line: string) => void): BudgetLine[] {
  log(`${r.concurrency} at once, ${r.rounds} rounds each, alternating; each transaction ${r.itemsPerTransaction} items, ${(r.bytesPerTransaction / 1024).toFixed(2)} KB.`);
  log(
    table(
      ["what", "n", "p50", "p95", "p99", "max"],
      [
        ["submission (whole app)", String(r.submission.n), ms(r.submission.p50), ms(r.submission.p95), ms(r.submission.p99), ms(r.submission.max)],
        ["bare TransactWriteItems", String(r.bareTransaction.n), ms(r.bareTransaction.p50), ms(r.bareTransaction.p95), ms(r.bareTransaction.p99), ms(r.bareTransaction.max)],
      ],
    ),
  );
  return [
    {
      name: "submission p95 ÷ bare transaction p95 (50 at once)",
      budget: "≤ 3.00×",
      measured: `${r.ratio.toFixed(2)}×`,
      within: r.ratio <= 3,
      note: `${ms(r.submission.p95)} vs ${ms(r.bareTransaction.p95)}`,
    },
  ];
}
