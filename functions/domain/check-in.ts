import * as z from "zod";
import { isCheckInCode, isReference, tidyCheckInCode, tidyReference } from "./request-codes";
import type { Route } from "./route";
import { FEELINGS } from "./route-labels";

/**
 * Checking in (PRODUCT.md J3): a person signs in with their reference and check-in code. The
 * rules for guessing, and for how long a check-in lasts, are written down here.
 */
export const CHECK_IN_LIMITS = {
  /** Wrong codes in a row for one reference before it is locked (a 10^12 code space)... */
  referenceLockAfter: 10,
  /** ...for this long. 1,000 tries reach at most 10 guesses an hour: 10^12 codes stay safe. */
  referenceLockMs: 60 * 60_000,
  /** Wrong tries from one source address (any references) before it is locked... */
  addressLockAfter: 30,
  /** ...for this long. */
  addressLockMs: 30 * 60_000,
  /** Failures older than this are forgotten. */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

/** A check-in ends after 15 minutes without use, and after 2 hours whatever happens. */
export const CHECK_IN_SESSION = { idleMs: 15 * 60_000, absoluteMs: 2 * 60 * 60_000 } as const;

export const CheckInSignInSchema = z.object({
  reference: z
    .string({ error: "Enter your reference." })
    .transform(tidyReference)
    .pipe(z.string().min(1, "Enter your reference.").refine(isReference, "Your reference has 8 letters and numbers, like K7QM 3XPA.")),
  code: z
    .string({ error: "Enter your check-in code." })
    .transform(tidyCheckInCode)
    .pipe(z.string().min(1, "Enter your check-in code.").refine(isCheckInCode, "Your check-in code has 12 numbers, like 1234 5678 9012.")),
});

/** What a person is told about one service, in plain words. */
export function stageFor(route: Pick<Route, "status" | "expectedWaitWeeks">): string {
  switch (route.status) {
    case "received":
      return "We have sent them your request. They have not looked at it yet.";
    case "acknowledged":
      return "They have seen your request. They will be in touch.";
    case "waiting":
      return route.expectedWaitWeeks !== undefined && route.expectedWaitWeeks > 0
        ? `You are on their waiting list. The wait is about ${route.expectedWaitWeeks} ${route.expectedWaitWeeks === 1 ? "week" : "weeks"}.`
        : "You are on their waiting list. They will be in touch soon.";
    case "allocated":
      return "Someone has been given your request. They will get in touch in the way you chose.";
    case "declined":
      return "They cannot help this time. They told us where you can go instead.";
    case "closed":
      return "This is closed. If you need help again, you can ask again.";
    case "withdrawn":
      return "You stopped asking this service.";
  }
}

const note = z.string().trim().max(500, "Use at most 500 characters.").optional();

/** "How are you doing?" */
export const FeelingSchema = z.object({
  feeling: z.enum(Object.keys(FEELINGS) as [keyof typeof FEELINGS], { error: "Choose how you are doing." }),
  note,
});

/** "Please contact me sooner", and whether it is safe for them right now. */
export const ContactSoonerSchema = z.object({
  notSafeNow: z.boolean({ error: "Say if you are safe right now." }).default(false),
  note,
});
