import * as z from "zod";
import { AreaIdSchema, NeedSchema } from "./directory";
import { CLOSE_OUTCOMES, CONTACT_CHANNELS, CONTACT_OUTCOMES, DECLINE_REASONS } from "./route-labels";
import { ROUTE_STATUSES, type RouteAction } from "./route-status";
import { AGE_BANDS, ASKERS } from "./support-request-labels";

/**
 * A route: one request's journey with one service (PRODUCT.md J6), and what staff record on it.
 * Allowed status changes live in route-status.ts; this module says what the records hold.
 */

const keysOf = <T extends Record<string, string>>(v: T) => Object.keys(v) as [keyof T & string, ...(keyof T & string)[]];

const StaffNameSchema = z.object({ accountId: z.uuid(), name: z.string() });

export const RouteSchema = z.object({
  reference: z.string(),
  serviceId: z.uuid(),
  organisationId: z.uuid(),
  status: z.enum(keysOf(ROUTE_STATUSES)),
  urgent: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** 1 when received, one more with each change: orders the history and guards against lost updates. */
  version: z.number().int().min(1),
  // Copied from the request (all in clear) so the inbox list needs one read.
  asker: z.enum(keysOf(ASKERS)),
  ageBand: z.enum(keysOf(AGE_BANDS)).optional(),
  areaId: AreaIdSchema.optional(),
  needs: z.array(NeedSchema),
  /** Other open requests to the same organisation with the same phone or email. */
  possibleDuplicateOf: z.array(z.string()),
  expectedWaitWeeks: z.number().int().optional(),
  allocatedTo: StaffNameSchema.optional(),
  /** On the waiting list: how often the service checks in with them (default every 2 weeks)... */
  checkInEveryWeeks: z.number().int().optional(),
  /** ...counted from here: when they joined the list, or the last contact attempt recorded. */
  lastContactAt: z.iso.datetime().optional(),
  /**
   * Milestones for the statistics, set by changeRoute (route-status.ts) and nowhere else: when the
   * service first reached them, when support started (a worker allocated), and how it ended.
   */
  firstContactAt: z.iso.datetime().optional(),
  startedAt: z.iso.datetime().optional(),
  endedAt: z.iso.datetime().optional(),
  /** A close's outcome or a decline's kind of reason (codes, never words). */
  outcome: z.string().optional(),
  signpostServiceId: z.uuid().optional(),
});
export type Route = z.infer<typeof RouteSchema>;

export const DEFAULT_CHECK_IN_WEEKS = 2;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Whether a service owes someone on its waiting list a check-in: nobody waits in silence. */
export function isCheckInOverdue(route: Route, now: number): boolean {
  if (route.status !== "waiting" || !route.lastContactAt) return false;
  return now > Date.parse(route.lastContactAt) + (route.checkInEveryWeeks ?? DEFAULT_CHECK_IN_WEEKS) * WEEK_MS;
}

const note = z.string().trim().max(500, "Use at most 500 characters.").optional();

/** What a member of staff can send to act on a route: one shape per action. */
export const RouteActionInputSchema = z.discriminatedUnion(
  "action",
  [
    z.object({ action: z.literal("acknowledge") }),
    z.object({
      action: z.literal("wait"),
      expectedWaitWeeks: z
        .number({ error: "Enter the expected wait in weeks, as a number." })
        .int("Enter a whole number of weeks.")
        .min(0, "The wait cannot be less than 0 weeks.")
        .max(104, "Enter a wait of 104 weeks or less."),
      checkInEveryWeeks: z
        .number({ error: "Enter how often to check in, in weeks, as a number." })
        .int("Enter a whole number of weeks.")
        .min(1, "Check in at least every week or more.")
        .max(12, "Check in at least every 12 weeks.")
        .optional(),
    }),
    z.object({ action: z.literal("allocate"), accountId: z.uuid({ error: "Choose a worker from the list." }) }),
    z.object({
      action: z.literal("contact"),
      outcome: z.enum(keysOf(CONTACT_OUTCOMES), { error: "Choose how the contact attempt went." }),
      channel: z.enum(keysOf(CONTACT_CHANNELS), { error: "Choose how you tried to get in touch." }),
      note,
    }),
    z
      .object({
        action: z.literal("decline"),
        reason: z.string({ error: "Say why you cannot help." }).trim().min(1, "Say why you cannot help.").max(500, "Use at most 500 characters."),
        /** The kind of reason, for the statistics; the words above are for the person. */
        reasonCode: z.enum(keysOf(DECLINE_REASONS), { error: "Choose the kind of reason from the list." }).optional(),
        signpostServiceId: z.uuid({ error: "Choose a service from the list." }).optional(),
        signpostText: z.string().trim().max(200, "Use at most 200 characters.").optional(),
      })
      .refine((d) => d.signpostServiceId || d.signpostText, {
        path: ["signpost"],
        message: "Say where they can go instead: choose a service or type one. Nobody is left with nowhere to go.",
      }),
    z.object({
      action: z.literal("close"),
      outcome: z.enum(keysOf(CLOSE_OUTCOMES), { error: "Choose why you are closing it." }),
      note,
    }),
  ],
  { error: "Choose what to do." },
);
export type RouteActionInput = z.infer<typeof RouteActionInputSchema>;

/** What happened to a route, for its history. `received` is when the request arrived. */
export type RouteEventAction = "received" | RouteAction | "contact" | PersonUpdate;

/** What the person tells their services while they wait (J3). They change no status. */
export type PersonUpdate = "feeling" | "sooner" | "contact-changed";

/** A recorded action. Free text (reason, note, a typed signpost) is kept encrypted. */
export const RouteEventSchema = z.object({
  id: z.uuid(),
  reference: z.string(),
  serviceId: z.uuid(),
  /** The route's version this event made. */
  version: z.number().int().min(2),
  at: z.iso.datetime(),
  action: z.enum(["received", "acknowledge", "wait", "allocate", "contact", "decline", "close", "withdraw", "feeling", "sooner", "contact-changed"]),
  /** For `sooner`: they said it is not safe for them right now. */
  notSafeNow: z.boolean().optional(),
  by: StaffNameSchema.optional(),
  expectedWaitWeeks: z.number().int().optional(),
  allocatedTo: StaffNameSchema.optional(),
  outcome: z.string().optional(),
  /** For `decline`: the kind of reason (DECLINE_REASONS). */
  reasonCode: z.string().optional(),
  channel: z.string().optional(),
  signpostServiceId: z.uuid().optional(),
  /** Encrypted `reason`, `note`, `signpostText` (features/open-request.ts). */
  sealed: z.record(z.string(), z.string()).default({}),
});
export type RouteEvent = z.infer<typeof RouteEventSchema>;
