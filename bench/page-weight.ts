import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { constants, gzipSync } from "node:zlib";
import { ensureSiteBuilt, SITE_DIST } from "../functions/local/site";
import { kb, table, verdict, type BudgetLine } from "./stats";

/** What fits in the first round trip: TCP's initial congestion window of 10 segments, about 14 KB. */
export const FIRST_ROUND_TRIP_BUDGET = 14 * 1024;
/** Everything a page needs to work: HTML, CSS and all the JavaScript it will load. */
export const ALL_ASSETS_BUDGET = 30 * 1024;
export const GZIP_LEVEL = 9;

/** One file a page loads, with its size before and after gzip. */
export type PageFile = { path: string; kind: "html" | "css" | "js"; raw: number; gzip: number; firstRoundTrip: boolean };

/** A built page and the weight of what it loads. */
export type PageWeight = {
  page: string;
  files: PageFile[];
  firstRoundTripGzip: number;
  allAssetsGzip: number;
  warnings: string[];
};

// Any origin will do: it only lets relative hrefs resolve the way a browser would.
const ORIGIN = "https://onedoor.invalid";

/** Every public page in the built site: each `index.html`, and `404.html`. */
function findPages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findPages(path);
    return name === "index.html" || name === "404.html" ? [path] : [];
  });
}

/** The URL path a file is served at. */
const urlPathOf = (file: string) => `/${relative(SITE_DIST, file).split(sep).join("/")}`.replace(/index\.html$/, "");

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /([^\s=/<>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;
  for (const m of tag.replace(/^<\w+/, "").matchAll(pattern)) found.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? "");
  return found;
}

/** Import specifiers in an ES module: `import … from "x"`, `export … from "x"`, `import "x"`, `import("x")`. */
function importSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\b[^"'`;()]*?\bfrom\s*(["'])([^"']+)\1/g,
    /\bimport\s*(["'])([^"']+)\1/g,
    /\bimport\s*\(\s*(["'])([^"']+)\1\s*\)/g,
  ];
  const specifiers = patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[2]!));
  // Bare specifiers cannot appear in a browser bundle; skipping them avoids matching prose in strings.
  return [...new Set(specifiers.filter((s) => /^(\.{1,2}\/|\/)/.test(s)))];
}

/** CSS `@import`s, which block rendering just like the stylesheet that holds them. */
function cssImports(source: string): string[] {
  return [...source.matchAll(/@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1/g)].map((m) => m[2]!);
}

/** Measures one page: the HTML, its stylesheets, and its scripts with every module they import. */
function weighPage(htmlFile: string): PageWeight {
  const page = urlPathOf(htmlFile);
  const warnings: string[] = [];
  const files = new Map<string, PageFile>();
  const sizes = (path: string) => {
    const bytes = readFileSync(path);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: GZIP_LEVEL }).length, text: bytes.toString("utf8") };
  };
  /** The file a URL points at inside the built site, or undefined (with a warning) when it is not there. */
  const resolveFile = (href: string, base: string): string | undefined => {
    const url = new URL(href, ORIGIN + base);
    if (url.origin !== ORIGIN) {
      warnings.push(`external, not counted: ${href}`);
      return undefined;
    }
    const path = join(SITE_DIST, decodeURIComponent(url.pathname));
    if (!existsSync(path)) {
      warnings.push(`missing from site/dist: ${url.pathname} (linked from ${base})`);
      return undefined;
    }
    return path;
  };

  const html = sizes(htmlFile);
  files.set(htmlFile, { path: page, kind: "html", raw: html.raw, gzip: html.gzip, firstRoundTrip: true });

  const addCss = (path: string) => {
    if (files.has(path)) return;
    const css = sizes(path);
    files.set(path, { path: urlPathOf(path), kind: "css", raw: css.raw, gzip: css.gzip, firstRoundTrip: true });
    for (const href of cssImports(css.text)) {
      const imported = resolveFile(href, urlPathOf(path));
      if (imported) addCss(imported);
    }
  };
  const addJsImports = (source: string, base: string) => {
    for (const specifier of importSpecifiers(source)) {
      const imported = resolveFile(specifier, base);
      if (imported) addJs(imported);
    }
  };
  const addJs = (path: string) => {
    if (files.has(path)) return;
    const js = sizes(path);
    files.set(path, { path: urlPathOf(path), kind: "js", raw: js.raw, gzip: js.gzip, firstRoundTrip: false });
    addJsImports(js.text, urlPathOf(path));
  };

  for (const [tag] of html.text.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    const rel = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/);
    const href = attrs.get("href");
    if (!href) continue;
    const path = rel.includes("stylesheet") || rel.includes("modulepreload") ? resolveFile(href, page) : undefined;
    if (path && rel.includes("stylesheet")) addCss(path);
    if (path && rel.includes("modulepreload")) addJs(path);
  }
  for (const [, tagAttrs, body] of html.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = attributes(tagAttrs!);
    const src = attrs.get("src");
    if (src) {
      const path = resolveFile(src, page);
      if (path) addJs(path);
    } else if (attrs.get("type") === "module") {
      // An inline module is already in the HTML, but what it imports is not.
      addJsImports(body!, page);
    }
  }

  const all = [...files.values()];
  return {
    page,
    files: all,
    firstRoundTripGzip: all.filter((f) => f.firstRoundTrip).reduce((sum, f) => sum + f.gzip, 0),
    allAssetsGzip: all.reduce((sum, f) => sum + f.gzip, 0),
    warnings,
  };
}

