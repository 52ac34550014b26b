import * as z from "zod";
import lines from "./crisis-lines.json" with { type: "json" };

/**
 * The crisis and national lines shown on every relevant page. The words live in
 * `crisis-lines.json` so an operator can correct them; this checks their shape at startup.
 */
export const CrisisLineSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  for: z.string().min(1),
  call: z.string().regex(/^[0-9 ]+$/).optional(),
  text: z.string().regex(/^[0-9]+$/).optional(),
  textMessage: z.string().optional(),
  hours: z.string().optional(),
  website: z.url().optional(),
});
export type CrisisLine = z.infer<typeof CrisisLineSchema>;

export const CRISIS_LINES: CrisisLine[] = z.array(CrisisLineSchema).min(1).parse(lines);
