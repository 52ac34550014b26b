import { beforeAll, describe, expect, test } from "vitest";
import { directoryRepository } from "../../functions/db/directory";
import type { OpenReferralPage } from "../../functions/domain/openreferral/page";
import type { HsdsService } from "../../functions/domain/openreferral/types";
import { importOpenReferral } from "../../functions/features/import-openreferral";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { freshDatabase, seededApp } from "../support/database";

const listed = EXAMPLE_SERVICES.filter((s) => s.status !== "closed");
const usedAreaIds = new Set(listed.flatMap((s) => s.areaIds));
const usedOrganisationIds = new Set(listed.map((s) => s.organisationId));

/** The seeded directory as another directory would read it: one page of the Open Referral API. */
let exported: OpenReferralPage<HsdsService>;
beforeAll(async () => {
  const { app } = await seededApp();
  exported = (await (await app.request("/openreferral/services?per_page=50")).json()) as OpenReferralPage<HsdsService>;
  expect(exported.total_items).toBe(listed.length);
});

const freshRepository = async () => directoryRepository(await freshDatabase());
const copy = () => structuredClone(exported);

describe("importOpenReferral", () => {
  test("imports the export into an empty database, then a second run changes nothing", async () => {
    const repository = await freshRepository();
    const first = await importOpenReferral(repository, copy(), { referenceAreas: EXAMPLE_AREAS });
    expect(first).toEqual({
      ok: true,
      organisations: { created: usedOrganisationIds.size, updated: 0, unchanged: 0 },
      services: { created: listed.length, updated: 0, unchanged: 0 },
      areasAdded: usedAreaIds.size,
    });

    const second = await importOpenReferral(repository, copy(), { referenceAreas: EXAMPLE_AREAS });
    expect(second).toEqual({
      ok: true,
      organisations: { created: 0, updated: 0, unchanged: usedOrganisationIds.size },
      services: { created: 0, updated: 0, unchanged: listed.length },
      areasAdded: 0,
    });

    for (const service of listed) expect(await repository.getService(service.id)).toStrictEqual(service);
    for (const id of usedOrganisationIds) {
      expect(await repository.getOrganisation(id)).toStrictEqual(EXAMPLE_ORGANISATIONS.find((o) => o.id === id));
    }
    expect((await repository.listAreas()).map((a) => a.id).sort()).toEqual([...usedAreaIds].sort());
  });

  test("takes a list or a single service as well as a page, and counts a changed service as updated", async () => {
    const repository = await freshRepository();
    await importOpenReferral(repository, copy().contents, { referenceAreas: EXAMPLE_AREAS });

    const changed = copy().contents[0]!;
    changed.name = "A new name (example)";
    const report = await importOpenReferral(repository, changed, { referenceAreas: EXAMPLE_AREAS });
    expect(report).toEqual({
      ok: true,
      organisations: { created: 0, updated: 0, unchanged: 1 },
      services: { created: 0, updated: 1, unchanged: 0 },
      areasAdded: 0,
    });
    expect((await repository.getService(changed.id))?.name).toBe("A new name (example)");
  });

  test("a file with one invalid record writes nothing, and names each problem by record and field", async () => {
    const repository = await freshRepository();
    const file = copy();
    file.contents[2]!.service_areas[0]!.name = "Atlantis";
    file.contents[2]!.service_areas[0]!.uri = "http://example.com/atlantis";
    file.contents[4]!.status = "open" as HsdsService["status"];
    const report = await importOpenReferral(repository, file, { referenceAreas: EXAMPLE_AREAS });

    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems.map(({ index, field }) => ({ index, field }))).toEqual([
      { index: 2, field: "service_areas.0" },
      { index: 4, field: "status" },
    ]);
    expect(report.problems[0]!.message).toMatch(/We do not know the area "Atlantis"/);
    expect((await repository.allServices()).items).toEqual([]);
    expect(await repository.listOrganisations()).toEqual([]);
    expect(await repository.listAreas()).toEqual([]);
  });

  test("the same service twice, or one organisation told two ways, is refused", async () => {
    const repository = await freshRepository();
    const [a, b] = copy().contents.filter((s) => s.organization_id === copy().contents[0]!.organization_id);
    const twice = await importOpenReferral(repository, [a, structuredClone(a)], { referenceAreas: EXAMPLE_AREAS });
    expect(twice.ok ? [] : twice.problems).toEqual([{ index: 1, field: "id", message: "This service is already in the file, as record 0." }]);

    b!.organization!.description = "Told differently.";
    const twoWays = await importOpenReferral(repository, [a, b], { referenceAreas: EXAMPLE_AREAS });
    expect(twoWays.ok ? [] : twoWays.problems.map((p) => [p.index, p.field])).toEqual([[1, "organization"]]);
    expect((await repository.allServices()).items).toEqual([]);
  });

  test("a file that holds no services is refused as a whole", async () => {
    const report = await importOpenReferral(await freshRepository(), "hello", { referenceAreas: EXAMPLE_AREAS });
    expect(report).toEqual({ ok: false, problems: [{ index: null, field: "file", message: expect.stringMatching(/one Open Referral service/) }] });
  });

  test("without reference areas, an area the database does not know is a problem", async () => {
    const report = await importOpenReferral(await freshRepository(), copy().contents.slice(0, 1));
    expect(report.ok ? [] : report.problems.map((p) => p.field)).toEqual(
      exported.contents[0]!.service_areas.map((_, i) => `service_areas.${i}`),
    );
  });
});
