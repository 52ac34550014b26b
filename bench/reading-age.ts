import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";
import { ensureSiteBuilt, SITE_DIST } from "../functions/local/site";
import { table, type BudgetLine } from "./stats";

/**
 * Reading age of what a young person reads on each of their pages (the built HTML, every step of a
 * multi-step page included, since each is read in turn; words that scripts add, such as search
 * results and errors, are not in it). Flesch–Kincaid grade (the `flesch-kincaid` and `syllable`
 * packages) plus 5 gives a UK reading age. The aim is about 11: a frightened 12-year-old reads
 * below their best.
 */

export const READING_AGE_AIM = 11;
/** Past this, the page is reported as over its aim (a formula's figure is rough, so not a hair over 11). */
export const READING_AGE_LIMIT = 12;

export const YOUNG_PERSON_PAGES = ["/", "/find-support/", "/service/", "/ask/", "/check-in/", "/feedback/", "/staying-safe-online/", "/404.html"];

export type ReadingAge = { page: string; words: number; sentences: number; syllables: number; grade: number; readingAge: number; proseReadingAge: number };

/**
 * Each block of prose on its own line: a heading, a paragraph, a label or a list item is a
 * sentence even without a full stop. Buttons, links, choices in a list and table cells are left
 * out: one-word fragments ("Monday", "Next") would make every page look easier than its prose is.
 */
function visibleBlocks(html: string, blocks = "h[1-6]|p|li|label|legend|summary|dt|dd|caption|div"): string[] {
  const body = html
    .replace(/<(script|style|svg|noscript|template)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(button|option|td|th|select|nav)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(new RegExp(`<(${blocks})\\b[^>]*>`, "gi"), "\n")
    .replace(/<[^>]+>/g, " ");
  const text = body.replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;|&apos;|&rsquo;/g, "'").replace(/&[a-z]+;/g, " ");
  return text.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => /[a-z]/i.test(l));
}

/** Paragraphs and list items only: the prose, without the headings and labels that shorten the average. */
const PROSE = "p|li";

export function readingAgeOf(html: string, blocks?: string) {
  const texts = blocks ? visibleBlocks(html, blocks) : visibleBlocks(html);
  const sentences = texts.flatMap((b) => b.split(/(?<=[.!?])\s+/)).filter((s) => /[a-z]/i.test(s));
  const words = sentences.flatMap((s) => s.match(/[a-z0-9’']+/gi) ?? []);
  const counts = { sentence: sentences.length, word: words.length, syllable: words.reduce((n, w) => n + syllable(w), 0) };
  const grade = fleschKincaid(counts);
  return { words: counts.word, sentences: counts.sentence, syllables: counts.syllable, grade, readingAge: grade + 5 };
}

export function measureReadingAge(log: (line: string) => void): ReadingAge[] {
  ensureSiteBuilt();
  return YOUNG_PERSON_PAGES.map((page) => {
    const file = page.endsWith(".html") ? join(SITE_DIST, page) : join(SITE_DIST, page, "index.html");
    const html = readFileSync(file, "utf8");
    const result = { page, ...readingAgeOf(html), proseReadingAge: readingAgeOf(html, PROSE).readingAge };
    log(`  ${page}: ${result.words} words in ${result.sentences} sentences, reading age ${result.readingAge.toFixed(1)} (paragraphs alone ${result.proseReadingAge.toFixed(1)})`);
    return result;
  });
}

export function reportReadingAge(results: ReadingAge[], log: (line: string) => void): BudgetLine[] {
  log(table(["page", "words", "sentences", "words a sentence", "syllables a word", "reading age", "paragraphs alone"], results.map((r) => [r.page, String(r.words), String(r.sentences), (r.words / r.sentences).toFixed(1), (r.syllables / r.words).toFixed(2), r.readingAge.toFixed(1), r.proseReadingAge.toFixed(1)])));
  // The budget is held by the harder of the two figures.
  return results.map((r) => {
    const age = Math.max(r.readingAge, r.proseReadingAge);
    return { name: `reading age of ${r.page}`, budget: `about ${READING_AGE_AIM} (≤ ${READING_AGE_LIMIT})`, measured: age.toFixed(1), within: age <= READING_AGE_LIMIT };
  });
}
