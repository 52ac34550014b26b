import * as z from "zod";
import { AreaIdSchema } from "./directory";
import { RedactionSchema } from "./redaction";

/**
 * Contributors' groups (PRODUCT.md J5): young people, parents and survivors who meet with a
 * facilitator, and the report of each session. A report carries no names: a count of people,
 * themes, a summary, quotes each shared with the person's agreement, recommendations, and who it
 * is for. Its text goes through the same moderation as feedback before anyone else reads it.
 */

/** A group, as an admin sets it up. The organisation that runs it holds its facilitators' work. */
export const GroupInputSchema = z.strictObject({
  name: z.string({ error: "Give the group a name." }).trim().min(1, "Give the group a name.").max(100, "Use at most 100 characters."),
  areaId: AreaIdSchema,
  description: z.string({ error: "Say in a sentence what the group is." }).trim().min(1, "Say in a sentence what the group is.").max(500, "Use at most 500 characters."),
  organisationId: z.uuid({ error: "Choose the organisation that runs the group." }),
});
export type GroupInput = z.infer<typeof GroupInputSchema>;
export type Group = GroupInput & { id: string; createdAt: string; updatedAt: string };

/** The shared themes a session can be about. Admins can add more (stored beside these). */
export const DEFAULT_THEMES = {
  waiting: "Waiting for support",
  "being-listened-to": "Being listened to",
  "choice-and-control": "Choice and control",
  "telling-my-story-once": "Telling my story once",
  "feeling-safe": "Feeling safe",
  information: "Clear information",
  "getting-in": "Getting support in the first place",
  families: "Support for families",
  schools: "Schools and colleges",
  "police-and-court": "Police and court",
  online: "Online harm",
  "boys-and-young-men": "Boys and young men",
} as const;

/** A theme an admin adds: its words; its code is made from them. */
export const ThemeInputSchema = z.strictObject({
  label: z.string({ error: "Write the theme in a few words." }).trim().min(2, "Write the theme in a few words.").max(60, "Use at most 60 characters."),
});

/** The code of a theme from its words: lower case, dashes, so "Money worries" is `money-worries`. */
export const themeCode = (label: string) =>
  label
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);

const longText = (what: string) =>
  z.string({ error: `Write the ${what} as text.` }).trim().max(3000, `Use at most 3,000 characters for the ${what}. Yours is longer: make it shorter.`);

/**
 * A quote can be kept only if the person agreed to share it. The message names the quote, since
 * field errors name the field (`quotes.consent`) and not its place in the list.
 */
export const QuotesSchema = z
  .array(
    z.strictObject({
      text: z.string({ error: "Write the quote." }).trim().min(1, "Write the quote, or take it out.").max(500, "Use at most 500 characters for a quote."),
      consent: z.boolean({ error: "Say whether the person agreed to share this quote." }),
    }),
  )
  .max(20, "Keep at most 20 quotes.")
  .superRefine((quotes, ctx) =>
    quotes.forEach((q, i) => {
      if (!q.consent) ctx.addIssue({ code: "custom", path: [i, "consent"], message: `Quote ${i + 1}: tick that the person agreed to share it, or take it out.` });
    }),
  )
  .transform((quotes) => quotes.map((q) => ({ text: q.text, consent: true as const })));

const unique = (ids: string[]) => [...new Set(ids)];

/** Who a report is for: services, organisations, and the commissioners of the group's area. */
export const AddressedToSchema = z
  .strictObject({
    // At most 10 of each, so an approval (a copy, an "unanswered" entry and a page item for each) stays one transaction.
    serviceIds: z.array(z.uuid({ error: "Choose services from the list." })).max(10, "Choose at most 10 services.").default([]).transform(unique),
    organisationIds: z.array(z.uuid({ error: "Choose organisations from the list." })).max(10, "Choose at most 10 organisations.").default([]).transform(unique),
    commissioners: z.boolean().default(false),
  })
  .refine((a) => a.serviceIds.length || a.organisationIds.length || a.commissioners, { message: "Choose who the report is for: a service, an organisation or the area's commissioners." });

/** What a facilitator records about one session. A draft may be incomplete; sending it needs a summary. */
export const GroupReportInputSchema = z.strictObject({
  date: z.iso.date({ error: "Enter the date of the session, like 2026-11-28." }),
  participants: z
    .number({ error: "Enter how many people took part, as a number." })
    .int("Enter a whole number of people.")
    .min(1, "At least one person took part.")
    .max(200, "Enter 200 people or fewer."),
  themes: z.array(z.string().max(60)).max(12, "Choose at most 12 themes.").default([]),
  summary: longText("summary").default(""),
  quotes: QuotesSchema.default([]),
  recommendations: longText("recommendations").default(""),
  addressedTo: AddressedToSchema,
  mayShowPublicly: z.boolean().default(false),
});
export type GroupReportInput = z.infer<typeof GroupReportInputSchema>;

export const GROUP_REPORT_STATES = {
  draft: "Draft",
  pending: "Waiting for a moderator",
  approved: "Approved",
  rejected: "Sent back",
} as const;
export type GroupReportState = keyof typeof GROUP_REPORT_STATES;

/** The texts of a report a moderator reads and redacts, each by name: `summary`, `recommendations`, `quote.0`… */
export function reportTexts(report: Pick<GroupReportInput, "summary" | "recommendations" | "quotes">): Record<string, string> {
  return {
    ...(report.summary ? { summary: report.summary } : {}),
    ...(report.recommendations ? { recommendations: report.recommendations } : {}),
    ...Object.fromEntries(report.quotes.map((q, i) => [`quote.${i}`, q.text])),
  };
}

/** A moderator's decision on a report: each text's redactions, or a reason to send it back. */
export const ReportDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.strictObject({ decision: z.literal("approve"), redactions: z.record(z.string().max(20), z.array(RedactionSchema).max(200)).default({}) }),
    z.strictObject({
      decision: z.literal("reject"),
      reason: z.string({ error: "Say why you are sending it back." }).trim().min(1, "Say why you are sending it back.").max(500, "Use at most 500 characters."),
    }),
  ],
  { error: "Choose approve or send back." },
);
export type ReportDecision = z.infer<typeof ReportDecisionSchema>;
