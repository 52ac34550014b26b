import * as z from "zod";
import { AreaIdSchema, LanguageSchema, NeedSchema, WorkerGenderSchema } from "./directory";
import { EqualityAnswersSchema } from "./equality";
import { AGE_BANDS, ASKERS, CONTACT_METHODS, TIMES_OF_DAY, YES_NO_UNSURE } from "./support-request-labels";
import { tidyPhone, UK_PHONE, UK_PHONE_MESSAGE } from "./phone";
import { DAYS } from "./vocabulary";

export { AGE_BANDS, ASKERS, CONTACT_METHODS, TIMES_OF_DAY, YES_NO_UNSURE };

/**
 * A request for support (PRODUCT.md J2): the answers a person gives once, shared with each
 * service they choose. Every question is optional unless the request cannot work without it.
 * Fields marked "identifies the person" are encrypted field by field before storage.
 */

const enumOf = <T extends Record<string, string>>(v: T, message: string) =>
  z.enum(Object.keys(v) as [keyof T & string, ...(keyof T & string)[]], { error: message });

const phone = z
  .string()
  .trim()
  .transform(tidyPhone)
  .pipe(z.string().regex(UK_PHONE, UK_PHONE_MESSAGE));

/** How and when it is safe to get in touch. */
export const SafeContactSchema = z
  .object({
    method: enumOf(CONTACT_METHODS, "Choose how we should get in touch."),
    /** Identifies the person. */
    phone: phone.optional(),
    /** Identifies the person. */
    email: z.email({ error: "Enter an email address, like name@example.org." }).max(254).optional(),
    /** Identifies the person (and the adult). */
    trustedAdult: z.object({ name: z.string().trim().min(1, "Enter their name.").max(100), phone }).optional(),
    safeDays: z.array(enumOf(DAYS, "Choose days from the list.")).default([]),
    safeTimes: z.array(enumOf(TIMES_OF_DAY, "Choose times from the list.")).default([]),
    voicemailOk: z.boolean().optional(),
    sayWhoWeAre: z.boolean().optional(),
    /** Identifies the person: a word the worker says so they know it is really us. */
    codeWord: z.string().trim().max(40, "Use at most 40 characters.").optional(),
  })
  .superRefine((c, ctx) => {
    const need = (field: "phone" | "email" | "trustedAdult", message: string) => {
      if (c[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message });
    };
    if (c.method === "phone" || c.method === "text") need("phone", "Enter the phone number we should use.");
    if (c.method === "email") need("email", "Enter the email address we should use.");
    if (c.method === "trusted-adult") need("trustedAdult", "Tell us the name and phone number of the adult you trust.");
  });

/** Who they would like to work with, and what helps. */
export const PreferencesSchema = z.object({
  workerGender: WorkerGenderSchema.optional(),
  language: LanguageSchema.optional(),
  interpreter: z.boolean().optional(),
  /** Identifies the person: their own words about what helps. */
  accessibilityNeeds: z.string().trim().max(500, "Use at most 500 characters.").optional(),
});

/** What a person can change while they wait (J3): how and when to reach them, and preferences. */
export const ContactChangeSchema = z.object({ contact: SafeContactSchema, preferences: PreferencesSchema.default({}) });
export type ContactChange = z.infer<typeof ContactChangeSchema>;

