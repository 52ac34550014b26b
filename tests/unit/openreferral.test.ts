import { describe, expect, test } from "vitest";
import type { Organisation, PublicService, Service } from "../../functions/domain/directory";
import { toOpenReferralService } from "../../functions/domain/openreferral/export";
import { uuidV5 } from "../../functions/domain/openreferral/ids";
import { fromOpenReferralService } from "../../functions/domain/openreferral/import";
import { openReferralPage } from "../../functions/domain/openreferral/page";
import { taxonomies, taxonomyTerms } from "../../functions/domain/openreferral/taxonomies";
import type { HsdsService } from "../../functions/domain/openreferral/types";
import { NEEDS } from "../../functions/domain/vocabulary";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { describeErrors, openReferralValidators, readJson, STANDARDS_DIR } from "../support/openreferral-schema";

const validators = openReferralValidators({ closed: true });

function publicView(service: Service): PublicService {
  return {
    ...service,
    organisation: { id: service.organisationId, name: "" },
    areas: service.areaIds.map((id) => ({ id, name: EXAMPLE_AREAS.find((a) => a.id === id)!.name })),
  };
}

const organisationOf = (service: Service) => EXAMPLE_ORGANISATIONS.find((o) => o.id === service.organisationId)!;

/** Exports, sends through JSON as the API would, validates against the UK profile, and imports. */
function roundTrip(service: Service, organisation: Organisation = organisationOf(service)) {
  const published = JSON.parse(JSON.stringify(toOpenReferralService(publicView(service), organisation))) as HsdsService;
  expect(validators.service(published), describeErrors(validators.service).join("\n")).toBe(true);
  return fromOpenReferralService(published, EXAMPLE_AREAS);
}

const firstService = EXAMPLE_SERVICES[0]!;
const serviceFull = () => structuredClone(readJson(`${STANDARDS_DIR}/oruk-profile/examples/service_full.json`)) as Record<string, any>;
const needTerm = (code: keyof typeof NEEDS) => taxonomyTerms().find((t) => t.taxonomy === "OneDoor needs" && t.term === code)!;

describe("uuidV5", () => {
  test("matches the RFC's name-based UUID for a known name", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });
});

describe("export then import", () => {
  test.each(EXAMPLE_SERVICES.map((s) => [s.name, s] as const))("%s comes back exactly as it was", (_name, service) => {
    const result = roundTrip(service);
    expect(result).toStrictEqual({ ok: true, service, organisation: organisationOf(service) });
  });

  test("the unusual cases come back too: paused, closed, no wait, no languages, no ages, national with a place", () => {
    const place = { id: "5a4b3f0e-8f0c-4d0e-9a43-0e7c1f3b2a11", name: "Drop-in room", address: "2 Example Road", town: "Leeds", postcode: "LS1 1XX", accessibility: [] };
    const variants: Service[] = [
      { ...firstService, status: "paused" },
      { ...firstService, status: "closed", expectedWaitWeeks: null },
      { ...firstService, expectedWaitWeeks: 1, languages: [], workerGenders: [], accessibility: [] },
      { ...firstService, minAge: undefined, maxAge: undefined, contact: { website: "https://example.org/help" } },
      { ...firstService, national: true, areaIds: [], locations: [place], openingTimes: [] },
      { ...firstService, acceptsSelfReferral: false, lgbtqFriendly: false, boysAndYoungMen: false, isExample: false },
    ].map((s) => JSON.parse(JSON.stringify(s)) as Service);
    for (const service of variants) {
      expect(roundTrip(service)).toStrictEqual({ ok: true, service, organisation: organisationOf(service) });
    }
  });

  test("an organisation without a website, email or example mark comes back the same", () => {
    const organisation: Organisation = { id: firstService.organisationId, name: "Plain Org", description: "A plain organisation.", isExample: false };
    expect(roundTrip(firstService, organisation)).toStrictEqual({ ok: true, service: firstService, organisation });
  });

  test("exporting twice gives the same document, ids included", () => {
    const a = toOpenReferralService(publicView(firstService), organisationOf(firstService));
    const b = toOpenReferralService(publicView(structuredClone(firstService)), organisationOf(firstService));
    expect(a).toStrictEqual(b);
    expect(new Set(a.attributes.map((x) => x.id)).size).toBe(a.attributes.length);
  });

  test("statuses map to HSDS words, and OneDoor facts are attributes only", () => {
    const status = (s: Service["status"]) => toOpenReferralService(publicView({ ...firstService, status: s }), undefined).status;
    expect([status("active"), status("paused"), status("closed")]).toEqual(["active", "temporarily closed", "inactive"]);
    const published = toOpenReferralService(publicView(firstService), organisationOf(firstService));
    const wait = published.attributes.find((a) => a.link_type === "expected_wait_weeks")!;
    expect(wait.taxonomy_term).toMatchObject({ term: "6", name: "6 weeks", taxonomy: "OneDoor service facts" });
    expect(published.schedules[0]).toMatchObject({ freq: "WEEKLY", byday: "MO,TU,WE,TH,FR", opens_at: "09:00:00", closes_at: "17:00:00" });
    expect(Object.keys(published)).not.toContain("expectedWaitWeeks");
  });
});

