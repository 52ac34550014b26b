import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { keys } from "../../functions/db/keys";
import { beforeAll, describe, expect, test } from "vitest";
import { createDatabase } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { directoryFeature } from "../../functions/features/directory";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { SearchFiltersSchema } from "../../functions/domain/search";
import { CRISIS_LINES } from "../../functions/data/crisis-lines";
import { seededApp, testApp } from "../support/database";

type Body = { services: { id: string; name: string; audiences: string[]; status: string }[]; totalItems: number; totalPages: number; page: number; nationalLines: unknown[] };
type ErrorBody = { error: { code: string; message: string; fields: { field: string; message: string }[]; requestId: string } };

let app: Awaited<ReturnType<typeof seededApp>>["app"];
let db: Awaited<ReturnType<typeof seededApp>>["db"];
let logger: Awaited<ReturnType<typeof seededApp>>["logger"];
beforeAll(async () => ({ app, db, logger } = await seededApp()));

const search = async (query: string) => {
  const res = await app.request(`/api/services?${query}`);
  return { status: res.status, body: (await res.json()) as Body & ErrorBody };
};
const names = (body: Body) => body.services.map((s) => s.name);

describe("GET /api/services", () => {
  test("with no area or name lists only the national services, which help people anywhere, with the national lines", async () => {
    const { status, body } = await search("");
    expect(status).toBe(200);
    const national = EXAMPLE_SERVICES.filter((s) => s.status !== "closed" && s.national);
    expect(national.length).toBeGreaterThan(0);
    expect(names(body).sort()).toEqual(national.map((s) => s.name).sort());
    expect(body.nationalLines).toEqual(CRISIS_LINES);
  });

  test("by name with no area finds a local service by the start of its words, in any order and any case", async () => {
    const { status, body } = await search("name=young%20HARB");
    expect(status).toBe(200);
    expect(names(body)).toEqual(["Harbour Young People's Support (example)"]);
    expect(names((await search("name=harbour")).body)).toEqual(expect.arrayContaining(["Harbour Young People's Support (example)", "Harbour Family Support (example)"]));
    expect((await search("name=zzzz")).body.totalItems).toBe(0);
    const tooShort = await search("name=ha%20yo");
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.fields).toEqual([{ field: "name", message: "Type at least three letters of a word in its name." }]);
  });

  test("a renamed service is found by its new name and no longer by its old one", async () => {
    const repository = directoryRepository(db);
    // In an area no other test searches, so it changes no other test's results.
    const service = { ...EXAMPLE_SERVICES[0]!, id: randomUUID(), name: "Quokka Listening Service", areaIds: ["E09999999"], national: false };
    await repository.saveService(service);
    expect(names((await search("name=quokka")).body)).toEqual(["Quokka Listening Service"]);
    await repository.saveService({ ...service, name: "Wombat Listening Service" });
    expect((await search("name=quokka")).body.totalItems).toBe(0);
    expect(names((await search("name=wombat")).body)).toEqual(["Wombat Listening Service"]);
  });

  test("a service saved before services kept their copies gets its copies by name at its next save, and is unchanged after", async () => {
    const repository = directoryRepository(db);
    const service = { ...EXAMPLE_SERVICES[0]!, id: randomUUID(), name: "Platypus Listening Service", areaIds: ["E09999999"], national: false };
    // As it was stored before: the service item without its list of copies, and no copy by name.
    await db.doc.send(new PutCommand({ TableName: db.tableName, Item: { ...service, ...keys.service(service.id), type: "service" } }));
    expect((await search("name=platypus")).body.totalItems).toBe(0);
    expect(await repository.saveService(service)).toBe("updated");
    expect(names((await search("name=platypus")).body)).toEqual(["Platypus Listening Service"]);
    expect(await repository.saveService(service)).toBe("unchanged");
  });

  test("an area finds its local services and national ones, never another area's", async () => {
    const { body } = await search("area=E08000035");
    expect(names(body)).toContain("Lantern Young People's Project (example)");
    expect(names(body)).toContain("Kite Online Counselling (example)");
    expect(names(body)).not.toContain("Harbour Young People's Support (example)");
  });

  test("a postcode district finds the areas it falls in, in any case", async () => {
    const { status, body } = await search("postcode=bs37");
    expect(status).toBe(200);
    // BS37 is South Gloucestershire only: a Bristol-only service must not appear.
    expect(names(body)).toContain("Harbour Young People's Support (example)");
    expect(names(body)).not.toContain("Meadow Therapy Team (example)");
  });

  test("who, age, need, how and preferences all narrow the results", async () => {
    const all = (await search("area=E06000023")).body.totalItems;
    const young = (await search("area=E06000023&who=young-person")).body;
    expect(young.totalItems).toBeLessThan(all);
    expect(young.services.every((s) => s.audiences.includes("young-person"))).toBe(true);
    const adults = (await search("area=E06000023&age=30")).body;
    expect(names(adults)).not.toContain("Meadow Therapy Team (example)");
    const police = (await search("area=E06000023&need=police-court")).body;
    expect(names(police).sort()).toEqual(["North Star Adult Advocates (example)", "North Star Children's Advocates (example)"]);
    const either = (await search("area=E06000023&need=police-court&need=health-check")).body;
    expect(either.totalItems).toBe(3);
    const text = (await search("area=E06000023&how=text&gender=female&language=so&lgbtq=true&boys=true&accessibility=easy-read")).body;
    expect(names(text)).toEqual(["Harbour Young People's Support (example)"]);
  });

  test("open services come first, shortest wait first", async () => {
    const { body } = await search("area=E08000003");
    expect(body.services.at(-1)?.status).toBe("paused");
    expect(names(body)[0]).toBe("Kite Online Counselling (example)");
  });

  test("pages through results", async () => {
    const first = (await search("area=E06000023&perPage=3")).body;
    const second = (await search("area=E06000023&perPage=3&page=2")).body;
    expect(first.services).toHaveLength(3);
    expect(first.totalPages).toBe(Math.ceil(first.totalItems / 3));
    expect(second.page).toBe(2);
    expect(names(second).some((n) => names(first).includes(n))).toBe(false);
  });

  test.each([
    ["need=haircut", "need", "Choose one of: someone-to-talk-to"],
    ["who=alien", "who", "Choose one of: young-person"],
    ["how=pigeon", "how", "Choose one of: phone"],
    ["postcode=BS5%206XX", "postcode", "Only type the first part of your postcode"],
    ["postcode=12345", "postcode", "Type the first part of a postcode"],
    ["postcode=ZZ9", "postcode", "We do not have services listed for ZZ9"],
    ["area=E99999999", "area", "We do not know that area"],
    ["area=bristol", "area", "Use a local authority code"],
    ["age=twelve", "age", "Type an age in numbers"],
    ["age=200", "age", "Type an age from 0 to 120"],
    ["age=12.5", "age", "Type a whole number"],
    ["lgbtq=maybe", "lgbtq", "Use true or false"],
    ["perPage=500", "perPage", "Ask for at most 50"],
    ["page=0", "page", "Pages start at 1"],
    ["area=E06000023&postcode=BS5", "postcode", "Choose an area or type a postcode, not both"],
  ])("%s is a 400 naming the field", async (query, field, message) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error.fields.map((f) => f.field)).toContain(field);
    expect(body.error.fields.find((f) => f.field === field)?.message).toContain(message);
    expect(body.error.requestId).toMatch(/.+/);
  });

  test("the search never writes its filters into the logs", async () => {
    logger.lines.length = 0;
    await search("postcode=BS5&age=13&who=young-person&need=police-court");
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toMatchObject({ route: "/api/services", status: 200 });
    // Ids and timings are random numbers that could contain "13" by chance; everything else is checked.
    const { requestId: _id, durationMs: _ms, ...rest } = logger.lines[0]!;
    const logged = JSON.stringify(rest);
    for (const value of ["BS5", "13", "young-person", "police-court"]) expect(logged).not.toContain(value);
  });
});

