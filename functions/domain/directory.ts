import * as z from "zod";
import {
  ACCESSIBILITY,
  AUDIENCES,
  DAYS,
  DELIVERY_MODES,
  LANGUAGES,
  NEEDS,
  SERVICE_STATUSES,
  WORKER_GENDERS,
  codesOf,
} from "./vocabulary";

/** The directory's shapes: organisations, areas and services. zod schemas double as types. */

const text = (max: number) =>
  z.string({ error: "Enter some text here." }).trim().min(1, "This cannot be empty.").max(max, `Use at most ${max} characters.`);

/** A web address people can open: only http and https, never `javascript:` or `data:`. */
const webAddress = z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" });
const emailAddress = z.email({ error: "Enter an email address, like name@example.org." });
const age = z
  .number({ error: "Enter an age in numbers." })
  .int("Enter a whole number.")
  .min(0, "Enter an age from 0 to 120.")
  .max(120, "Enter an age from 0 to 120.");

/** A code from a vocabulary; anything else is refused with the list of codes that would do. */
function oneOf<T extends Record<string, string>>(vocabulary: T) {
  const codes = codesOf(vocabulary);
  return z.enum(codes, { error: `Choose one of: ${codes.join(", ")}.` });
}

export const AudienceSchema = oneOf(AUDIENCES);
export const NeedSchema = oneOf(NEEDS);
export const DeliveryModeSchema = oneOf(DELIVERY_MODES);
export const WorkerGenderSchema = oneOf(WORKER_GENDERS);
export const LanguageSchema = oneOf(LANGUAGES);
export const AccessibilitySchema = oneOf(ACCESSIBILITY);
export const ServiceStatusSchema = oneOf(SERVICE_STATUSES);

/** An area id is the ONS code of a local authority (E06000023 is Bristol). */
export const AreaIdSchema = z.string().regex(/^[EWSN]\d{8}$/, "Use a local authority code such as E06000023.");

/** A postcode district is the first half of a postcode: BS5, M1, SW1A. */
export const PostcodeDistrictSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, "Type the first part of a postcode, like BS5 or M1.");

export const AreaSchema = z.object({
  id: AreaIdSchema,
  name: text(120),
  postcodeDistricts: z.array(PostcodeDistrictSchema),
});
export type Area = z.infer<typeof AreaSchema>;

export const OrganisationSchema = z.object({
  id: z.uuid(),
  name: text(200),
  description: text(2000),
  website: webAddress.optional(),
  email: emailAddress.optional(),
  isExample: z.boolean().default(false),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a 24-hour time like 09:30.");
export const DaySchema = oneOf(DAYS);

export const OpeningTimesSchema = z.object({
  days: z.array(DaySchema).min(1),
  opens: time,
  closes: time,
});
export type OpeningTimes = z.infer<typeof OpeningTimesSchema>;

export const LocationSchema = z.object({
  id: z.uuid(),
  name: text(200),
  address: text(200),
  town: text(100),
  postcode: text(10),
  accessibility: z.array(AccessibilitySchema).default([]),
});
export type Location = z.infer<typeof LocationSchema>;

export const ContactSchema = z
  .object({
    phone: z.string().regex(/^[0-9 +]{3,20}$/, "Use digits and spaces only.").optional(),
    text: z.string().regex(/^[0-9 +]{3,20}$/, "Use digits and spaces only.").optional(),
    email: emailAddress.optional(),
    website: webAddress.optional(),
  })
  .refine((c) => c.phone || c.text || c.email || c.website, "Give at least one way to get in touch.");
export type Contact = z.infer<typeof ContactSchema>;

const ServiceFieldsSchema = z.object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: text(200),
    description: text(4000),
    /** What happens when you get in touch, in plain words. */
    whatHappens: text(2000),
    audiences: z.array(AudienceSchema).min(1),
    minAge: age.optional(),
    maxAge: age.optional(),
    needs: z.array(NeedSchema).min(1),
    deliveryModes: z.array(DeliveryModeSchema).min(1),
    workerGenders: z.array(WorkerGenderSchema).default([]),
    languages: z.array(LanguageSchema).default(["en"]),
    accessibility: z.array(AccessibilitySchema).default([]),
    lgbtqFriendly: z.boolean().default(false),
    boysAndYoungMen: z.boolean().default(false),
    /** Local authorities covered; empty when the service is national. */
    // A transaction holds at most 100 writes: the service, its copies, and removals.
    areaIds: z.array(AreaIdSchema).max(45, "A service can cover at most 45 areas.").default([]),
    national: z.boolean().default(false),
    locations: z.array(LocationSchema).default([]),
    contact: ContactSchema,
    openingTimes: z.array(OpeningTimesSchema).default([]),
    acceptsSelfReferral: z.boolean(),
    /** Expected wait in weeks from asking to first support; null when the service has not said. */
    expectedWaitWeeks: z
      .number({ error: "Enter the wait in weeks, as a number." })
      .int("Enter a whole number of weeks.")
      .min(0, "Enter 0 or more weeks.")
      .max(104, "Enter at most 104 weeks (2 years).")
      .nullable(),
    waitUpdatedAt: z.iso.datetime(),
    status: ServiceStatusSchema,
    isExample: z.boolean().default(false),
    updatedAt: z.iso.datetime(),
  });

/** Rules across fields, for a whole service and for a service as staff send it. */
function withServiceRules<T extends z.ZodType<{ minAge?: number; maxAge?: number; national: boolean; areaIds: string[] }>>(schema: T) {
  return schema
    .refine((s) => s.minAge === undefined || s.maxAge === undefined || s.minAge <= s.maxAge, {
      message: "The youngest age must not be more than the oldest age.",
      path: ["minAge"],
    })
    .refine((s) => s.national || s.areaIds.length > 0, {
      message: "Choose at least one area, or mark the service as national.",
      path: ["areaIds"],
    });
}

export const ServiceSchema = withServiceRules(ServiceFieldsSchema);
export type Service = z.infer<typeof ServiceSchema>;

/** A service as staff create or edit it: OneDoor sets its id and the times it changed. */
export const ServiceInputSchema = withServiceRules(ServiceFieldsSchema.omit({ id: true, updatedAt: true, waitUpdatedAt: true }));

/** A service as the public sees it: with its organisation's name and its areas' names. */
export type PublicService = Service & {
  organisation: Pick<Organisation, "id" | "name" | "website">;
  areas: Pick<Area, "id" | "name">[];
};
