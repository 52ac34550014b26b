import * as z from "zod";
import {
  AccessibilitySchema,
  AreaIdSchema,
  AudienceSchema,
  DeliveryModeSchema,
  LanguageSchema,
  NeedSchema,
  PostcodeDistrictSchema,
  WorkerGenderSchema,
  type Service,
} from "./directory";
import { many, one } from "./query-values";
import { hasEveryWord, searchWordOf } from "./names";

export { hasEveryWord, NAME_SEARCH_LIMIT, nameWordsOf, searchWordOf, tidyName } from "./names";

const yes = one(z.enum(["true", "false"], { error: "Use true or false." }));

export const MAX_PER_PAGE = 50;

/** A whole postcode (BS5 6XX): we only want the district, so we refuse to receive the rest. */
const FULL_POSTCODE = /^[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}$/;

/** The filters of a directory search, as the API and the site both send them. */
export const SearchFiltersSchema = z
  .object({
    area: one(AreaIdSchema),
    postcode: one(
      z
        .string()
        .trim()
        .refine((v) => !FULL_POSTCODE.test(v), {
          message: "Only type the first part of your postcode, like BS5. We do not need the rest.",
        })
        .pipe(PostcodeDistrictSchema),
    ),
    who: one(AudienceSchema),
    age: one(z.coerce.number({ error: "Type an age in numbers, like 14." }).int("Type a whole number, like 14.").min(0, "Type an age from 0 to 120.").max(120, "Type an age from 0 to 120.")),
    need: many(NeedSchema),
    how: many(DeliveryModeSchema),
    gender: one(WorkerGenderSchema),
    language: one(LanguageSchema),
    /** Words of the service's name (the feedback page finds a service by it). */
    name: one(
      z
        .string()
        .trim()
        .max(100, "Use at most 100 characters.")
        .refine((typed) => searchWordOf(typed) !== undefined, "Type at least three letters of a word in its name."),
    ),
    accessibility: many(AccessibilitySchema),
    lgbtq: yes,
    boys: yes,
    page: one(z.coerce.number().int().min(1, "Pages start at 1.")).default(1),
    perPage: one(z.coerce.number().int().min(1).max(MAX_PER_PAGE, `Ask for at most ${MAX_PER_PAGE} a page.`)).default(20),
  })
  .refine((f) => !(f.area && f.postcode), {
    message: "Choose an area or type a postcode, not both.",
    path: ["postcode"],
  });
export type SearchFilters = z.infer<typeof SearchFiltersSchema>;

/** Whether a service fits every filter a person chose. Filters left empty match everything. */
export function matchesFilters(service: Service, f: SearchFilters): boolean {
  if (service.status === "closed") return false;
  if (f.who && !service.audiences.includes(f.who)) return false;
  if (f.age !== undefined) {
    if (service.minAge !== undefined && f.age < service.minAge) return false;
    if (service.maxAge !== undefined && f.age > service.maxAge) return false;
  }
  // Any of the chosen needs or ways will do: someone asking for "talk" or "therapy" wants either.
  if (f.need.length && !f.need.some((n) => service.needs.includes(n))) return false;
  if (f.how.length && !f.how.some((m) => service.deliveryModes.includes(m))) return false;
  if (f.gender && !service.workerGenders.includes(f.gender)) return false;
  if (f.language && !service.languages.includes(f.language)) return false;
  if (f.name && !hasEveryWord(service.name, f.name)) return false;
  // Accessibility is a need, not a preference: every one asked for must be met.
  const offered = new Set([...service.accessibility, ...service.locations.flatMap((l) => l.accessibility)]);
  if (!f.accessibility.every((a) => offered.has(a))) return false;
  if (f.lgbtq === "true" && !service.lgbtqFriendly) return false;
  if (f.boys === "true" && !service.boysAndYoungMen) return false;
  return true;
}

/**
 * The order results are shown in: services open to new requests first, then the shortest
 * expected wait (unknown waits after known ones), then local before national, then by name.
 */
export function compareForResults(a: Service, b: Service): number {
  const open = Number(b.status === "active") - Number(a.status === "active");
  if (open) return open;
  const wait = (a.expectedWaitWeeks ?? Infinity) - (b.expectedWaitWeeks ?? Infinity);
  if (wait && !Number.isNaN(wait)) return wait;
  const local = Number(a.national) - Number(b.national);
  if (local) return local;
  return a.name.localeCompare(b.name, "en-GB");
}

/** One page of a list, with the counts a person (and Open Referral) needs to move through it. */
export type Page<T> = {
  items: T[];
  totalItems: number;
  page: number;
  perPage: number;
  totalPages: number;
};

/** Cuts one page out of a full, ordered list. */
export function paginate<T>(all: T[], page: number, perPage: number): Page<T> {
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    totalItems: all.length,
    page,
    perPage,
    totalPages,
  };
}
