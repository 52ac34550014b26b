import { Hono } from "hono";
import * as z from "zod";
import { DaySchema } from "../domain/directory";
import { toOpenReferralService } from "../domain/openreferral/export";
import { openReferralPage } from "../domain/openreferral/page";
import { taxonomies, taxonomy, taxonomyTerms, termIdsOf } from "../domain/openreferral/taxonomies";
import type { HsdsService } from "../domain/openreferral/types";
import { one } from "../domain/query-values";
import { MAX_PER_PAGE } from "../domain/search";
import { AppError } from "../errors";
import type { DirectoryFeature } from "../features/directory";
import { validate } from "../http/validate";

const wholeNumber = (message: string) => z.coerce.number({ error: message }).int(message);
const age = one(z.coerce.number({ error: "Type an age in numbers, like 14." }).min(0, "Type an age from 0 to 120.").max(120, "Type an age from 0 to 120."));
const time = one(
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, "Use a 24-hour time like 09:30.")
    .transform((t) => (t.length === 5 ? `${t}:00` : t)),
);

/** `page` and `per_page`, as every Open Referral list takes them. */
const PageQuerySchema = z.object({
  page: one(wholeNumber("Use a whole number for the page, like 2.").min(1, "Pages start at 1.")).default(1),
  per_page: one(
    wholeNumber("Use a whole number, like 20.")
      .min(1, "Ask for at least 1 a page.")
      .max(MAX_PER_PAGE, `Ask for at most ${MAX_PER_PAGE} a page.`),
  ).default(20),
});

const termIds = new Set(taxonomyTerms().map((t) => t.id));
const taxonomyIds = new Set(taxonomies().map((t) => t.id));

/** The filters the UK profile gives `GET /services`. */
const ServiceListQuerySchema = PageQuerySchema.extend({
  search: one(z.string().trim().max(200, "Search for at most 200 characters.")),
  taxonomy_term_id: one(
    z.uuid({ error: "Use the id of a term from /openreferral/taxonomy_terms." })
      .refine((id) => termIds.has(id), "We do not know that term. Use one from /openreferral/taxonomy_terms."),
  ),
  taxonomy_id: one(
    z.uuid({ error: "Use the id of a taxonomy from /openreferral/taxonomies." })
      .refine((id) => taxonomyIds.has(id), "We do not know that taxonomy. Use one from /openreferral/taxonomies."),
  ),
  minimum_age: age,
  maximum_age: age,
  day: one(z.string().toUpperCase().pipe(z.enum(DaySchema.options, { error: "Use a day as two letters, like MO or SA." }))),
  start_time: time,
  end_time: time,
});
type ServiceListQuery = z.infer<typeof ServiceListQuerySchema>;

/**
 * Whether a service fits the filters, in the profile's own words: `minimum_age` returns services
 * whose minimum age is at least the value, `maximum_age` those whose maximum is at most the value
 * (a service with no maximum has none to compare), and `day`, `start_time` and `end_time` must all
 * fit one schedule (opening at or after the start, closing at or before the end).
 */
function matches(service: HsdsService, q: ServiceListQuery): boolean {
  if (q.search && !`${service.name}\n${service.description}`.toLowerCase().includes(q.search.toLowerCase())) return false;
  if (q.taxonomy_term_id && !termIdsOf(service).has(q.taxonomy_term_id)) return false;
  if (q.taxonomy_id) {
    const attributes = [...service.attributes, ...service.service_at_locations.flatMap((s) => s.location.attributes)];
    if (!attributes.some((a) => a.taxonomy_term.taxonomy_id === q.taxonomy_id)) return false;
  }
  if (q.minimum_age !== undefined && (service.minimum_age ?? 0) < q.minimum_age) return false;
  if (q.maximum_age !== undefined && (service.maximum_age ?? Infinity) > q.maximum_age) return false;
  if (q.day || q.start_time || q.end_time) {
    const fits = service.schedules.some(
      (s) =>
        (!q.day || s.byday.split(",").includes(q.day)) &&
        (!q.start_time || s.opens_at >= q.start_time) &&
        (!q.end_time || s.closes_at <= q.end_time),
    );
    if (!fits) return false;
  }
  return true;
}

const serviceNotFound = () => new AppError("service.not_found", 404, "We could not find that service. It may have moved or closed.");

/**
 * The Open Referral UK API (HSDS 3.0 with the UK profile): services, fully nested, and OneDoor's
 * taxonomies. Lists are paged with `page` and `per_page`.
 */
export const openReferralRoutes = (directory: DirectoryFeature) =>
  new Hono()
    .get("/services", validate("query", ServiceListQuerySchema), async (c) => {
      const query = c.req.valid("query");
      const { services, organisations } = await directory.exportDirectory();
      const published = services
        .map((s) => toOpenReferralService(s, organisations.get(s.organisationId)))
        .filter((s) => matches(s, query));
      return c.json(openReferralPage(published, query.page, query.per_page));
    })
    .get("/services/:id", async (c) => {
      const id = z.uuid().safeParse(c.req.param("id"));
      if (!id.success) throw serviceNotFound();
      const { service, organisation } = await directory.getServiceForExport(id.data);
      return c.json(toOpenReferralService(service, organisation));
    })
    .get("/taxonomies", validate("query", PageQuerySchema), (c) => {
      const { page, per_page } = c.req.valid("query");
      return c.json(openReferralPage(taxonomies(), page, per_page));
    })
    .get("/taxonomies/:id", (c) => {
      const found = taxonomy(c.req.param("id"));
      if (!found) throw new AppError("taxonomy.not_found", 404, "We could not find that taxonomy.");
      return c.json(found);
    })
    .get("/taxonomy_terms", validate("query", PageQuerySchema), (c) => {
      const { page, per_page } = c.req.valid("query");
      return c.json(openReferralPage(taxonomyTerms(), page, per_page));
    })
    .get("/taxonomy_terms/:id", (c) => {
      const found = taxonomyTerms().find((t) => t.id === c.req.param("id"));
      if (!found) throw new AppError("taxonomy_term.not_found", 404, "We could not find that taxonomy term.");
      return c.json(found);
    });
