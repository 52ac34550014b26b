import { describe, expect, test } from "vitest";
import type { Service } from "../../functions/domain/directory";
import { compareForResults, matchesFilters, paginate, SearchFiltersSchema, hasEveryWord, nameWordsOf, searchWordOf } from "../../functions/domain/search";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";

const base: Service = EXAMPLE_SERVICES[0]!;
const service = (changes: Partial<Service>): Service => ({ ...base, ...changes });
const filters = (query: Record<string, string | string[]>) => SearchFiltersSchema.parse(query);

describe("SearchFiltersSchema", () => {
  test("takes repeated and single values for many-valued filters", () => {
    expect(filters({ need: "therapy" }).need).toEqual(["therapy"]);
    expect(filters({ need: ["therapy", "police-court"] }).need).toEqual(["therapy", "police-court"]);
    expect(filters({}).need).toEqual([]);
  });
  test("normalises a postcode district and defaults paging", () => {
    const f = filters({ postcode: " bs5 " });
    expect(f.postcode).toBe("BS5");
    expect([f.page, f.perPage]).toEqual([1, 20]);
  });
  test("treats empty values as not chosen", () => {
    expect(filters({ age: "", who: "" })).toMatchObject({ age: undefined, who: undefined });
  });
  test("refuses a whole postcode: only the district is ever received", () => {
    for (const full of ["BS5 6XX", "bs56xx", "M1 1AA"]) expect(SearchFiltersSchema.safeParse({ postcode: full }).success).toBe(false);
  });
});

describe("matchesFilters", () => {
  test("no filters match every service that is not closed", () => {
    expect(matchesFilters(base, filters({}))).toBe(true);
    expect(matchesFilters(service({ status: "paused" }), filters({}))).toBe(true);
    expect(matchesFilters(service({ status: "closed" }), filters({}))).toBe(false);
  });
  test("age must fall inside the service's range, inclusive", () => {
    const s = service({ minAge: 11, maxAge: 18 });
    expect(matchesFilters(s, filters({ age: "11" }))).toBe(true);
    expect(matchesFilters(s, filters({ age: "18" }))).toBe(true);
    expect(matchesFilters(s, filters({ age: "10" }))).toBe(false);
    expect(matchesFilters(s, filters({ age: "19" }))).toBe(false);
    expect(matchesFilters(service({ minAge: undefined, maxAge: undefined }), filters({ age: "80" }))).toBe(true);
  });
  test("any chosen need or way of help will do; every accessibility need must be met", () => {
    const s = service({ needs: ["therapy"], deliveryModes: ["online"], accessibility: ["easy-read"], locations: [] });
    expect(matchesFilters(s, filters({ need: ["therapy", "police-court"] }))).toBe(true);
    expect(matchesFilters(s, filters({ need: "police-court" }))).toBe(false);
    expect(matchesFilters(s, filters({ how: ["phone", "online"] }))).toBe(true);
    expect(matchesFilters(s, filters({ accessibility: "easy-read" }))).toBe(true);
    expect(matchesFilters(s, filters({ accessibility: ["easy-read", "step-free"] }))).toBe(false);
  });
  test("accessibility offered at a location counts", () => {
    const s = service({ accessibility: [], locations: [{ ...base.locations[0]!, accessibility: ["hearing-loop"] }] });
    expect(matchesFilters(s, filters({ accessibility: "hearing-loop" }))).toBe(true);
  });
  test("preferences only narrow when asked for", () => {
    const s = service({ lgbtqFriendly: false, boysAndYoungMen: false, workerGenders: ["female"], languages: ["en"] });
    expect(matchesFilters(s, filters({ lgbtq: "false", boys: "false" }))).toBe(true);
    expect(matchesFilters(s, filters({ lgbtq: "true" }))).toBe(false);
    expect(matchesFilters(s, filters({ boys: "true" }))).toBe(false);
    expect(matchesFilters(s, filters({ gender: "male" }))).toBe(false);
    expect(matchesFilters(s, filters({ language: "pl" }))).toBe(false);
  });
});

describe("compareForResults", () => {
  test("open before paused, then shortest known wait, then local before national, then name", () => {
    const list = [
      service({ name: "Paused", status: "paused", expectedWaitWeeks: 0 }),
      service({ name: "Unknown wait", expectedWaitWeeks: null }),
      service({ name: "Long", expectedWaitWeeks: 10 }),
      service({ name: "National short", expectedWaitWeeks: 1, national: true }),
      service({ name: "B local short", expectedWaitWeeks: 1 }),
      service({ name: "A local short", expectedWaitWeeks: 1 }),
    ];
    expect(list.sort(compareForResults).map((s) => s.name)).toEqual([
      "A local short",
      "B local short",
      "National short",
      "Long",
      "Unknown wait",
      "Paused",
    ]);
  });
});

describe("paginate", () => {
  test("cuts pages and counts them; an empty list is one empty page", () => {
    expect(paginate([1, 2, 3, 4, 5], 2, 2)).toEqual({ items: [3, 4], totalItems: 5, page: 2, perPage: 2, totalPages: 3 });
    expect(paginate([], 1, 20)).toEqual({ items: [], totalItems: 0, page: 1, perPage: 20, totalPages: 1 });
    expect(paginate([1], 5, 20).items).toEqual([]);
  });
});

describe("finding a service by its name with no area", () => {
  test("a service is found by each word of its name, once, the telling ones first and at most eight", () => {
    expect(nameWordsOf("Harbour Young People's Support (example)")).toEqual(["harbour", "young", "peoples", "support", "example"]);
    expect(nameWordsOf("Café & Talk")).toEqual(["cafe", "talk", "and"]);
    expect(nameWordsOf("one two three four five six seven eight nine ten eleven")).toHaveLength(8);
  });

  test("a search reads by its longest telling word: words most names share narrow nothing", () => {
    expect(searchWordOf("young harb")).toBe("harb");
    expect(searchWordOf("support for families")).toBe("families");
    expect(searchWordOf("kite online counselling")).toBe("counselling");
    expect(searchWordOf("ha yo")).toBeUndefined();
  });

  test("every word typed must start a word of the name, in any order and case", () => {
    expect(hasEveryWord("Harbour Young People's Support", "PEOPLES harb")).toBe(true);
    expect(hasEveryWord("Harbour Young People's Support", "arbour")).toBe(false);
  });
});
