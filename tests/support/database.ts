import { randomBytes, randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createApp } from "../../functions/app";
import { createDatabase, type Database } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { ensureTable } from "../../functions/db/table";
import { memoryLogger } from "../../functions/http/log";
import { seedExampleDirectory } from "../../functions/local/seed";

/** A fresh, empty table in the run's DynamoDB Local: tests never see each other's data. */
export async function freshDatabase(): Promise<Database> {
  const db = createDatabase({ tableName: `test-${randomUUID()}`, endpoint: inject("dynamoEndpoint") });
  await ensureTable(db);
  return db;
}

/** A fresh table with the example directory, and the app over it, logging to memory. */
export async function seededApp() {
  const db = await freshDatabase();
  await seedExampleDirectory(directoryRepository(db));
  const logger = memoryLogger();
  return { db, app: createApp({ db, logger, hashKey: randomBytes(32) }), logger };
}
