import { randomBytes, randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createApp, type AppDeps } from "../../functions/app";
import { rawAesFieldCipher } from "../../functions/security/field-encryption";
import { createDatabase, type Database } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { ensureTable } from "../../functions/db/table";
import { memoryOutbox } from "../../functions/email/outbox";
import { memoryLogger } from "../../functions/log";
import { seedExampleDirectory } from "../../functions/local/seed";

/** A fresh, empty table in the run's DynamoDB Local: tests never see each other's data. */
export async function freshDatabase(): Promise<Database> {
  const db = createDatabase({ tableName: `test-${randomUUID()}`, endpoint: inject("dynamoEndpoint") });
  await ensureTable(db);
  return db;
}

/** The app over a database as tests run it: logs and emails kept in memory, a clock they can move. */
export function testApp(db: Database, clock?: { now: number }, limits?: AppDeps["limits"], publicOrigin = "http://localhost", originSecret?: string, hashKey: Buffer = randomBytes(32)) {
  const logger = memoryLogger();
  const outbox = memoryOutbox();
  const fieldCipher = rawAesFieldCipher(randomBytes(32));
  const app = createApp({ db, logger, mailer: outbox, hashKey, fieldCipher, now: clock ? () => clock.now : undefined, limits, publicOrigin, originSecret });
  return { app, logger, outbox, fieldCipher, hashKey };
}

/** A fresh table with the example directory, and the app over it. */
export async function seededApp() {
  const db = await freshDatabase();
  await seedExampleDirectory(directoryRepository(db));
  return { db, ...testApp(db) };
}
