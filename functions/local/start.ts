import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createApp } from "../app";
import { createDatabase } from "../db/client";
import { directoryRepository } from "../db/directory";
import { ensureTable } from "../db/table";
import {
  announceRunningDatabase,
  forgetRunningDatabase,
  JavaMissingError,
  startDynamoDbLocal,
  type LocalDynamo,
} from "./dynamodb";
import { seedExampleDirectory } from "./seed";
import { seedDemoStaff } from "./demo-staff";
import { seedStarterHistory } from "./example-history";
import { localFieldKey, localHashKey } from "./keys";
import { rawAesFieldCipher } from "../security/field-encryption";
import { localOutbox } from "../email/outbox";
import { DATA_DIR, DYNAMODB_DATA_DIR, LOCAL_TABLE, OUTBOX_DIR } from "./paths";
import { localServer, notReadyServer } from "./server";
import { ensureSiteBuilt, SITE_DIST } from "./site";

/** The embedded default: `npm start`. One Node process serves the site and the API on one origin. */

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  // The address this process serves, unless it is put behind another (PUBLIC_ORIGIN=https://…).
  const publicOrigin = process.env.PUBLIC_ORIGIN ?? `http://localhost:${port}`;
  ensureSiteBuilt();

  // Listen first, so /api/health can say "not yet" (503) while the database starts.
  let current: Hono = notReadyServer();
  const http = serve({ fetch: (request, env) => current.fetch(request, env), port, hostname: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    http.once("listening", resolve);
    http.once("error", reject);
  });

  let dynamo: LocalDynamo | undefined;
  const stop = async (code = 0) => {
    forgetRunningDatabase(DATA_DIR);
    http.close();
    await dynamo?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());

  try {
    dynamo = await startDynamoDbLocal({ dataDir: DYNAMODB_DATA_DIR });
    const db = createDatabase({ tableName: LOCAL_TABLE, endpoint: dynamo.endpoint });
    await ensureTable(db);
    const { added } = await seedExampleDirectory(directoryRepository(db));
    const demos = await seedDemoStaff(db, dynamo.endpoint);
    const hashKey = localHashKey(DATA_DIR);
    const fieldCipher = rawAesFieldCipher(localFieldKey(DATA_DIR));
    announceRunningDatabase(DATA_DIR, dynamo.endpoint);
    current = localServer(createApp({ db, hashKey, mailer: localOutbox(OUTBOX_DIR), fieldCipher, publicOrigin }), SITE_DIST);
    console.log(
      `\nOneDoor is running at ${publicOrigin}/\n` +
        `  DynamoDB Local: ${dynamo.endpoint} (data in .data/dynamodb; ${added} example records added)\n` +
        "  Emails it would send go to .data/outbox: npm run outbox shows them.\n" +
        "  Press Ctrl-C to stop.\n",
    );
    console.log("Demo staff sign-ins (local only) at /staff/: email, password, and the TOTP secret for an authenticator app:");
    for (const d of demos) console.log(`  ${d.role.padEnd(12)} ${d.email.padEnd(36)} ${d.password.padEnd(28)} ${d.totpSecret}`);
    console.log("  Current codes: npm run totp -- SECRET\n");
    // A new database gets a few months of made-up requests and feedback, so insights have
    // something in them. It takes a while (about 25 s), so OneDoor is already serving meanwhile.
    void seedStarterHistory(db, { hashKey, fieldCipher }).then(
      (history) => history && console.log(`Example history added for insights: ${history.requests} requests, ${history.changes} changes by services, ${history.feedback} pieces of feedback.\n`),
      (error: unknown) => console.error("The example history could not be added:", error),
    );
  } catch (error) {
    if (error instanceof JavaMissingError) console.error(`\n${error.message}\n`);
    else console.error(error);
    await stop(1);
  }
}

void main();
