/**
 * The kinds of redaction and what readers see in their place (redaction.ts), with no zod or
 * language library, so the moderation page can import them.
 */

/** The kinds of thing a redaction removes, most specific first, in the words a moderator reads. */
export const REDACTION_KINDS = {
  "staff-name": "A worker's name",
  email: "An email address",
  "social-handle": "A social media name",
  phone: "A phone number",
  postcode: "A postcode",
  "street-address": "A street address",
  school: "A school or college",
  date: "A date, such as a date of birth",
  "person-name": "A person's name",
  place: "A place",
} as const;
export type RedactionKind = keyof typeof REDACTION_KINDS;

/** What readers see in place of each kind of redaction. */
export const REDACTION_LABELS: Record<RedactionKind, string> = {
  "staff-name": "[staff name removed]",
  email: "[email address removed]",
  "social-handle": "[social media name removed]",
  phone: "[phone number removed]",
  postcode: "[postcode removed]",
  "street-address": "[address removed]",
  school: "[school removed]",
  date: "[date removed]",
  "person-name": "[name removed]",
  place: "[place removed]",
};

/** Where a redaction was, without the words it removed: what is kept after approval, so no removed name is stored in clear. */
export type RedactionSpan = { start: number; end: number; kind: RedactionKind };

/** The spans of these redactions, the removed words left out. */
export const spansOf = (redactions: readonly RedactionSpan[]): RedactionSpan[] => redactions.map(({ start, end, kind }) => ({ start, end, kind }));

/** The redactions again, with their words taken from the original (for a moderator, who may read it). */
export const withWords = (text: string, spans: readonly RedactionSpan[]) => spans.map((s) => ({ ...s, text: text.slice(s.start, s.end) }));
