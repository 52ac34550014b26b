/**
 * The API under load (issue 14): autocannon at a fixed number of connections against each
 * endpoint, and against a bare server that makes the same DynamoDB calls and nothing else
 * (api-load-server.ts, dynamodb-replay.ts), one after the other in the same run. The ratio says
 * what OneDoor adds on top of the database work it cannot avoid: validation, hashing, encryption,
 * building the answer, and HTTP through Hono.
 *
 * The servers run in a child process so that autocannon does not share their event loop; both
 * sides meet the same machine, the same DynamoDB Local and the same HTTP stack.
 */
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { ENDPOINTS, type BenchCall, type Fixtures } from "./api-load-endpoints";
import { ms, summarise, table, type BudgetLine, type Summary } from "./stats";

/**
 * `seconds` a side, in `rounds` that alternate bare and API, so a slower or busier moment of the
 * machine lands on both sides. `people`: how many are signed in to check in; the load goes round
 * them, so no one is sent two at once.
 */
export type ApiLoadOptions = { connections: number; seconds: number; rounds: number; warmupSeconds: number; people: number };
export const DEFAULT_API_LOAD: ApiLoadOptions = { connections: 10, seconds: 10, rounds: 5, warmupSeconds: 2, people: 200 };

type Side = { timing: Summary; perSecond: number; failed: number };
/** The DynamoDB calls one request makes, and the capacity units they cost. */
type Shape = { reads: number; writes: number; steps: number; readUnits: number; writeUnits: number };
export type ApiLoadRow = { name: string; label: string; shape: Shape; api: Side; bare: Side; p50Ratio: number; p95Ratio: number };
export type ApiLoadResult = { options: ApiLoadOptions; rows: ApiLoadRow[] };

type Ready = { apiPort: number; barePort: number; fixtures: Fixtures; shapes: Record<string, Shape> };

/** Starts the servers' process and waits for its line saying where they listen. */
async function startServers(log: (line: string) => void, people: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api-load-server.ts"], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, BENCH_CHECK_IN_PEOPLE: String(people) } });
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The bench's servers stopped (exit ${code}) before they were ready.`)));
    lines.once("line", (line) => resolve(JSON.parse(line) as Ready));
  });
  child.removeAllListeners("exit");
  log(`  servers ready: the API and a bare DynamoDB server, each in one Node process, ${ready.fixtures.checkInCookies.length} people signed in to check in`);
  const stop = () => new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
  return { ready, stop };
}

/** Every answer's time from a run or runs, and how many were not a success. */
type Samples = { times: number[]; failed: number };

/** One autocannon run, its answers added to `into`. */
async function load(url: string, calls: () => BenchCall, connections: number, seconds: number, into: Samples = { times: [], failed: 0 }): Promise<Samples> {
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, requests: [{ setupRequest: (request) => ({ ...request, ...calls() }) }] },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      into.times.push(responseTime);
      if (status >= 300) into.failed++;
    });
  });
  into.failed += result.errors + result.timeouts;
  return into;
}

const sideOf = (samples: Samples, seconds: number): Side => ({ timing: summarise(samples.times), perSecond: samples.times.length / seconds, failed: samples.failed });

export async function measureApiLoad(log: (line: string) => void, options: ApiLoadOptions = DEFAULT_API_LOAD): Promise<ApiLoadResult> {
  const { ready, stop } = await startServers(log, options.people);
  try {
    const rows: ApiLoadRow[] = [];
    for (const endpoint of ENDPOINTS) {
      let n = 1_000;
      const api = () => endpoint.call(ready.fixtures, n++);
      const bare = (): BenchCall => ({ method: "POST", path: `/bare/${endpoint.name}`, headers: {} });
      const apiUrl = `http://127.0.0.1:${ready.apiPort}`;
      const bareUrl = `http://127.0.0.1:${ready.barePort}`;
      await load(apiUrl, api, options.connections, options.warmupSeconds);
      await load(bareUrl, bare, options.connections, options.warmupSeconds);
      const bareSamples: Samples = { times: [], failed: 0 };
      const apiSamples: Samples = { times: [], failed: 0 };
      for (let round = 0; round < options.rounds; round++) {
        await load(bareUrl, bare, options.connections, options.seconds / options.rounds, bareSamples);
        await load(apiUrl, api, options.connections, options.seconds / options.rounds, apiSamples);
      }
      const [bareSide, apiSide] = [sideOf(bareSamples, options.seconds), sideOf(apiSamples, options.seconds)];
      const row = { name: endpoint.name, label: endpoint.label, shape: ready.shapes[endpoint.name]!, api: apiSide, bare: bareSide, p50Ratio: apiSide.timing.p50 / bareSide.timing.p50, p95Ratio: apiSide.timing.p95 / bareSide.timing.p95 };
      log(`  ${endpoint.label}: ${ms(apiSide.timing.p95)} p95 against ${ms(bareSide.timing.p95)} bare (${row.p95Ratio.toFixed(1)}×)${apiSide.failed || bareSide.failed ? `, ${apiSide.failed + bareSide.failed} failed` : ""}`);
      rows.push(row);
    }
    return { options, rows };
  } finally {
    await stop();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const shapeWords = (s: Shape) => `${plural(s.reads, "read")}, ${plural(s.writes, "write")} in ${plural(s.steps, "step")}; ${s.readUnits.toFixed(1)} RCU, ${s.writeUnits.toFixed(1)} WCU`;

export function reportApiLoad(r: ApiLoadResult, log: (line: string) => void): BudgetLine[] {
  log(
    table(
      ["call", "DynamoDB calls", "side", "p50", "p95", "p99", "per second", "failed"],
      r.rows.flatMap((row) => [
        [row.label, shapeWords(row.shape), "API", ms(row.api.timing.p50), ms(row.api.timing.p95), ms(row.api.timing.p99), row.api.perSecond.toFixed(0), String(row.api.failed)],
        ["", "", "bare", ms(row.bare.timing.p50), ms(row.bare.timing.p95), ms(row.bare.timing.p99), row.bare.perSecond.toFixed(0), String(row.bare.failed)],
        ["", "", "ratio", `${row.p50Ratio.toFixed(1)}×`, `${row.p95Ratio.toFixed(1)}×`, "", `${(row.api.perSecond / row.bare.perSecond).toFixed(2)}×`, ""],
      ]),
    ),
  );
  log(`  ${r.options.connections} connections, ${r.options.seconds} s a side in ${r.options.rounds} rounds that alternate, after ${r.options.warmupSeconds} s to warm. "Bare" sends the same DynamoDB calls one real request made, with no OneDoor code (writes to fresh keys).`);
  log("  A step is calls sent together; steps are sent one after another. RCU and WCU: the read and write capacity units DynamoDB Local reported for one request's calls.");
  log("  A ratio near 1 means the time goes to the database; below 1 is this machine's noise, as both sides share it.");
  return r.rows.map((row) => ({
    name: `API under load: ${row.label}, nothing failed`,
    budget: "0 failed",
    measured: String(row.api.failed + row.bare.failed),
    within: row.api.failed + row.bare.failed === 0,
  }));
}
