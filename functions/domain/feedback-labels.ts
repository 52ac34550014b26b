/**
 * The words of feedback and moderation (feedback.ts), with no zod, so the pages can import them.
 */

/** How they know the service. */
export const FEEDBACK_USAGE = {
  used: "I used it",
  waiting: "I am waiting for it",
  "could-not-get-in": "I could not get in",
} as const;
export type FeedbackUsage = keyof typeof FEEDBACK_USAGE;

/** The five outcome statements, each answered on the agreement scale below. */
export const OUTCOME_STATEMENTS = {
  listened: "I felt listened to",
  choice: "I had choice about who I talked to and when",
  toldOnce: "I only had to tell my story once",
  safe: "I felt safe",
  waitOk: "The wait was OK",
} as const;
export type OutcomeStatement = keyof typeof OUTCOME_STATEMENTS;

/** The five-point scale, with words: 1 is "strongly disagree", 5 "strongly agree". */
export const AGREEMENT = { 1: "Strongly disagree", 2: "Disagree", 3: "Not sure", 4: "Agree", 5: "Strongly agree" } as const;
export type Agreement = 1 | 2 | 3 | 4 | 5;

/** The most a piece of free text may hold. Longer is refused with a message, never cut. */
export const FEEDBACK_TEXT_MAX = 2000;

/**
 * Where a piece is in moderation. `no-text` pieces carry only scores and equality answers: they
 * count in statistics at once and are never shown one by one. Text waits as `pending` until a
 * moderator approves a redacted copy or rejects it.
 */
export const MODERATION_STATES = {
  "no-text": "Scores only",
  pending: "Waiting for a moderator",
  approved: "Approved",
  rejected: "Rejected",
} as const;
export type ModerationState = keyof typeof MODERATION_STATES;

/** The month a piece is counted and shown in (`2026-12`): never the day, so nobody is picked out by when they wrote. */
export const monthOf = (iso: string) => iso.slice(0, 7);

/** Whether their words (with anything that could identify them taken out) may be shown on the service's public page. */
export const SHOW_PUBLICLY = {
  yes: "Yes, the service can show my words on its page",
  no: "No, only the service and the people who fund it can read them",
} as const;
