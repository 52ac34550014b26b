/**
 * The words for each answer of a request for support (support-request.ts), with no zod, so the
 * ask pages and the inbox can import them.
 */

export const ASKERS = {
  self: "For me",
  child: "For my child, or a child I care for",
  "adult-survivor": "I am an adult, and it happened when I was a child",
} as const;

export const AGE_BANDS = {
  "under-11": "Under 11",
  "11-13": "11 to 13",
  "14-15": "14 or 15",
  "16-17": "16 or 17",
  "18-24": "18 to 24",
  "25-plus": "25 or over",
} as const;

export const CONTACT_METHODS = {
  phone: "Phone call",
  text: "Text message",
  email: "Email",
  "trusted-adult": "Through an adult I trust",
  "check-in-only": "I will check in here myself",
} as const;

export const TIMES_OF_DAY = { morning: "Morning", afternoon: "Afternoon", evening: "Evening" } as const;
export const YES_NO_UNSURE = { yes: "Yes", no: "No", "not-sure": "I'm not sure" } as const;
