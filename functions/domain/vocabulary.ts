/**
 * The directory's controlled vocabularies: every code a filter or a service may use, with the
 * plain words a young person reads. This module has no dependencies so the site's browser
 * scripts can import it too: one place for codes and labels, on the server and in the page.
 */

/** Who a service is for, and who is looking. */
export const AUDIENCES = {
  "young-person": "Young people",
  "parent-carer": "Parents and carers",
  "adult-survivor": "Adult survivors",
} as const;

/** What help a person wants: the need taxonomy published as Open Referral taxonomy terms. */
export const NEEDS = {
  "someone-to-talk-to": "Someone to talk to",
  therapy: "Therapy or counselling, including before a trial",
  "police-court": "Help with the police or court",
  "health-check": "A health check after abuse",
  "family-support": "Support for my family",
} as const;

/** Longer descriptions of each need, published with the taxonomy. */
export const NEED_DESCRIPTIONS: Record<NeedCode, string> = {
  "someone-to-talk-to": "Emotional support from a trained worker: listening, advice and help to cope.",
  therapy:
    "Counselling or therapy to help recover, including pre-trial therapy that is safe to have while a case goes to court.",
  "police-court":
    "Independent advocacy (ISVA or CH-ISVA): explaining choices about reporting, and support through the police and court process.",
  "health-check":
    "A medical check, forensic examination and sexual health care, usually at a sexual assault referral centre (SARC).",
  "family-support": "Support for parents, carers, brothers and sisters, and the whole family.",
};

/** How help is given. */
export const DELIVERY_MODES = {
  phone: "Phone",
  text: "Text message",
  online: "Online or video",
  "in-person": "In person",
} as const;

/** Worker genders a person may ask for. */
export const WORKER_GENDERS = {
  female: "A woman",
  male: "A man",
} as const;

/** Languages a service can work in (ISO 639 codes, plus British Sign Language). */
export const LANGUAGES = {
  en: "English",
  cy: "Welsh",
  pl: "Polish",
  ur: "Urdu",
  pa: "Punjabi",
  bn: "Bengali",
  ar: "Arabic",
  so: "Somali",
  ro: "Romanian",
  bfi: "British Sign Language",
} as const;

/** Accessibility a service offers. */
export const ACCESSIBILITY = {
  "step-free": "Step-free access",
  "hearing-loop": "Hearing loop",
  "easy-read": "Easy read information",
  "autism-friendly": "Autism-friendly",
  interpreters: "Interpreters available",
} as const;

/** Days of the week, as iCalendar (and Open Referral schedules) write them. */
export const DAYS = {
  MO: "Monday",
  TU: "Tuesday",
  WE: "Wednesday",
  TH: "Thursday",
  FR: "Friday",
  SA: "Saturday",
  SU: "Sunday",
} as const;

/** A service's state in the directory. Closed services are never listed in a search. */
export const SERVICE_STATUSES = {
  active: "Open to new requests",
  paused: "Not taking new requests right now",
  closed: "Closed",
} as const;

export type Audience = keyof typeof AUDIENCES;
export type NeedCode = keyof typeof NEEDS;
export type DeliveryMode = keyof typeof DELIVERY_MODES;
export type WorkerGender = keyof typeof WORKER_GENDERS;
export type LanguageCode = keyof typeof LANGUAGES;
export type AccessibilityCode = keyof typeof ACCESSIBILITY;
export type ServiceStatus = keyof typeof SERVICE_STATUSES;
export type Day = keyof typeof DAYS;

/** The codes of a vocabulary, as a non-empty tuple (the shape zod's enum wants). */
export function codesOf<T extends Record<string, string>>(vocabulary: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(vocabulary) as [keyof T & string, ...(keyof T & string)[]];
}