describe("GET /api/services/:id", () => {
  test("returns the service with its organisation and area names", async () => {
    const known = EXAMPLE_SERVICES[0]!;
    const res = await app.request(`/api/services/${known.id}`);
    expect(res.status).toBe(200);
    const { service } = (await res.json()) as { service: { name: string; organisation: { name: string }; areas: { name: string }[] } };
    expect(service.name).toBe(known.name);
    expect(service.organisation.name).toBe("Harbour Support (example)");
    expect(service.areas.map((a) => a.name)).toEqual(["Bristol", "South Gloucestershire"]);
  });

  test.each([randomUUID(), "not-a-uuid", "%3Cscript%3E"])("an unknown id (%s) is a 404 with the error shape", async (id) => {
    const res = await app.request(`/api/services/${id}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("service.not_found");
    expect(body.error.message).toMatch(/could not find/);
  });
});

describe("GET /api/areas and /api/health", () => {
  test("lists areas by name with their postcode districts", async () => {
    const res = await app.request("/api/areas");
    const { areas } = (await res.json()) as { areas: { name: string; postcodeDistricts: string[] }[] };
    expect(areas.map((a) => a.name)).toEqual([...areas.map((a) => a.name)].sort());
    expect(areas.find((a) => a.name === "Bristol")?.postcodeDistricts).toContain("BS5");
  });

  test("health is 200 with the database, 503 without it, and searches then say so clearly", async () => {
    expect((await app.request("/api/health")).status).toBe(200);
    const { app: gone } = testApp(createDatabase({ tableName: "t", endpoint: "http://127.0.0.1:9" }));
    expect((await gone.request("/api/health")).status).toBe(503);
    const res = await gone.request("/api/services?area=E06000023");
    expect(res.status).toBe(503);
    expect(((await res.json()) as ErrorBody).error.code).toBe("database.unavailable");
  });

  test("an unknown API path is a JSON 404", async () => {
    const res = await app.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("route.not_found");
  });
});

describe("search reads only the searched area", () => {
  test("adding services to another area does not change the capacity an area search consumes", async () => {
    const directory = directoryFeature(directoryRepository(db));
    const filters = SearchFiltersSchema.parse({ area: "E08000035" });
    const before = await directory.search(filters);
    const repository = directoryRepository(db);
    const template = EXAMPLE_SERVICES.find((s) => s.areaIds.includes("E06000023") && !s.national)!;
    for (let i = 0; i < 30; i++) {
      await repository.saveService({ ...template, id: randomUUID(), areaIds: ["E06000023"], name: `Bristol extra ${i}` });
    }
    const after = await directory.search(filters);
    expect(after.totalItems).toBe(before.totalItems);
    expect(after.consumedReadUnits).toBe(before.consumedReadUnits);
    const bristol = await directory.search(SearchFiltersSchema.parse({ area: "E06000023" }));
    expect(bristol.consumedReadUnits).toBeGreaterThan(before.consumedReadUnits);
  });
});