/** Builds the site if needed and measures every public page. */
export function measurePageWeights(log: (line: string) => void): PageWeight[] {
  ensureSiteBuilt(log);
  return findPages(SITE_DIST)
    .map(weighPage)
    .sort((a, b) => a.page.localeCompare(b.page));
}

/** Prints a table per page and returns the budget lines for the summary. */
export function reportPageWeights(pages: PageWeight[], log: (line: string) => void): BudgetLine[] {
  log(`gzip: node:zlib gzipSync level ${GZIP_LEVEL}, each file compressed on its own (as each is its own response).`);
  log(`"First round trip" = HTML + linked stylesheets (and their @imports); "all assets" = that + every script and the modules it imports, dynamic imports included.`);
  const lines: BudgetLine[] = [];
  for (const p of pages) {
    log("");
    log(`Page ${p.page}`);
    const rows = p.files.map((f) => [f.kind, f.path, `${f.raw} B`, `${f.gzip} B`, f.firstRoundTrip ? "yes" : "no"]);
    log(table(["kind", "file", "raw", "gzip", "1st trip"], rows));
    const firstWithin = p.firstRoundTripGzip <= FIRST_ROUND_TRIP_BUDGET;
    const allWithin = p.allAssetsGzip <= ALL_ASSETS_BUDGET;
    log(`  first round trip (HTML + CSS): ${kb(p.firstRoundTripGzip)} gzip  budget ≤ ${kb(FIRST_ROUND_TRIP_BUDGET)}  ${verdict(firstWithin)}`);
    log(`  all assets (HTML + CSS + JS):  ${kb(p.allAssetsGzip)} gzip  budget ≤ ${kb(ALL_ASSETS_BUDGET)}  ${verdict(allWithin)}`);
    for (const w of p.warnings) log(`  warning: ${w}`);
    lines.push(
      { name: `${p.page}: first round trip (gzip)`, budget: `≤ ${kb(FIRST_ROUND_TRIP_BUDGET)}`, measured: kb(p.firstRoundTripGzip), within: firstWithin },
      { name: `${p.page}: all assets (gzip)`, budget: `≤ ${kb(ALL_ASSETS_BUDGET)}`, measured: kb(p.allAssetsGzip), within: allWithin },
    );
  }
  return lines;
}
