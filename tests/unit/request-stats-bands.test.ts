import { describe, expect, test } from "vitest";
import { DAY_BANDS, dayBand, MAX_DAYS, weekOf } from "../../functions/domain/request-stats";

/** The bands that keep a service's figures the same size however many people it sees. */
describe("bands of days and weeks", () => {
  test("a week is named by its Monday, whatever day in it", () => {
    expect(weekOf("2026-11-30T09:00:00.000Z")).toBe("2026-11-30"); // a Monday
    expect(weekOf("2026-12-06T23:59:59.000Z")).toBe("2026-11-30"); // the Sunday after
    expect(weekOf("2026-12-07T00:00:00.000Z")).toBe("2026-12-07");
    expect(weekOf("2027-01-01T12:00:00.000Z")).toBe("2026-12-28"); // across a new year
  });

  test("days are counted one by one for a week, then under the last day of their band", () => {
    for (let d = 0; d <= 7; d++) expect(dayBand(d)).toBe(d);
    expect(dayBand(8)).toBe(10);
    expect(dayBand(10)).toBe(10);
    expect(dayBand(11)).toBe(14);
    expect(dayBand(200)).toBe(252);
    expect(dayBand(MAX_DAYS)).toBe(MAX_DAYS);
    expect(dayBand(5000)).toBe(MAX_DAYS);
    // However many days are counted, a histogram holds at most this many keys.
    expect(new Set(Array.from({ length: 400 }, (_, d) => dayBand(d))).size).toBe(DAY_BANDS.length);
  });
});
