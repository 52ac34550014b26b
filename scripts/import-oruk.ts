import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createDatabase } from "../functions/db/client";
import { directoryRepository } from "../functions/db/directory";
import { ensureTable } from "../functions/db/table";
import { importOpenReferral, type ImportCounts } from "../functions/features/import-openreferral";
import { findRunningDatabase, JavaMissingError, startDynamoDbLocal, type LocalDynamo } from "../functions/local/dynamodb";
import { DATA_DIR, DYNAMODB_DATA_DIR, LOCAL_TABLE } from "../functions/local/paths";
import { EXAMPLE_AREAS } from "../functions/local/seed";

/**
 * `npm run import:oruk -- FILE.json`: imports Open Referral UK services into the local database.
 * Uses the database of a running `npm start`, or starts DynamoDB Local on the same files itself.
 */

const counts = (c: ImportCounts) => `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`;

async function main(): Promise<number> {
  const [path] = process.argv.slice(2);
  if (!path) {
    console.error("Say which file to import: npm run import:oruk -- services.json");
    return 2;
  }
  // npm runs scripts from the project folder; INIT_CWD is where the command was typed.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    console.error(`Could not read ${file} as JSON: ${(error as Error).message}`);
    return 1;
  }

  let dynamo: LocalDynamo | undefined;
  let endpoint = findRunningDatabase(DATA_DIR);
  try {
    if (endpoint) {
      console.log(`Importing into the database of the running OneDoor (${endpoint}).`);
    } else {
      console.log("Starting DynamoDB Local on .data/dynamodb…");
      dynamo = await startDynamoDbLocal({ dataDir: DYNAMODB_DATA_DIR });
      endpoint = dynamo.endpoint;
    }
    const db = createDatabase({ tableName: LOCAL_TABLE, endpoint });
    await ensureTable(db);
    const report = await importOpenReferral(directoryRepository(db), json, { referenceAreas: EXAMPLE_AREAS });

    if (!report.ok) {
      console.error(`Nothing was imported. Fix these and run it again (records are counted from 0):`);
      for (const p of report.problems) console.error(`  ${p.index === null ? "file" : `record ${p.index}`}, ${p.field}: ${p.message}`);
      return 1;
    }
    console.log(`Organisations: ${counts(report.organisations)}.`);
    console.log(`Services: ${counts(report.services)}.`);
    if (report.areasAdded) console.log(`Areas added: ${report.areasAdded}.`);
    return 0;
  } catch (error) {
    console.error(error instanceof JavaMissingError ? `\n${error.message}\n` : error);
    return 1;
  } finally {
    await dynamo?.stop();
  }
}

process.exitCode = await main();
