import { REDACTION_LABELS, type RedactionKind } from "../../../../functions/domain/redaction-labels";

/**
 * The moderation page's own redaction arithmetic, kept small and free of zod and the language
 * library (functions/domain/redaction.ts has both). The server works out the redacted text again
 * when a piece is approved; tests/unit/redaction-edit.test.ts checks this preview matches it.
 */

/** One part of the text to remove: [start, end) offsets into the original, as the API takes it. */
export type Redaction = { start: number; end: number; kind: RedactionKind; text: string };

/** The text as providers and commissioners will read it: each redaction replaced by its label, as applyRedactions does. */
export function previewRedacted(text: string, redactions: readonly Redaction[]): string {
  let out = "";
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, r.start) + REDACTION_LABELS[r.kind];
    at = r.end;
  }
  return out + text.slice(at);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Every place these words appear, ignoring case and how the spaces between them fall, and never
 * inside a longer word: "Sam" must not take a bite out of "Samaritans".
 */
export function findWords(text: string, words: string): { start: number; end: number }[] {
  const wanted = words.trim();
  if (!wanted) return [];
  const body = wanted.split(/\s+/).map(escape).join("\\s+");
  const before = WORD_CHAR.test(wanted[0]!) ? "(?<![\\p{L}\\p{N}])" : "";
  const after = WORD_CHAR.test(wanted.at(-1)!) ? "(?![\\p{L}\\p{N}])" : "";
  return Array.from(text.matchAll(new RegExp(`${before}${body}${after}`, "giu")), (m) => ({ start: m.index, end: m.index + m[0].length }));
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Adds a redaction for every place the words appear. A place already removed whole is left as it
 * is; one that overlaps redactions joins them into one, of the kind chosen now, since the server
 * refuses overlapping redactions. `added` is how many places are newly removed.
 */
export function addRedactions(text: string, current: readonly Redaction[], words: string, kind: RedactionKind): { redactions: Redaction[]; found: number; added: number } {
  const places = findWords(text, words);
  let redactions = [...current];
  let added = 0;
  for (const place of places) {
    if (redactions.some((r) => r.start <= place.start && place.end <= r.end)) continue;
    const joined = redactions.filter((r) => overlaps(r, place));
    const start = Math.min(place.start, ...joined.map((r) => r.start));
    const end = Math.max(place.end, ...joined.map((r) => r.end));
    redactions = [...redactions.filter((r) => !joined.includes(r)), { start, end, kind, text: text.slice(start, end) }];
    added++;
  }
  return { redactions: redactions.sort((a, b) => a.start - b.start), found: places.length, added };
}

/** Whether a redaction overlaps any of these. */
export const overlapsAny = (r: Redaction, others: readonly Redaction[]) => others.some((o) => o !== r && overlaps(o, r));
