import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { directoryRepository } from "../../functions/db/directory";
import { insightsRepository } from "../../functions/db/insights";
import { seedExampleHistory, seededRandom, seedStarterHistory } from "../../functions/local/example-history";
import { seedExampleDirectory } from "../../functions/local/seed";
import { rawAesFieldCipher } from "../../functions/security/field-encryption";
import { freshDatabase } from "../support/database";

/** The made-up history behind `npm start`'s insights and `npm run seed:volume`, written through the real code. */

const keys = () => ({ hashKey: randomBytes(32), fieldCipher: rawAesFieldCipher(randomBytes(32)) });

describe("the example history", () => {
  it("writes its requests, changes and feedback so that insights count every one", async () => {
    const db = await freshDatabase();
    await seedExampleDirectory(directoryRepository(db));
    const now = Date.now();
    const result = await seedExampleHistory(db, { ...keys(), requests: 40, months: 6, now, random: seededRandom(7) });
    expect(result.requests).toBe(40);
    expect(result.changes).toBeGreaterThan(40);

    const months = Array.from({ length: 8 }, (_, i) => new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth() - i, 1)).toISOString().slice(0, 7)).reverse();
    const areas = (await directoryRepository(db).listAreas()).map((a) => a.id);
    let counted = 0;
    let closed = 0;
    for (const areaId of areas) {
      const { demand, access } = await insightsRepository(db).requestFigures(areaId, months, { queries: 0, units: 0 });
      for (const counters of demand.values()) counted += counters.requests ?? 0;
      for (const byMonth of access.values()) for (const counters of byMonth.values()) closed += counters["status.closed"] ?? 0;
    }
    expect(counted).toBe(40);
    expect(closed).toBeGreaterThan(0);
  }, 120_000);

  it("is written once per database by npm start, however often it starts", async () => {
    const db = await freshDatabase();
    await seedExampleDirectory(directoryRepository(db));
    const first = await seedStarterHistory(db, keys(), { requests: 3, months: 2 });
    expect(first?.requests).toBe(3);
    expect(await seedStarterHistory(db, keys(), { requests: 3, months: 2 })).toBeUndefined();
  }, 60_000);
});
