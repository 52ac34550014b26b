import { parseArgs } from "node:util";
import { createDatabase } from "../functions/db/client";
import { seedExampleHistory } from "../functions/local/example-history";
import { findRunningDatabase } from "../functions/local/dynamodb";
import { localFieldKey, localHashKey } from "../functions/local/keys";
import { DATA_DIR, LOCAL_TABLE } from "../functions/local/paths";
import { rawAesFieldCipher } from "../functions/security/field-encryption";

/**
 * `npm run seed:volume -- --requests N [--months M]`: adds N made-up requests (with what services
 * did next, and feedback) to the database of the running `npm start`, for load tests and for
 * insights with a lot in them. Every request says it is example data.
 */
const { values } = parseArgs({ options: { requests: { type: "string", default: "1000" }, months: { type: "string", default: "12" } } });
const requests = Number(values.requests);
const months = Number(values.months);
if (!Number.isInteger(requests) || requests < 1) throw new Error(`--requests must be a whole number, 1 or more (got ${values.requests}).`);
if (!Number.isInteger(months) || months < 1 || months > 36) throw new Error(`--months must be a whole number from 1 to 36 (got ${values.months}).`);

const endpoint = findRunningDatabase(DATA_DIR);
if (!endpoint) {
  console.error("OneDoor is not running. Start it with `npm start` in another terminal, then run this again.");
  process.exit(1);
}
const db = createDatabase({ tableName: LOCAL_TABLE, endpoint });
const started = Date.now();
const result = await seedExampleHistory(db, {
  requests,
  months,
  hashKey: localHashKey(DATA_DIR),
  fieldCipher: rawAesFieldCipher(localFieldKey(DATA_DIR)),
  onProgress: (done) => process.stdout.write(`\r  ${done} of ${requests} requests written`),
});
const seconds = (Date.now() - started) / 1000;
console.log(`\nAdded ${result.requests} example requests, ${result.changes} changes by services and ${result.feedback} pieces of feedback in ${seconds.toFixed(0)} s (${(result.requests / seconds).toFixed(0)} requests a second on this machine).`);
