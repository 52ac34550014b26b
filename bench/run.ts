/**
 * `npm run bench`: page weight, search scaling, asking at once, insights at three sizes and the
 * Lambda bundles, reading age, Lighthouse and the API under load, measured on this machine.
 * A report, not a test: budgets are printed next to the figures, and it exits 0 whether they
 * are met or not (1 only when the bench itself breaks).
 *
 * `npm run bench -- --quick` runs every section smaller (1,000 services against 100, 10,000
 * requests against 1,000, fewer samples) in about a minute: for trying a change, not for figures
 * to quote. Each size can also be set alone: BENCH_LARGE_SERVICES (default 10000), BENCH_TIMED
 * (default 300), BENCH_SUBMISSION_ROUNDS (default 6), BENCH_INSIGHTS_LARGE (default 100000) and
 * BENCH_LOAD_SECONDS (default 10 a side).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release } from "node:os";
import { join } from "node:path";
import { measurePageWeights, reportPageWeights } from "./page-weight";
import { DEFAULT_SCALING, informationalSearchLines, measureSearchScaling, reportSearchScaling } from "./search-scaling";
import { table, verdict, type BudgetLine } from "./stats";
import { DEFAULT_SUBMISSION, measureSubmission, reportSubmission } from "./submission";
import { DEFAULT_INSIGHTS, measureInsights, reportInsights } from "./insights";
import { measureBundles, reportBundles } from "./bundles";
import { measureReadingAge, reportReadingAge } from "./reading-age";
import { DEFAULT_API_LOAD, measureApiLoad, reportApiLoad } from "./api-load";
import { measureLighthouse, PUBLIC_PAGES, reportLighthouse } from "./lighthouse";

const QUICK = process.argv.includes("--quick");
/** A setting from the environment, else its quick or full default. */
const setting = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));

const log = (line = "") => console.log(line);
/** Where each run's figures go (git-ignored: figures belong to a machine and a moment). */
const RESULTS = join("bench", "results.json");
const heading = (title: string) => log(`\n=== ${title} ${"=".repeat(Math.max(0, 76 - title.length))}`);

function gitDescription(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim();
  return head ? `${head}${dirty ? " + uncommitted changes" : ""}` : "unknown";
}

async function main() {
  const started = performance.now();
  const startLoad = loadavg();
  const cores = cpus();
  heading("OneDoor bench");
  log(`date:      ${new Date().toISOString()}`);
  log(`node:      ${process.version} (${platform()} ${release()} ${arch()})`);
  log(`cpus:      ${cores.length} × ${cores[0]?.model.trim() ?? "unknown"}`);
  log(`loadavg:   ${startLoad.map((l) => l.toFixed(2)).join(", ")} (1, 5, 15 min) at start${startLoad[0]! > cores.length ? "  ← busier than the core count: latencies are noisy" : ""}`);
  log(`commit:    ${gitDescription()}`);
  if (QUICK) log("mode:      --quick (smaller sizes, fewer samples: for trying a change, not for figures to quote)");

  heading("1. Page weight (site/dist)");
  const pages = measurePageWeights(log);
  const pageLines = reportPageWeights(pages, log);

  heading("2. Search scaling (DynamoDB Local, in memory)");
  const options = {
    ...DEFAULT_SCALING,
    largeServices: setting("BENCH_LARGE_SERVICES", DEFAULT_SCALING.largeServices, 1_000),
    timed: setting("BENCH_TIMED", DEFAULT_SCALING.timed, 60),
    ...(QUICK ? { postcodeTimed: 30, nameTimed: 30 } : {}),
  };
  const scaling = await measureSearchScaling(log, options);
  const searchLines = reportSearchScaling(scaling, log);

  heading("3. Asking for support, 50 at once (DynamoDB Local, in memory)");
  const submission = await measureSubmission(log, { ...DEFAULT_SUBMISSION, rounds: setting("BENCH_SUBMISSION_ROUNDS", DEFAULT_SUBMISSION.rounds, 2) });
  const submissionLines = reportSubmission(submission, log);

  const largest = setting("BENCH_INSIGHTS_LARGE", DEFAULT_INSIGHTS.sizes.at(-1)!, 10_000);
  const sizes = [...DEFAULT_INSIGHTS.sizes.filter((n) => n < largest), largest];
  heading(`4. Insights for an area with ${sizes.map((n) => n.toLocaleString("en-GB")).join(", ")} requests (DynamoDB Local, in memory)`);
  const insights = await measureInsights(log, { ...DEFAULT_INSIGHTS, sizes, ...(QUICK ? { timed: 50 } : {}) });
  const insightsLines = reportInsights(insights, log);

  heading("5. Lambda bundles (esbuild, minified, as SST ships them) and their import time");
  const bundles = await measureBundles(log, QUICK ? 2 : 5);
  const bundleLines = reportBundles(bundles, log);

  heading("6. Reading age of each young person's page (Flesch–Kincaid grade + 5)");
  const reading = measureReadingAge(log);
  const readingLines = reportReadingAge(reading, log);

  // Quick: the first page, one a script fills in, and the form.
  const lighthousePages = QUICK ? ["/", "/service/", "/ask/"] : PUBLIC_PAGES;
  heading(`7. Lighthouse, mobile, for ${QUICK ? "three" : "every"} public page${QUICK ? "s" : ""} (Debian's Chromium)`);
  const lighthouse = await measureLighthouse(log, lighthousePages);
  const lighthouseLines = reportLighthouse(lighthouse, log);

  const apiLoadOptions = { ...DEFAULT_API_LOAD, seconds: setting("BENCH_LOAD_SECONDS", DEFAULT_API_LOAD.seconds, 2), ...(QUICK ? { warmupSeconds: 1, rounds: 2, people: 50 } : {}) };
  heading(`8. The API under load (autocannon, ${apiLoadOptions.connections} connections), beside the same DynamoDB calls alone`);
  const apiLoad = await measureApiLoad(log, apiLoadOptions);
  const apiLoadLines = reportApiLoad(apiLoad, log);

  const lines: BudgetLine[] = [...pageLines, ...searchLines, ...submissionLines, ...insightsLines, ...bundleLines, ...readingLines, ...lighthouseLines, ...apiLoadLines];
  const wallSeconds = (performance.now() - started) / 1000;
  heading("Summary");
  log(table(["budget", "limit", "measured", "verdict"], lines.map((l) => [l.name, l.budget, l.measured, verdict(l.within)])));
  for (const l of lines.filter((x) => x.note)) log(`  note (${l.name}): ${l.note}`);
  log("");
  log("Informational, no budget:");
  for (const line of informationalSearchLines(scaling)) log(`  ${line}`);
  const over = lines.filter((l) => !l.within).length;
  log("");
  log(`${lines.length - over} of ${lines.length} budgets within, ${over} over. loadavg at end: ${loadavg().map((l) => l.toFixed(2)).join(", ")}. Bench wall time: ${wallSeconds.toFixed(1)} s.`);

  writeFileSync(
    RESULTS,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        quick: QUICK,
        machine: { platform: platform(), release: release(), arch: arch(), cpus: cores.length, cpu: cores[0]?.model.trim() },
        node: process.version,
        cpus: cores.length,
        loadavgAtStart: startLoad,
        commit: gitDescription(),
        wallSeconds,
        budgets: lines,
        pages,
        search: scaling,
        submission,
        insights,
        bundles,
        reading,
        lighthouse,
        apiLoad,
      },
      null,
      2,
    )}\n`,
  );
  log(`Written: ${RESULTS}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error("\nThe bench itself failed (this is not a budget verdict):");
    console.error(error);
    process.exit(1);
  },
);
