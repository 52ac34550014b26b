import * as z from "zod";
import { EqualityAnswersSchema } from "./equality";
import { RedactionSchema } from "./redaction";
import { FEEDBACK_TEXT_MAX, FEEDBACK_USAGE } from "./feedback-labels";

export * from "./feedback-labels";

/**
 * Feedback about a service (PRODUCT.md J4) and its moderation (J9): what a person may tell us,
 * what a moderator decides, and the words for both. Anonymous: nothing here identifies anyone,
 * and free text reaches nobody but a moderator until one approves a redacted copy.
 */

const keysOf = <T extends Record<string, unknown>>(v: T) => Object.keys(v) as [keyof T & string, ...(keyof T & string)[]];

const score = z.literal([1, 2, 3, 4, 5], { error: "Choose one of the five answers." });

/** What someone sends: every answer but the service may be skipped. */
export const FeedbackSchema = z.strictObject({
  serviceId: z.uuid({ error: "Choose the service you want to tell us about." }),
  usage: z.enum(keysOf(FEEDBACK_USAGE), { error: "Choose how you know this service." }).optional(),
  scores: z
    .strictObject({
      listened: score.optional(),
      choice: score.optional(),
      toldOnce: score.optional(),
      safe: score.optional(),
      waitOk: score.optional(),
    })
    .default({}),
  text: z
    .string({ error: "Write your message as text." })
    .max(FEEDBACK_TEXT_MAX, `Use at most ${FEEDBACK_TEXT_MAX.toLocaleString("en-GB")} characters. Your message is longer: make it shorter, then send it again.`)
    .transform((t) => t.trim() || undefined)
    .optional(),
  equality: EqualityAnswersSchema.optional(),
  /** They agreed that their words (with anything that could identify them taken out) may be shown on the service's public page. */
  mayShowPublicly: z.boolean({ error: "Say yes or no." }).default(false),
}, {
  error: (issue) =>
    issue.code === "unrecognized_keys" ? `Feedback is anonymous, so OneDoor does not take ${issue.keys.join(", ")}. Leave it out.` : undefined,
});
export type Feedback = z.infer<typeof FeedbackSchema>;
/** What a page sends: defaults (no scores, not public) may be left out. */
export type FeedbackInput = z.input<typeof FeedbackSchema>;

/** A moderator's decision on a piece with text: approve the redacted copy, or reject it and say why. */
export const ModerationDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.strictObject({
      decision: z.literal("approve"),
      redactions: z.array(RedactionSchema).max(200, "That is too many redactions for one piece. Reject it instead."),
    }),
    z.strictObject({
      decision: z.literal("reject"),
      reason: z.string({ error: "Say why you are rejecting it." }).trim().min(1, "Say why you are rejecting it.").max(500, "Use at most 500 characters."),
    }),
  ],
  { error: "Choose approve or reject." },
);
export type ModerationDecision = z.infer<typeof ModerationDecisionSchema>;

/** What a moderator did about a piece that suggests someone may be at risk. */
export const SafeguardingActionSchema = z.strictObject({
  action: z.string({ error: "Say what you did." }).trim().min(1, "Say what you did.").max(1000, "Use at most 1,000 characters."),
});


/**
 * The counters one piece adds to its service's month when it arrives: how statistics are kept up
 * as feedback comes in, with no scan. Scores count at once; text counts only as "has text".
 */
export function serviceCountersOf(piece: Pick<Feedback, "usage" | "scores" | "text"> & { fromCheckIn: boolean }): Record<string, number> {
  const counters: Record<string, number> = { pieces: 1 };
  if (piece.usage) counters[`usage.${piece.usage}`] = 1;
  for (const [statement, value] of Object.entries(piece.scores)) if (value !== undefined) counters[`score.${statement}.${value}`] = 1;
  if (piece.text) counters.withText = 1;
  if (piece.fromCheckIn) counters.fromCheckIn = 1;
  return counters;
}

/** The counters one piece adds to each of its service's areas for the month: who feeds back, by each equality answer. */
export function areaCountersOf(piece: Pick<Feedback, "equality">): Record<string, number> {
  const counters: Record<string, number> = { pieces: 1 };
  for (const [question, answer] of Object.entries(piece.equality ?? {})) if (answer) counters[`equality.${question}.${answer}`] = 1;
  return counters;
}
