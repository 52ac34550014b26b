import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { LAMBDA_BUNDLING } from "../stacks/lambda-bundling";
import { SCRYPT_PARAMETERS } from "../functions/security/passwords";
import { kb, ms, table, type BudgetLine } from "./stats";

/**
 * Each Lambda as SST ships it: bundled by esbuild into minified ES modules for Node 24 with the
 * settings the stacks use (stacks/lambda-bundling.ts: the AWS SDK left to the runtime, chunks
 * split off for code loaded on first use). Reports the entry's size against the budget, the
 * chunks beside it, and how long a fresh Node process takes to import the entry, which is most of
 * a cold start (the SDK is imported from node_modules, as Lambda imports it from the runtime).
 * SST's `Resource` is given stand-in links, as in Lambda.
 */

export const BUNDLE_BUDGET_BYTES = 400 * 1024;
const HANDLERS = { Api: "functions/handler.ts", RetentionSweep: "functions/sweep.ts", CheckInReminders: "functions/reminders.ts" };

export type BundleResult = {
  name: string;
  bytes: number;
  chunkBytes: number;
  importMs: number[];
  /** Resident memory once imported, and at its peak after one staff password hash (the most memory one request takes). */
  rssAfterImportMb: number;
  peakAfterPasswordHashMb: number;
  passwordHashMs: number;
  largest: { from: string; bytes: number }[];
};

/** What takes the room in a bundle: bytes in the output by npm package (or our own folder). */
function largestInputs(inputs: Record<string, { bytesInOutput: number }>, count = 5) {
  const by = new Map<string, number>();
  for (const [file, info] of Object.entries(inputs)) {
    const from = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split("/").slice(0, 2).join("/");
    by.set(from, (by.get(from) ?? 0) + info.bytesInOutput);
  }
  return [...by].sort((a, b) => b[1] - a[1]).slice(0, count).map(([from, bytes]) => ({ from, bytes }));
}

/** SST's links as environment variables, the way its `Resource` reads them in Lambda. */
const LINKS = {
  SST_RESOURCE_Table: { name: "bench" },
  SST_RESOURCE_FieldKey: { arn: "arn:aws:kms:eu-west-2:000000000000:key/bench" },
  SST_RESOURCE_HashKey: { value: Buffer.alloc(32).toString("base64") },
  SST_RESOURCE_MailFrom: { value: "bench@example.org" },
  SST_RESOURCE_OriginSecret: { value: "bench" },
  SST_RESOURCE_App: { name: "onedoor", stage: "bench" },
};

export async function measureBundles(log: (line: string) => void, imports = 5): Promise<BundleResult[]> {
  // Inside the project, so the SDK the bundles leave out resolves from node_modules.
  mkdirSync(join("node_modules", ".cache"), { recursive: true });
  const dir = mkdtempSync(join("node_modules", ".cache", "onedoor-bundles-"));
  try {
    const results: BundleResult[] = [];
    for (const [name, entry] of Object.entries(HANDLERS)) {
      const outdir = join(dir, name);
      const built = await build({
        metafile: true,
        entryPoints: { index: entry },
        outdir,
        outExtension: { ".js": ".mjs" },
        splitting: LAMBDA_BUNDLING.splitting,
        external: LAMBDA_BUNDLING.esbuild.external,
        bundle: true,
        minify: true,
        platform: "node",
        target: "node24",
        format: "esm",
        // As SST does for ES modules: CommonJS packages inside still find `require`.
        banner: { js: "import { createRequire as topLevelCreateRequire } from 'module';const require = topLevelCreateRequire(import.meta.url);" },
        logLevel: "silent",
      });
      const env = { ...process.env, PUBLIC_ORIGIN: "https://onedoor.example.org", ...Object.fromEntries(Object.entries(LINKS).map(([k, v]) => [k, JSON.stringify(v)])) };
      const outfile = resolve(outdir, "index.mjs");
      const probe = join(dir, `${name}-probe.mjs`);
      // A fresh process imports the bundle, then hashes one password as a staff sign-in does.
      const { N, r, p, keyLength } = SCRYPT_PARAMETERS;
      writeFileSync(
        probe,
        `import { scryptSync } from "node:crypto";
const t = performance.now(); await import(${JSON.stringify(outfile)}); const importMs = performance.now() - t;
const rssAfterImportMb = process.memoryUsage().rss / 2 ** 20;
const h = performance.now(); scryptSync("a staff password", "a salt of sixteen", ${keyLength}, { N: ${N}, r: ${r}, p: ${p}, maxmem: ${256 * N * r} }); const passwordHashMs = performance.now() - h;
console.log(JSON.stringify({ importMs, rssAfterImportMb, passwordHashMs, peakAfterPasswordHashMb: process.resourceUsage().maxRSS / 1024 }));`,
      );
      const runs: { importMs: number; rssAfterImportMb: number; passwordHashMs: number; peakAfterPasswordHashMb: number }[] = [];
      for (let i = 0; i < imports; i++) {
        const run = spawnSync(process.execPath, [probe], { env, encoding: "utf8" });
        if (run.status !== 0) throw new Error(`Importing the ${name} bundle failed: ${run.stderr.slice(0, 500)}`);
        runs.push(JSON.parse(run.stdout.trim()));
      }
      const importMs = runs.map((x) => x.importMs);
      const highest = (pick: (x: (typeof runs)[number]) => number) => Math.max(...runs.map(pick));
      const outputs = Object.entries(built.metafile.outputs).filter(([file]) => file.endsWith(".mjs"));
      const [, entryOutput] = outputs.find(([file]) => file.endsWith("/index.mjs"))!;
      const chunkBytes = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) - entryOutput.bytes;
      const largest = largestInputs(entryOutput.inputs);
      results.push({
        name,
        bytes: entryOutput.bytes,
        chunkBytes,
        importMs,
        rssAfterImportMb: highest((x) => x.rssAfterImportMb),
        peakAfterPasswordHashMb: highest((x) => x.peakAfterPasswordHashMb),
        passwordHashMs: Math.min(...runs.map((x) => x.passwordHashMs)),
        largest,
      });
      log(`  ${name}: ${kb(entryOutput.bytes)} (and ${kb(chunkBytes)} in chunks loaded on first use), imported in ${ms(Math.min(...importMs))} at best of ${imports}; largest parts: ${largest.map((l) => `${l.from} ${kb(l.bytes)}`).join(", ")}`);
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportBundles(results: BundleResult[], log: (line: string) => void): BudgetLine[] {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log(table(["function", "minified entry", "chunks on first use", "import (median)", "import (best)", "memory after import", "peak with a password hash"], results.map((r) => [r.name, kb(r.bytes), kb(r.chunkBytes), ms(median(r.importMs)), ms(Math.min(...r.importMs)), `${r.rssAfterImportMb.toFixed(0)} MB`, `${r.peakAfterPasswordHashMb.toFixed(0)} MB`])));
  const api = results.find((r) => r.name === "Api");
  if (api) log(`  One staff password hash (scrypt, N = 2^17) took ${ms(api.passwordHashMs)} on one core here: a Lambda's CPU share grows with its memory (a whole vCPU at 1,769 MB).`);
  return results.map((r) => ({ name: `${r.name} bundle, minified`, budget: `≤ ${kb(BUNDLE_BUDGET_BYTES)}`, measured: kb(r.bytes), within: r.bytes <= BUNDLE_BUDGET_BYTES }));
}
