import { beforeAll, describe, expect, test } from "vitest";
import type { OpenReferralPage } from "../../functions/domain/openreferral/page";
import { taxonomyTerms } from "../../functions/domain/openreferral/taxonomies";
import type { HsdsService } from "../../functions/domain/openreferral/types";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { directoryRepository } from "../../functions/db/directory";
import { EXPORT_FRESH_MS } from "../../functions/features/directory";
import { seededApp } from "../support/database";
import { staffApp } from "../support/staff-api";
import { describeErrors, mergedSchemas, openReferralValidators, readJson, STANDARDS_DIR } from "../support/openreferral-schema";

type App = Awaited<ReturnType<typeof seededApp>>["app"];
type Page<T> = OpenReferralPage<T>;

// Closed: any property the merged UK schema does not list (a OneDoor field at the top level, or
// one the profile removed, such as language.name) fails validation.
const validators = openReferralValidators({ closed: true });
const listed = EXAMPLE_SERVICES.filter((s) => s.status !== "closed");

let app: App;
beforeAll(async () => {
  ({ app } = await seededApp());
});

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T };
}

/** Every page of a list, checking each page's own counts as it goes. */
async function allPages<T>(path: string, perPage: number): Promise<{ pages: Page<T>[]; items: T[] }> {
  const pages: Page<T>[] = [];
  for (let page = 1; ; page++) {
    const { status, body } = await getJson<Page<T>>(`${path}?page=${page}&per_page=${perPage}`);
    expect(status).toBe(200);
    pages.push(body);
    if (body.last_page) break;
    expect(page).toBeLessThan(100);
  }
  return { pages, items: pages.flatMap((p) => p.contents) };
}

function expectValid(validate: ReturnType<typeof openReferralValidators>["service"], value: unknown) {
  expect(validate(value), describeErrors(validate).join("\n")).toBe(true);
}

function expectPagination(pages: Page<unknown>[], total: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  expect(pages).toHaveLength(totalPages);
  pages.forEach((page, index) => {
    expect(page).toMatchObject({
      total_items: total,
      total_pages: totalPages,
      page_number: index + 1,
      size: page.contents.length,
      first_page: index === 0,
      last_page: index === totalPages - 1,
      empty: page.contents.length === 0,
    });
    expect(page.contents.length).toBe(index === totalPages - 1 ? total - perPage * index : perPage);
  });
}

