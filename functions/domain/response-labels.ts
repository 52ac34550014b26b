/**
 * The words of "you said, we did" (responses.ts), with no zod, so the pages can import them.
 */

/** What a provider is doing about what people said, in plain words. */
export const RESPONSE_STATUSES = {
  heard: "We have heard this",
  "change-planned": "A change is planned",
  "change-made": "We have made a change",
  "not-possible": "We cannot change this",
} as const;
export type ResponseStatus = keyof typeof RESPONSE_STATUSES;

/** What a response answers. */
export const RESPONSE_TARGETS = { feedback: "Feedback", "group-report": "A group report" } as const;
export type ResponseTarget = keyof typeof RESPONSE_TARGETS;

/** Unanswered this long, a piece is listed for the area's commissioners. */
export const UNANSWERED_AFTER_DAYS = 28;