describe("importing a service from another directory", () => {
  test("the UK profile's own example is refused: its area is unknown and it has no OneDoor need", () => {
    const result = fromOpenReferralService(serviceFull(), EXAMPLE_AREAS);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field)).toEqual(["service_areas.0", "attributes"]);
    expect(result.problems[0]!.message).toMatch(/We do not know the area "The service is available.*Bristol \(E06000023\)/);
    expect(result.problems[1]!.message).toMatch(/"OneDoor needs" taxonomy/);
  });

  test("with a known area and a need term, it imports with sensible defaults", () => {
    const json = serviceFull();
    json.service_areas[0].name = "bristol";
    json.attributes.push({ id: "0d1f3a5e-3c0b-4a7e-9d55-6c1f0e2b7a10", taxonomy_term: needTerm("therapy") });
    const result = fromOpenReferralService(json, EXAMPLE_AREAS);
    expect(result).toStrictEqual({
      ok: true,
      organisation: {
        id: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
        name: "Example Organization Inc.",
        description: "Example Org is a non-profit organization dedicated to providing services to qualified beneficiaries",
        website: "http://example.com",
        email: "email@example.com",
        isExample: false,
      },
      service: {
        id: "ac148810-d857-441c-9679-408f346de14b",
        organisationId: "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
        name: "Community Counselling",
        description: json.description.trim(),
        whatHappens: "Get in touch with the service and they will tell you what happens next.",
        audiences: ["young-person", "adult-survivor"],
        minAge: 12,
        maxAge: 100,
        needs: ["therapy"],
        deliveryModes: ["in-person"],
        workerGenders: [],
        languages: ["en"],
        accessibility: [],
        lgbtqFriendly: false,
        boysAndYoungMen: false,
        areaIds: ["E06000023"],
        national: false,
        locations: [
          {
            id: "3a19ff88-4620-4d17-9830-ac1d859eb5d5",
            name: "MyCity Civic Center",
            address: "1-30 Main Street",
            town: "MyCity",
            postcode: "ABC 1234",
            accessibility: [],
          },
        ],
        contact: { email: "email@example.com", website: "http://example.com/counselling" },
        openingTimes: [{ days: ["TH", "FR"], opens: "10:00", closes: "18:00" }],
        acceptsSelfReferral: false,
        expectedWaitWeeks: null,
        waitUpdatedAt: "2023-03-15T10:30:45.123Z",
        status: "active",
        isExample: false,
        updatedAt: "2023-03-15T10:30:45.123Z",
      },
    });
  });

  test("an area can be given by its ONS code, and with no ages every audience is assumed", () => {
    const json = serviceFull();
    json.service_areas = [{ id: "381c64f1-a724-4884-9c21-ac96c21cca3e", name: "Leeds district", uri: "http://statistics.data.gov.uk/id/statistical-geography/E08000035" }];
    json.attributes = [{ id: "0d1f3a5e-3c0b-4a7e-9d55-6c1f0e2b7a10", taxonomy_term_id: needTerm("police-court").id }];
    delete json.minimum_age;
    delete json.maximum_age;
    const result = fromOpenReferralService(json, EXAMPLE_AREAS);
    expect(result.ok && [result.service.areaIds, result.service.audiences]).toEqual([["E08000035"], ["young-person", "parent-carer", "adult-survivor"]]);
  });

  test("each problem names the HSDS field to fix", () => {
    const json = serviceFull();
    json.service_areas[0].name = "Bristol";
    json.attributes = [{ id: "0d1f3a5e-3c0b-4a7e-9d55-6c1f0e2b7a10", taxonomy_term: needTerm("therapy") }];
    json.minimum_age = 200;
    json.status = "open";
    delete json.last_modified;
    delete json.assured_date;
    delete json.organization;
    let result = fromOpenReferralService(json, EXAMPLE_AREAS);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(["status"]);

    json.status = "active";
    result = fromOpenReferralService(json, EXAMPLE_AREAS);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(["organization", "last_modified", "minimum_age"]);
  });

  test("a OneDoor fact with a wrong value is named by its attribute", () => {
    const published = toOpenReferralService(publicView(firstService), organisationOf(firstService));
    const index = published.attributes.findIndex((a) => a.link_type === "expected_wait_weeks");
    published.attributes[index]!.taxonomy_term.term = "six";
    const result = fromOpenReferralService(published, EXAMPLE_AREAS);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual([`attributes.${index}.taxonomy_term.term`]);
  });

  test("something that is not a service at all is refused, naming the missing fields", () => {
    const result = fromOpenReferralService({ hello: "world" }, EXAMPLE_AREAS);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(["id", "name", "description", "status"]);
  });
});

describe("taxonomies", () => {
  test("every term belongs to a published taxonomy, ids are unique, and every need is a term", () => {
    const taxonomyIds = new Set(taxonomies().map((t) => t.id));
    const terms = taxonomyTerms();
    expect(terms.every((t) => taxonomyIds.has(t.taxonomy_id))).toBe(true);
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
    expect(terms.filter((t) => t.taxonomy === "OneDoor needs").map((t) => t.term)).toEqual(Object.keys(NEEDS));
    for (const term of terms) expect(validators.taxonomyTerm(term), describeErrors(validators.taxonomyTerm).join("\n")).toBe(true);
    for (const taxonomy of taxonomies()) expect(validators.taxonomy(taxonomy)).toBe(true);
  });
});

describe("openReferralPage", () => {
  test("describes a middle, a last and an empty page", () => {
    const items = [1, 2, 3, 4, 5];
    expect(openReferralPage(items, 2, 2)).toEqual({
      total_items: 5, total_pages: 3, page_number: 2, size: 2, first_page: false, last_page: false, empty: false, contents: [3, 4],
    });
    expect(openReferralPage(items, 3, 2)).toMatchObject({ size: 1, last_page: true, contents: [5] });
    expect(openReferralPage([], 1, 20)).toEqual({
      total_items: 0, total_pages: 1, page_number: 1, size: 0, first_page: true, last_page: true, empty: true, contents: [],
    });
  });
});
