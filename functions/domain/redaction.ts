import * as z from "zod";
import { codesOf } from "./vocabulary";
import { REDACTION_KINDS, REDACTION_LABELS } from "./redaction-labels";

/**
 * Redaction of feedback free text (PRODUCT.md J9): before a moderator approves a piece of
 * feedback, OneDoor proposes the parts that could identify someone, and the moderator accepts,
 * edits or adds to them. Proposals lean towards removing too much: a moderator can put a word
 * back, but nobody can take back a name that reached a provider.
 */

export { REDACTION_KINDS, REDACTION_LABELS, type RedactionKind } from "./redaction-labels";

/** One part of a text to remove: [start, end) character offsets into the original text. */
export const RedactionSchema = z
  .object({
    start: z.int({ error: "Give the start as a whole number." }).min(0, "The start cannot be before the text begins."),
    end: z.int({ error: "Give the end as a whole number." }).min(1, "The end must be after the start."),
    kind: z.enum(codesOf(REDACTION_KINDS), { error: "Choose what kind of thing is being removed." }),
    text: z.string().min(1, "Say which words are being removed."),
  })
  .refine((r) => r.end > r.start, { path: ["end"], message: "The end must be after the start." })
  .refine((r) => r.text.length === r.end - r.start, { path: ["text"], message: "The words removed must fill the whole stretch." });
export type Redaction = z.infer<typeof RedactionSchema>;

/** What the feedback is about and who gave the service: names the rules cannot know. */
export type RedactionContext = {
  /** Workers' names: always removed, as staff names. */
  staffNames?: string[];
  /** The services the feedback is about: never removed, even where they name a place. */
  serviceNames?: string[];
};

/** The text with each redaction replaced by its label; refuses redactions that do not fit the text. */
export function applyRedactions(text: string, redactions: readonly Redaction[]): string {
  const sorted = [...redactions].sort((a, b) => a.start - b.start);
  // Messages give positions, never the words: they can end up in logs, and the words identify someone.
  let previous: Redaction | undefined;
  for (const r of sorted) {
    if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end <= r.start) {
      throw new Error(`A redaction must start before it ends, within the text (it runs from ${r.start} to ${r.end}).`);
    }
    if (r.end > text.length) {
      throw new Error(`A redaction runs past the end of the text (it ends at ${r.end}, the text has ${text.length} characters).`);
    }
    if (text.slice(r.start, r.end) !== r.text) {
      throw new Error(`The redaction from ${r.start} to ${r.end} does not match the text there: the text may have changed since it was proposed.`);
    }
    if (!(r.kind in REDACTION_LABELS)) throw new Error(`The redaction from ${r.start} to ${r.end} has a kind OneDoor does not know.`);
    if (previous && r.start < previous.end) {
      throw new Error(`Two redactions overlap (${previous.start} to ${previous.end} and ${r.start} to ${r.end}): join them into one.`);
    }
    previous = r;
  }
  let out = "";
  let at = 0;
  for (const r of sorted) {
    out += text.slice(at, r.start) + REDACTION_LABELS[r.kind];
    at = r.end;
  }
  return out + text.slice(at);
}

/**
 * The proposals (redaction-proposals.ts), loaded the first time a moderator needs them: they bring
 * compromise's lexicon (about 350 KB), which nothing a young person sends has to wait for.
 */
export const loadProposals = () => import("./redaction-proposals").then((m) => m.proposeRedactions);
