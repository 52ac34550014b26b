/**
 * Lighthouse scores for every public page (issue 14): performance, accessibility and best
 * practices, with Lighthouse's own mobile settings (a mid-range phone's screen, a slow 4G network
 * and a slowed processor, simulated). The `lighthouse` package drives Debian's Chromium, started
 * by Playwright with a debugging port, against the real local server: the built site and the API
 * on one origin, on DynamoDB Local with the example directory.
 *
 * Scores are 0 to 100. Lighthouse's performance score depends on the machine it runs on, so it is
 * reported, never a gate; accessibility and best practices do not.
 */
import { serve } from "@hono/node-server";
import { chromium } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import lighthouse from "lighthouse";
import { createApp } from "../functions/app";
import { createDatabase } from "../functions/db/client";
import { directoryRepository } from "../functions/db/directory";
import { ensureTable } from "../functions/db/table";
import { startDynamoDbLocal } from "../functions/local/dynamodb";
import { EXAMPLE_SERVICES, seedExampleDirectory } from "../functions/local/seed";
import { localServer } from "../functions/local/server";
import { ensureSiteBuilt, SITE_DIST } from "../functions/local/site";
import { rawAesFieldCipher } from "../functions/security/field-encryption";
import { YOUNG_PERSON_PAGES } from "./reading-age";
import { ms, table, type BudgetLine } from "./stats";

/** Every page anyone can open without signing in: the young person's pages and the staff sign-in page. */
export const PUBLIC_PAGES = [...YOUNG_PERSON_PAGES, "/staff/"];
/** What accessibility and best practices must score: axe already holds every page to zero violations. */
export const LIGHTHOUSE_BUDGET = 90;
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;

/** Scores 0–100; `notPassed`: the audits in each category that count and did not pass, which say what to fix. */
export type LighthouseScores = {
  page: string;
  url: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  /** Largest contentful paint and total blocking time in milliseconds, and cumulative layout shift, as Lighthouse simulated them. */
  metrics: { lcpMs: number; tbtMs: number; cls: number };
  notPassed: Record<(typeof CATEGORIES)[number], string[]>;
};

/** The service page needs a service to show: the first example one. */
const addressOf = (page: string) => (page === "/service/" ? `/service/?id=${EXAMPLE_SERVICES[0]!.id}` : page);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Tries to record a page load again, then gives up. */
const ATTEMPTS = 3;

/**
 * One Lighthouse run of a page. Its trace of the page load now and then comes back without a
 * start (NO_NAVSTART) on a busy machine: that run is tried again, as Lighthouse itself advises.
 */
async function audited(url: string, port: number, log: (line: string) => void) {
  for (let attempt = 1; ; attempt++) {
    const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
    const problem = !result ? "it gave nothing" : result.lhr.runtimeError?.message;
    if (!problem) return result!.lhr;
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse could not load ${url} in ${ATTEMPTS} tries: ${problem}`);
    log(`  (${new URL(url).pathname}: Lighthouse could not record the load, trying again: ${problem})`);
  }
}

export async function measureLighthouse(log: (line: string) => void, pages: readonly string[] = PUBLIC_PAGES): Promise<LighthouseScores[]> {
  ensureSiteBuilt();
  const dynamo = await startDynamoDbLocal();
  const db = createDatabase({ tableName: `bench-lighthouse-${process.pid}`, endpoint: dynamo.endpoint });
  await ensureTable(db);
  await seedExampleDirectory(directoryRepository(db));
  const origin = `http://127.0.0.1:${await freePort()}`;
  const app = createApp({ db, hashKey: randomBytes(32), fieldCipher: rawAesFieldCipher(randomBytes(32)), publicOrigin: origin, mailer: { send: async () => undefined }, logger: () => undefined });
  const http = serve({ fetch: localServer(app, SITE_DIST).fetch, port: Number(new URL(origin).port), hostname: "127.0.0.1" });
  await new Promise((resolve) => http.once("listening", resolve));

  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", `--remote-debugging-port=${port}`],
  });
  try {
    const scores: LighthouseScores[] = [];
    for (const page of pages) {
      const url = `${origin}${addressOf(page)}`;
      const { categories, audits } = await audited(url, port, log);
      const score = (id: (typeof CATEGORIES)[number]) => Math.round((categories[id]?.score ?? 0) * 100);
      const notPassed = (id: (typeof CATEGORIES)[number]) =>
        (categories[id]?.auditRefs ?? []).filter((ref) => ref.weight > 0 && typeof audits[ref.id]?.score === "number" && audits[ref.id]!.score! < 1).map((ref) => ref.id);
      const metric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
      const scored: LighthouseScores = {
        page,
        url: addressOf(page),
        performance: score("performance"),
        accessibility: score("accessibility"),
        bestPractices: score("best-practices"),
        metrics: { lcpMs: metric("largest-contentful-paint"), tbtMs: metric("total-blocking-time"), cls: metric("cumulative-layout-shift") },
        notPassed: { performance: notPassed("performance"), accessibility: notPassed("accessibility"), "best-practices": notPassed("best-practices") },
      };
      scores.push(scored);
      const missed = [...scored.notPassed.accessibility, ...scored.notPassed["best-practices"]];
      log(`  ${page}: performance ${scored.performance}, accessibility ${scored.accessibility}, best practices ${scored.bestPractices}${missed.length ? ` (not passed: ${missed.join(", ")})` : ""}`);
    }
    return scores;
  } finally {
    await browser.close();
    http.close();
    await dynamo.stop();
  }
}

export function reportLighthouse(scores: readonly LighthouseScores[], log: (line: string) => void): BudgetLine[] {
  log(
    table(
      ["page", "performance", "LCP", "TBT", "CLS", "accessibility", "best practices"],
      scores.map((s) => [s.url, String(s.performance), ms(s.metrics.lcpMs), ms(s.metrics.tbtMs), s.metrics.cls.toFixed(3), String(s.accessibility), String(s.bestPractices)]),
    ),
  );
  log("  Lighthouse's mobile settings: a phone's screen, slow 4G and a slowed processor, simulated on this machine. Performance is reported only: it moves with the machine.");
  const note = (list: string[]) => (list.length ? `not passed: ${list.join(", ")}` : undefined);
  return scores.flatMap((s) => [
    { name: `Lighthouse accessibility of ${s.page}`, budget: `≥ ${LIGHTHOUSE_BUDGET}`, measured: String(s.accessibility), within: s.accessibility >= LIGHTHOUSE_BUDGET, note: note(s.notPassed.accessibility) },
    { name: `Lighthouse best practices of ${s.page}`, budget: `≥ ${LIGHTHOUSE_BUDGET}`, measured: String(s.bestPractices), within: s.bestPractices >= LIGHTHOUSE_BUDGET, note: note(s.notPassed["best-practices"]) },
  ]);
}
