/**
 * The words for what staff record on a route beyond its status (route-status.ts): how a contact
 * attempt went, which channel was used, and how a route was closed. Zod-free, for the pages too.
 */

export const CONTACT_OUTCOMES = {
  reached: "We spoke to them",
  "no-answer": "No answer",
  "not-safe": "It was not safe to talk",
} as const;
export type ContactOutcome = keyof typeof CONTACT_OUTCOMES;

export const CONTACT_CHANNELS = {
  phone: "Phone call",
  text: "Text message",
  email: "Email",
  "trusted-adult": "Through their trusted adult",
} as const;
export type ContactChannel = keyof typeof CONTACT_CHANNELS;

export const CLOSE_OUTCOMES = {
  "support-completed": "Support finished",
  "no-longer-needed": "They no longer need support",
  "unable-to-contact": "We could not reach them safely",
  "referred-elsewhere": "Referred to another service",
  other: "Other",
} as const;
export type CloseOutcome = keyof typeof CLOSE_OUTCOMES;

/**
 * Why a service could not help, as a kind of reason: what commissioners see as gaps. The words
 * the worker writes to the person stay theirs (and encrypted); this is chosen beside them.
 */
export const DECLINE_REASONS = {
  "not-eligible-age": "Outside the ages we work with",
  "not-eligible-area": "Outside the area we cover",
  "not-our-need": "We do not offer the support they need",
  full: "We cannot take anyone new at the moment",
  "better-elsewhere": "Another service is a better fit",
  other: "Another reason",
} as const;
export type DeclineReason = keyof typeof DECLINE_REASONS;

/** "How are you doing?": five points with words, lowest first. The lowest marks the request urgent. */
export const FEELINGS = {
  "really-bad": "Really bad",
  "not-good": "Not good",
  okay: "Okay",
  good: "Good",
  "really-good": "Really good",
} as const;
export type Feeling = keyof typeof FEELINGS;
export const LOWEST_FEELING: Feeling = "really-bad";