describe("GET /openreferral/services", () => {
  test("every page and every service on it is valid Open Referral UK, and every listed service is there", async () => {
    const { pages, items } = await allPages<HsdsService>("/openreferral/services", 3);
    for (const page of pages) expectValid(validators.servicePage, page);
    for (const service of items) expectValid(validators.service, service);
    expectPagination(pages, listed.length, 3);
    expect(items.map((s) => s.id).sort()).toEqual(listed.map((s) => s.id).sort());
  });

  test("OneDoor's own fields appear only as attributes, never as top-level keys", async () => {
    const allowed = Object.keys(mergedSchemas().get("service.json")!.properties as object);
    const { items } = await allPages<HsdsService>("/openreferral/services", 50);
    for (const service of items) {
      expect(Object.keys(service).filter((k) => !allowed.includes(k))).toEqual([]);
      expect(service.attributes.some((a) => a.link_type === "what_happens")).toBe(true);
    }
  });

  test("a page past the end is empty, and says so", async () => {
    const { status, body } = await getJson<Page<HsdsService>>("/openreferral/services?page=9&per_page=50");
    expect(status).toBe(200);
    expect(body).toMatchObject({ page_number: 9, size: 0, empty: true, first_page: false, last_page: true, contents: [] });
    expectValid(validators.servicePage, body);
  });

  test("filters by taxonomy term, search text, age and day", async () => {
    const ids = async (query: string) =>
      (await getJson<Page<HsdsService>>(`/openreferral/services?per_page=50&${query}`)).body.contents.map((s) => s.id).sort();
    const expected = (keep: (s: (typeof listed)[number]) => boolean) => {
      const kept = listed.filter(keep).map((s) => s.id).sort();
      // A filter that keeps everything or nothing would prove nothing.
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(listed.length);
      return kept;
    };

    const healthCheck = taxonomyTerms().find((t) => t.term === "health-check")!;
    expect(await ids(`taxonomy_term_id=${healthCheck.id}`)).toEqual(expected((s) => s.needs.includes("health-check")));
    const welsh = taxonomyTerms().find((t) => t.term === "cy")!;
    expect(await ids(`taxonomy_term_id=${welsh.id}`)).toEqual(expected((s) => s.languages.includes("cy")));
    expect(await ids("search=COUNSELLING")).toEqual(
      expected((s) => `${s.name} ${s.description}`.toLowerCase().includes("counselling")),
    );
    expect(await ids("minimum_age=18")).toEqual(expected((s) => (s.minAge ?? 0) >= 18));
    expect(await ids("maximum_age=17")).toEqual(expected((s) => s.maxAge !== undefined && s.maxAge <= 17));
    expect(await ids("day=sa")).toEqual(expected((s) => s.openingTimes.some((t) => t.days.includes("SA"))));
    expect(await ids("day=MO&start_time=12:00")).toEqual(expected((s) => s.openingTimes.some((t) => t.days.includes("MO") && t.opens >= "12:00")));
  });

  test.each([
    ["per_page=0", "per_page"],
    ["per_page=51", "per_page"],
    ["per_page=ten", "per_page"],
    ["page=0", "page"],
    ["page=1.5", "page"],
    ["taxonomy_term_id=therapy", "taxonomy_term_id"],
    ["taxonomy_term_id=00000000-0000-4000-8000-000000000000", "taxonomy_term_id"],
    ["taxonomy_id=00000000-0000-4000-8000-000000000000", "taxonomy_id"],
    ["minimum_age=old", "minimum_age"],
    ["day=XX", "day"],
    ["start_time=9am", "start_time"],
  ])("?%s is refused with a 400 naming %s", async (query, field) => {
    const { status, body } = await getJson<{ error: { code: string; message: string; fields: { field: string; message: string }[]; requestId: string } }>(
      `/openreferral/services?${query}`,
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "request.invalid", fields: [{ field }] });
    expect(body.error.fields[0]!.message).toMatch(/\w/);
    expect(body.error.requestId).toMatch(/\w/);
  });
});

describe("the export is read at most once a minute", () => {
  test("fifty requests at once, and every page after them, read the directory once; a change shows after a minute", async () => {
    const { app: fresh, db, clock } = await staffApp();
    const queries: string[] = [];
    db.client.middlewareStack.add((next, context) => (args) => {
      queries.push(String(context.commandName));
      return next(args);
    }, { step: "initialize", name: "countReads" });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => fresh.request(`/openreferral/services?page=${(i % 3) + 1}&per_page=5`)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const readsForFifty = queries.length;
    expect(readsForFifty).toBeGreaterThan(0);
    await fresh.request("/openreferral/services?page=4&per_page=5");
    expect(queries).toHaveLength(readsForFifty);

    const renamed = { ...listed[0]!, name: "Renamed just now (example)" };
    await directoryRepository(db).saveService(renamed);
    const names = async () => ((await (await fresh.request("/openreferral/services?per_page=50")).json()) as Page<HsdsService>).contents.map((s) => s.name);
    expect(await names()).not.toContain(renamed.name);
    clock.now += EXPORT_FRESH_MS + 1;
    const before = queries.length;
    expect(await names()).toContain(renamed.name);
    // What one read of the directory takes: the fifty at once took no more.
    expect(readsForFifty).toBe(queries.length - before);
  });
});

describe("GET /openreferral/services/:id", () => {
  test("every service, fully nested, is valid and the same as in the list", async () => {
    const { items } = await allPages<HsdsService>("/openreferral/services", 50);
    for (const listedService of items) {
      const { status, body } = await getJson<HsdsService>(`/openreferral/services/${listedService.id}`);
      expect(status).toBe(200);
      expectValid(validators.service, body);
      expect(body).toEqual(listedService);
    }
  });

  test.each(["6a0c4c1e-2f0a-4d3b-9c1e-000000000000", "not-a-uuid"])("an unknown id (%s) is a 404 with OneDoor's error shape", async (id) => {
    const { status, body } = await getJson<{ error: unknown }>(`/openreferral/services/${id}`);
    expect(status).toBe(404);
    expect(body).toEqual({
      error: { code: "service.not_found", message: expect.stringMatching(/could not find/), fields: [], requestId: expect.any(String) },
    });
  });
});