export const SupportRequestSchema = z
  .object({
    asker: enumOf(ASKERS, "Choose who the support is for."),
    ageBand: enumOf(AGE_BANDS, "Choose an age from the list.").optional(),
    areaId: AreaIdSchema.optional(),
    needs: z.array(NeedSchema).default([]),
    serviceIds: z
      .array(z.uuid({ error: "Choose services from the list." }))
      .min(1, "Choose at least one service to ask.")
      .max(10, "Choose at most 10 services.")
      .refine((ids) => new Set(ids).size === ids.length, "Each service can only be chosen once."),
    /** Identifies the person: free text, never shown beyond the services chosen. */
    message: z.string().trim().max(2000, "Use at most 2,000 characters.").optional(),
    contact: SafeContactSchema,
    preferences: PreferencesSchema.default({}),
    /** "No" marks every route urgent and shows the urgent help panel at once. */
    safeNow: enumOf(YES_NO_UNSURE, "Choose yes, no or not sure.").optional(),
    /** For a parent or carer asking for a child. */
    childKnows: enumOf(YES_NO_UNSURE, "Choose yes, no or not sure.").optional(),
    supportForMeToo: z.boolean().optional(),
    /** The services the person agreed may see the request: must be every service chosen. */
    consentServiceIds: z.array(z.uuid()),
    /** Separately: may a navigator coordinate between the services? */
    consentToCoordination: z.boolean().default(false),
    /**
     * The optional equality questions (principle 7). Never part of the request its services
     * read: kept apart with the request's other anonymous facts, for statistics (request-stats.ts).
     */
    equality: EqualityAnswersSchema.optional(),
  })
  .superRefine((r, ctx) => {
    const missing = r.serviceIds.filter((id) => !r.consentServiceIds.includes(id));
    if (missing.length) {
      ctx.addIssue({
        code: "custom",
        path: ["consentServiceIds"],
        message: "Say yes to sharing with each service you chose, or go back and remove it.",
      });
    }
    if (r.asker !== "child" && (r.childKnows !== undefined || r.supportForMeToo !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["childKnows"], message: "These questions are only for parents and carers asking for a child." });
    }
  });
export type SupportRequest = z.infer<typeof SupportRequestSchema>;

/** A request is urgent when the person says they are not safe right now. */
export const isUrgent = (request: Pick<SupportRequest, "safeNow">) => request.safeNow === "no";

/** The answers that identify the person: what is encrypted, field by field, before storage. */
export const IDENTIFYING_FIELDS = [
  "message",
  "contact.phone",
  "contact.email",
  "contact.trustedAdult",
  "contact.codeWord",
  "preferences.accessibilityNeeds",
] as const;
export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

/** A request with its identifying answers taken out: what may be stored in clear. */
export type ClearRequest = Omit<SupportRequest, "message" | "contact" | "preferences" | "equality"> & {
  contact: Omit<SupportRequest["contact"], "phone" | "email" | "trustedAdult" | "codeWord">;
  preferences: Omit<SupportRequest["preferences"], "accessibilityNeeds">;
};

/** Splits a request into what stays in clear and the identifying answers, as text. */
export function splitIdentifying(request: SupportRequest): { clear: ClearRequest; identifying: Record<IdentifyingField, string | undefined> } {
  // The equality answers are not the services' to read: they go apart, with the request's facts.
  const { message, contact, preferences, equality: _equality, ...rest } = request;
  const { phone, email, trustedAdult, codeWord, ...safeContact } = contact;
  const { accessibilityNeeds, ...clearPreferences } = preferences;
  return {
    clear: { ...rest, contact: safeContact, preferences: clearPreferences },
    identifying: {
      message,
      "contact.phone": phone,
      "contact.email": email,
      "contact.trustedAdult": trustedAdult && JSON.stringify(trustedAdult),
      "contact.codeWord": codeWord,
      "preferences.accessibilityNeeds": accessibilityNeeds,
    },
  };
}

/** Puts the identifying answers back: the whole request, as the person gave it. */
export function joinIdentifying(clear: ClearRequest, identifying: Partial<Record<string, string>>): SupportRequest {
  const adult = identifying["contact.trustedAdult"];
  return {
    ...clear,
    message: identifying.message,
    contact: {
      ...clear.contact,
      phone: identifying["contact.phone"],
      email: identifying["contact.email"],
      trustedAdult: adult ? (JSON.parse(adult) as { name: string; phone: string }) : undefined,
      codeWord: identifying["contact.codeWord"],
    },
    preferences: { ...clear.preferences, accessibilityNeeds: identifying["preferences.accessibilityNeeds"] },
  };
}

/**
 * The contact details compared for duplicate hints, tidied so the same number or address
 * written two ways matches (07700 900123 = +447700900123). Only keyed hashes of these are kept.
 */
export function contactFingerprints(request: SupportRequest): string[] {
  const phone = (p: string) => `phone:${p.replace(/^\+44/, "0")}`;
  const prints = [
    request.contact.phone && phone(request.contact.phone),
    request.contact.email && `email:${request.contact.email.trim().toLowerCase()}`,
    request.contact.trustedAdult && phone(request.contact.trustedAdult.phone),
  ].filter((p): p is string => !!p);
  return [...new Set(prints)];
}
