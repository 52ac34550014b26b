import * as z from "zod";
import { RedactionSchema } from "./redaction";
import { RESPONSE_STATUSES, type ResponseStatus } from "./response-labels";

/**
 * "You said, we did": a provider's answer to approved feedback or a group report addressed to
 * it, in plain words with a status, changeable later with the history kept. Checked by a
 * moderator for personal data only before anyone else reads it.
 */

export { RESPONSE_STATUSES, RESPONSE_TARGETS, UNANSWERED_AFTER_DAYS, type ResponseStatus, type ResponseTarget } from "./response-labels";

export const ResponseInputSchema = z
  .strictObject({
    status: z.enum(Object.keys(RESPONSE_STATUSES) as [ResponseStatus, ...ResponseStatus[]], { error: "Choose what you are doing about it." }),
    text: z.string({ error: "Write your answer." }).trim().min(1, "Write your answer in plain words.").max(1000, "Use at most 1,000 characters."),
    why: z.string().trim().max(1000, "Use at most 1,000 characters.").optional(),
  })
  .refine((r) => r.status !== "not-possible" || !!r.why, { path: ["why"], message: "Say why it is not possible, so people understand." });
export type ResponseInput = z.infer<typeof ResponseInputSchema>;

/** A moderator's check of a response: approve with redactions of its text and reason, or send it back. */
export const ResponseDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.strictObject({ decision: z.literal("approve"), redactions: z.strictObject({ text: z.array(RedactionSchema).max(100).default([]), why: z.array(RedactionSchema).max(100).default([]) }).default({ text: [], why: [] }) }),
    z.strictObject({ decision: z.literal("reject"), reason: z.string({ error: "Say why you are sending it back." }).trim().min(1, "Say why you are sending it back.").max(500, "Use at most 500 characters.") }),
  ],
  { error: "Choose approve or send back." },
);
export type ResponseDecision = z.infer<typeof ResponseDecisionSchema>;
