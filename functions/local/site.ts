import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Where `npm run build:site` writes the static site. */
export const SITE_DIST = join(process.cwd(), "site", "dist");

/** Everything the built site is made from (its pages import labels and rules from functions/domain): a change to any of it means building again. */
const SITE_SOURCES = ["site/src", "site/astro.config.mjs", "functions/domain", "functions/data"];

function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

/** Builds the site when it is missing or older than its sources. */
export function ensureSiteBuilt(log: (line: string) => void = console.log): void {
  const built = join(SITE_DIST, "index.html");
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...SITE_SOURCES.map(newestChange))) return;
  log("Building the site…");
  const result = spawnSync("npm", ["run", "--silent", "build:site"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("The site did not build. The messages above say why.");
}