describe("taxonomies and terms", () => {
  test("every taxonomy and every term, on every page, is valid", async () => {
    const taxonomies = await allPages<{ id: string }>("/openreferral/taxonomies", 3);
    for (const page of taxonomies.pages) expectValid(validators.taxonomyPage, page);
    for (const taxonomy of taxonomies.items) expectValid(validators.taxonomy, taxonomy);
    expectPagination(taxonomies.pages, taxonomies.pages[0]!.total_items, 3);

    const terms = await allPages<{ id: string; taxonomy_id: string }>("/openreferral/taxonomy_terms", 10);
    for (const page of terms.pages) expectValid(validators.taxonomyTermPage, page);
    for (const term of terms.items) expectValid(validators.taxonomyTerm, term);
    expectPagination(terms.pages, taxonomyTerms().length, 10);
    const taxonomyIds = new Set(taxonomies.items.map((t) => t.id));
    expect(terms.items.every((t) => taxonomyIds.has(t.taxonomy_id))).toBe(true);
  });

  test("one taxonomy comes with its terms; one term by id; unknown ids are 404s", async () => {
    const needs = (await getJson<Page<{ id: string; name: string }>>("/openreferral/taxonomies?per_page=50")).body.contents.find(
      (t) => t.name === "OneDoor needs",
    )!;
    const { status, body } = await getJson<{ taxonomy_terms: { term: string }[] }>(`/openreferral/taxonomies/${needs.id}`);
    expect(status).toBe(200);
    expectValid(validators.taxonomy, body);
    expect(body.taxonomy_terms.map((t) => t.term)).toContain("therapy");

    const term = taxonomyTerms()[0]!;
    expect((await getJson(`/openreferral/taxonomy_terms/${term.id}`)).body).toEqual(term);
    expect((await getJson("/openreferral/taxonomy_terms/nope")).status).toBe(404);
    expect((await getJson("/openreferral/taxonomies/nope")).status).toBe(404);
  });

  test("a bad per_page on a taxonomy list is a 400 naming it", async () => {
    const { status, body } = await getJson<{ error: { fields: { field: string }[] } }>("/openreferral/taxonomy_terms?per_page=500");
    expect(status).toBe(400);
    expect(body.error.fields.map((f) => f.field)).toEqual(["per_page"]);
  });
});

describe("the validator itself", () => {
  const example = (file: string) => readJson(`${STANDARDS_DIR}/oruk-profile/examples/${file}`) as Record<string, any>;

  test("accepts the UK profile's own examples", () => {
    expectValid(validators.service, example("service_full.json"));
    expectValid(validators.servicePage, example("service_list.json"));
    expectValid(validators.taxonomy, example("taxonomy.json"));
    expectValid(validators.taxonomyTerm, example("taxonomy_term.json"));
    expectValid(validators.taxonomyPage, example("taxonomy_list.json"));
    expectValid(validators.taxonomyTermPage, example("taxonomy_term_list.json"));
  });

  test.each<[string, (service: Record<string, any>) => void]>([
    ["a field the UK profile removed (language.name)", (s) => (s.languages[0].name = "English")],
    ["an invented top-level field", (s) => (s.expectedWaitWeeks = 6)],
    ["a status outside the list", (s) => (s.status = "open")],
    ["an id that is not a UUID", (s) => (s.schedules[0].id = "schedule-1")],
    ["an address without a postcode", (s) => delete s.service_at_locations[0].location.addresses[0].postal_code],
    ["an attribute value (removed by the profile)", (s) => (s.attributes[0].value = "6")],
  ])("refuses a broken copy: %s", (_what, breakIt) => {
    const broken = example("service_full.json");
    breakIt(broken);
    expect(validators.service(broken)).toBe(false);
  });
});
