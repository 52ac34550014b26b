import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localOutbox } from "../../functions/email/outbox";
import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "../../functions/app";
import { rawAesFieldCipher } from "../../functions/security/field-encryption";
import { createDatabase } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { ensureTable } from "../../functions/db/table";
import { startDynamoDbLocal } from "../../functions/local/dynamodb";
import { seedExampleDirectory } from "../../functions/local/seed";
import { localServer } from "../../functions/local/server";
import { ensureSiteBuilt, SITE_DIST } from "../../functions/local/site";

/** Starts the same server `npm start` runs, on in-memory DynamoDB Local and a free port. */
export default async function globalSetup() {
  ensureSiteBuilt();
  // Emails the app sends (staff invites) land here; tests read them to follow the links.
  const outboxDir = mkdtempSync(join(tmpdir(), "onedoor-e2e-outbox-"));
  process.env.E2E_OUTBOX_DIR = outboxDir;
  const dynamo = await startDynamoDbLocal();
  const db = createDatabase({ tableName: "e2e", endpoint: dynamo.endpoint });
  await ensureTable(db);
  await seedExampleDirectory(directoryRepository(db));
  // The server's port is known only once it listens, and the app's origin is that address.
  let server: ReturnType<typeof localServer> | undefined;
  const http = serve({ fetch: (request, env) => server!.fetch(request, env), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => http.once("listening", resolve));
  const { port } = http.address() as AddressInfo;
  process.env.E2E_BASE_URL = `http://127.0.0.1:${port}`;
  server = localServer(createApp({
    db,
    logger: () => {},
    hashKey: randomBytes(32),
    mailer: localOutbox(outboxDir),
    fieldCipher: rawAesFieldCipher(randomBytes(32)),
    // Every browser test sends from 127.0.0.1: the per-address limits on asking and on feedback are lifted here.
    limits: { requests: { bucket: "ask", limit: 100_000, windowSeconds: 60 }, feedback: { bucket: "feedback", limit: 100_000, windowSeconds: 60 } },
    publicOrigin: process.env.E2E_BASE_URL,
  }), SITE_DIST);
  // Staff tests make their own accounts in the same table (tests/support/staff.ts).
  process.env.E2E_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.E2E_TABLE = "e2e";
  return async () => {
    http.close();
    await dynamo.stop();
  };
}
