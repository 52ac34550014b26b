import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  FEWEST_SHOWN,
  inWords,
  MAX_NOISE,
  periodMonths,
  publishBreakdown as publishBreakdownWith,
  publishCount as publishCountWith,
  publishDays as publishDaysWith,
  ROUNDED_TO,
  shareOf,
  type Noise,
  type Published,
} from "../../functions/domain/disclosure";

// ---- helpers -----------------------------------------------------------------------------------

const hidden = (p: Published) => !("value" in p);
const valueOf = (p: Published) => ("value" in p ? p.value : undefined);

/** Every Published anywhere inside an output (cells, totals, nested arrays and records). */
function allPublished(output: unknown): Published[] {
  if (Array.isArray(output)) return output.flatMap(allPublished);
  if (output && typeof output === "object") {
    if ("value" in output || "suppressed" in output) return [output as Published];
    return Object.values(output).flatMap(allPublished);
  }
  return [];
}

const key = (output: unknown) => JSON.stringify(output);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const small = (n: number) => n >= 1 && n <= 4;

// The count rules are tested without noise, so each number is known; the attacks try every noise.
const exact: Noise = () => 0;
const publishCount = (n: number) => publishCountWith(n, exact);
const publishBreakdown = (counts: Record<string, number>) => publishBreakdownWith(counts, exact);
const publishDays = (histogram: Record<number, number>) => publishDaysWith(histogram, exact);

/** One change for each different published number noise can make of a count: -2 and -1 both turn 7 into 5. */
function changesFor(n: number): number[] {
  const byOutcome = new Map<string, number>();
  for (let change = -MAX_NOISE; change <= MAX_NOISE; change++) {
    const k = key(publishCountWith(n, () => change));
    if (!byOutcome.has(k)) byOutcome.set(k, change);
  }
  return [...byOutcome.values()];
}

/**
 * Every output `publish` can give, whatever the secret: the attacker knows every rule and only
 * not the secret, so tries every change for every count the output was worked out from. One
 * count always gets one change (rule 7), so equal counts move together.
 */
function everyOutput(publish: (noise: Noise) => unknown): string[] {
  const asked = new Set<number>();
  publish((n) => (asked.add(n), 0));
  const counts = [...asked];
  const outputs = new Set<string>();
  const chosen = new Map<number, number>();
  const pick = (i: number) => {
    if (i === counts.length) return void outputs.add(key(publish((n) => chosen.get(n)!)));
    for (const change of changesFor(counts[i]!)) {
      chosen.set(counts[i]!, change);
      pick(i + 1);
    }
  };
  pick(0);
  return [...outputs];
}

/** Which outputs each possible truth can give: the attacker's table, from output back to every truth that gives it. */
function attackerTable<T>(truths: T[], publish: (truth: T, noise: Noise) => unknown): Map<string, T[]> {
  const seen = new Map<string, T[]>();
  for (const t of truths) for (const out of everyOutput((noise) => publish(t, noise))) seen.set(out, [...(seen.get(out) ?? []), t]);
  return seen;
}

/** All true counts in [0, max] that can publish as `p`, whatever the noise: what an attacker learns about a count from its published form. */
const preimage = (p: Published, max: number) => range(0, max).filter((n) => everyOutput((noise) => publishCountWith(n, noise)).includes(key(p)));

/** Random breakdowns, biased toward the small counts that matter, and random secrets. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 80 }));
const breakdowns = fc.dictionary(fc.constantFrom("talk", "therapy", "police", "health", "family", "other"), count, { minKeys: 1 });
/** A secret's noise: a change from -3 to 3 for each count, the same every time it is asked. */
const secrets = fc.func(fc.integer({ min: -MAX_NOISE, max: MAX_NOISE })).map((f): Noise => (n) => f(n));

// ---- the count rules ---------------------------------------------------------------------------

describe("publishing one count", () => {
  test.each([
    [0, { value: 0 }],
    [1, { suppressed: true }],
    [4, { suppressed: true }],
    [5, { value: 5 }],
    [7, { value: 5 }],
    [8, { value: 10 }],
    [12, { value: 10 }],
    [13, { value: 15 }],
    [1234, { value: 1235 }],
  ])("%i is published as %j", (n, published) => {
    expect(publishCount(n)).toEqual(published);
  });

  test("the constants are the documented 5 and 5", () => {
    expect([FEWEST_SHOWN, ROUNDED_TO]).toEqual([5, 5]);
  });

  test.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %s, which is not a count", (n) => {
    expect(() => publishCount(n)).toThrow(/whole number/);
  });

  test("in words: fewer than 5, not shown (hidden to protect another), or the number", () => {
    expect(inWords(publishCount(3))).toBe("fewer than 5");
    expect(inWords(publishCount(14))).toBe("15");
    expect(inWords(publishCount(0))).toBe("0");
    expect(inWords({ suppressed: true, secondary: true })).toBe("not shown");
  });

  test("attack: reading a shown count back, whatever the secret, gives a range at least 6 wide (11 wide above 5)", () => {
    for (const n of range(5, 150)) {
      for (const out of everyOutput((noise) => publishCountWith(n, noise))) {
        const p = JSON.parse(out) as Published;
        const consistent = preimage(p, 170);
        expect(consistent.length).toBeGreaterThanOrEqual(valueOf(p) === 5 ? 6 : 11);
        expect(consistent).toContain(n);
      }
    }
  });

  test("noise moves a count by at most 3 before rounding, never below 5, and is refused when it is not a whole number from -3 to 3", () => {
    const changes = range(-MAX_NOISE, MAX_NOISE);
    expect(changes.map((change) => valueOf(publishCountWith(7, () => change)))).toEqual([5, 5, 5, 5, 10, 10, 10]);
    // 5 less 3 would round to 0, which means nobody: it is shown as 5.
    expect(changes.map((change) => valueOf(publishCountWith(5, () => change)))).toEqual([5, 5, 5, 5, 5, 5, 10]);
    expect(publishCountWith(3, () => 3)).toEqual({ suppressed: true });
    expect(publishCountWith(0, () => 3)).toEqual({ value: 0 });
    for (const change of [4, -4, 0.5, Number.NaN]) expect(() => publishCountWith(9, () => change)).toThrow(/Noise must be a whole number from -3 to 3/);
  });

  test("the same count is asked its noise, so one secret gives it one change wherever it appears", () => {
    const asked: number[] = [];
    const out = publishBreakdownWith({ a: 7, b: 7, c: 0, d: 3 }, (n) => (asked.push(n), n === 7 ? 2 : -1));
    expect(asked.sort((x, y) => x - y)).toEqual([7, 7, 17]);
    expect(out.cells.a).toEqual(out.cells.b);
    expect(out.total).toEqual({ value: 15 });
  });
});

// ---- attacks on tables and breakdowns ----------------------------------------------------------

describe("attack: looking for a count from 1 to 4 anywhere in published output", () => {
  test("no breakdown or total ever shows 1, 2, 3 or 4, and every value is a multiple of 5, whatever the secret", () => {
    fc.assert(
      fc.property(breakdowns, secrets, (breakdown, noise) => {
        for (const p of allPublished(publishBreakdownWith(breakdown, noise))) {
          const v = valueOf(p);
          if (v === undefined) continue;
          expect(small(v)).toBe(false);
          expect(v % ROUNDED_TO).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("every true count from 1 to 4 is hidden wherever it appears, cell or total, and a shown total never has just one hidden cell", () => {
    fc.assert(
      fc.property(breakdowns, secrets, (breakdown, noise) => {
        const out = publishBreakdownWith(breakdown, noise);
        for (const [k, n] of Object.entries(breakdown)) if (small(n)) expect(hidden(out.cells[k]!)).toBe(true);
        const total = Object.values(breakdown).reduce((x, y) => x + y, 0);
        if (small(total)) expect(hidden(out.total)).toBe(true);
        if (!hidden(out.total)) expect(Object.values(out.cells).filter(hidden).length).not.toBe(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe("attack: a total minus the other published cells gives the hidden cell", () => {
  test("1-D: one small category is never the only one hidden, so the total cannot be split", () => {
    const out = publishBreakdown({ talk: 3, therapy: 20, police: 40 });
    expect(out.cells.talk).toEqual({ suppressed: true });
    // The last one shown goes, whatever its size: which one is hidden then says nothing about the small one.
    expect(out.cells.therapy).toEqual({ value: 20 });
    expect(out.cells.police).toEqual({ suppressed: true, secondary: true });
    expect(out.total).toEqual({ value: 65 });
  });

  test("1-D: two small categories under a shown total get a third hidden, a 0 if nothing else is shown", () => {
    const out = publishBreakdown({ talk: 0, therapy: 0, police: 4, health: 4 });
    expect(out.cells.police).toEqual({ suppressed: true });
    expect(out.cells.health).toEqual({ suppressed: true });
    // "not shown" can be 0 or 5 or more, so the total (8, shown as 10) no longer says both are 4.
    expect(out.cells.therapy).toEqual({ suppressed: true, secondary: true });
    expect(out.cells.talk).toEqual({ value: 0 });
    expect(out.total).toEqual({ value: 10 });
  });

  test("1-D: under a small total every category is fewer than 5, 0s too, so counting them gives nothing away", () => {
    const out = publishBreakdown({ a: 1, b: 1, c: 1, d: 1, e: 0 });
    expect(Object.values(out.cells)).toEqual(Array(5).fill({ suppressed: true }));
    expect(out.total).toEqual({ suppressed: true });
  });

  test("exhaustive 1-D breakdowns of four categories (0–12), whatever the secret: a hidden small category stays ambiguous", () => {
    const all: number[][] = [];
    for (const a of range(0, 12)) for (const b of range(0, 12)) for (const c of range(0, 12)) for (const d of range(0, 12)) all.push([a, b, c, d]);
    const publish = ([a, b, c, d]: number[], noise: Noise) => publishBreakdownWith({ a: a!, b: b!, c: c!, d: d! }, noise);
    const seen = attackerTable(all, publish);
    let checked = 0;
    const leaks: string[] = [];
    for (const t of all) {
      if (t.some((n) => n > 8)) continue;
      for (const out of everyOutput((noise) => publish(t, noise))) {
        const consistent = seen.get(out)!;
        t.forEach((n, i) => {
          if (!small(n)) return;
          checked++;
          if (new Set(consistent.map((u) => u[i]!).filter(small)).size < 2) leaks.push(key(t));
        });
      }
    }
    expect(checked).toBeGreaterThan(10_000);
    // Rounding alone gave [1, 1, 5, 0] away (12 of 8,192 hidden small cells were pinned): the noise closes it.
    expect(leaks).not.toContain("[1,1,5,0]");
    expect(leaks).toEqual([]);
  });

  test("the attacker's table is a real attack: without noise it finds what rounding alone left", () => {
    const all: number[][] = [];
    for (const a of range(0, 12)) for (const b of range(0, 12)) for (const c of range(0, 12)) for (const d of range(0, 12)) all.push([a, b, c, d]);
    const withoutNoise = new Map<string, number[][]>();
    for (const t of all) {
      const k = key(publishBreakdown({ a: t[0]!, b: t[1]!, c: t[2]!, d: t[3]! }));
      withoutNoise.set(k, [...(withoutNoise.get(k) ?? []), t]);
    }
    const consistent = withoutNoise.get(key(publishBreakdown({ a: 1, b: 1, c: 5, d: 0 })))!;
    expect(new Set(consistent.map((u) => u[0]))).toEqual(new Set([1]));
  });
});

describe("attack: differencing periods, whatever the secret", () => {
  /** Months published on their own beside the quarter, or as a breakdown of it (as insights do). */
  const onTheirOwn = ([m, y, z]: number[], noise: Noise) => [m!, y!, z!, m! + y! + z!].map((n) => publishCountWith(n, noise));
  const asBreakdown = ([m, y, z]: number[], noise: Noise) => publishBreakdownWith({ first: m!, second: y!, third: z! }, noise);

  /** Small first months (true 1–4, the others 0–`upTo`) pinned, from an attacker who knows every month is 0–`max`. */
  function pinnedFirstMonths(publish: (months: number[], noise: Noise) => unknown, upTo: number, max: number): string[] {
    const all: number[][] = [];
    for (const m of range(0, max)) for (const y of range(0, max)) for (const z of range(0, max)) all.push([m, y, z]);
    const seen = attackerTable(all, publish);
    const leaks: string[] = [];
    for (const m of range(1, 4))
      for (const y of range(0, upTo))
        for (const z of range(0, upTo))
          for (const out of everyOutput((noise) => publish([m, y, z], noise)))
            if (new Set(seen.get(out)!.map(([first]) => first!).filter(small)).size < 2) leaks.push(`${m},${y},${z}`);
    return leaks;
  }

  test("month against its quarter, each month on its own (months 0–20): the noise closes what rounding alone left", () => {
    // Rounding alone: months 10 and 10 shown (8–12 each) and the quarter 17 shown as 15 (13–17) said the small month was 1.
    expect(onTheirOwn([1, 8, 8], exact).map(valueOf)).toEqual([undefined, 10, 10, 15]);
    expect(pinnedFirstMonths(onTheirOwn, 20, 28)).toEqual([]);
  });

  test("months as insights publish them (a breakdown of the quarter), months 0–20: a small month always stays ambiguous in 1–4", () => {
    expect(pinnedFirstMonths(asBreakdown, 20, 28)).toEqual([]);
  });

  test("two rolling 12-month totals a month apart, and both end months: the small new month stays ambiguous", () => {
    // Y1 = old + rest, Y2 = rest + new; published: Y1, Y2, old and new. Target: new, true 1–4.
    const publish = ([fresh, old, rest]: number[], noise: Noise) => [old! + rest!, rest! + fresh!, old!, fresh!].map((n) => publishCountWith(n, noise));
    const all: number[][] = [];
    for (const fresh of range(0, 10)) for (const old of range(0, 28)) for (const rest of range(0, 70)) all.push([fresh, old, rest]);
    const seen = attackerTable(all, publish);
    const leaks: string[] = [];
    for (const fresh of range(1, 4))
      for (const old of range(0, 20))
        for (const rest of range(0, 60))
          for (const out of everyOutput((noise) => publish([fresh, old, rest], noise)))
            if (new Set(seen.get(out)!.map(([f]) => f!).filter(small)).size < 2) leaks.push(`${fresh},${old},${rest}`);
    // Rounding alone gave "1,7,6" away: old month 7 (shown 5), year 13 (shown 15), new year 7 (shown 5).
    expect(leaks).not.toContain("1,7,6");
    expect(leaks).toEqual([]);
  });
});

describe("attack: differencing two breakdowns of the same requests, whatever the secret", () => {
  test("by need (3 categories, 0–10) and by age band (2 bands) with the same total: a small need stays ambiguous", () => {
    // One truth: the three needs and how many of the same requests are under 16. The total is shared, so its noise is too.
    const publish = ([a, b, c, x]: number[], noise: Noise) => [
      publishBreakdownWith({ talk: a!, therapy: b!, police: c! }, noise),
      publishBreakdownWith({ under16: x!, over16: a! + b! + c! - x! }, noise),
    ];
    const all: number[][] = [];
    for (const a of range(0, 10)) for (const b of range(0, 10)) for (const c of range(0, 10)) for (const x of range(0, a + b + c)) all.push([a, b, c, x]);
    const seen = attackerTable(all, publish);
    let checked = 0;
    const leaks: string[] = [];
    for (const t of all) {
      if (!small(t[0]!) || t[1]! > 7 || t[2]! > 7) continue;
      for (const out of everyOutput((noise) => publish(t, noise))) {
        checked++;
        if (new Set(seen.get(out)!.map(([a]) => a!).filter(small)).size < 2) leaks.push(key(t));
      }
    }
    expect(checked).toBeGreaterThan(5000);
    // Rounding alone gave talk 1, therapy 13, police 0 away beside ages 7 and 7; here every truth stays ambiguous.
    expect(leaks).toEqual([]);
  });

  test("the two breakdowns share one total, rounded from the true value both times", () => {
    const need = publishBreakdown({ talk: 3, therapy: 11, police: 8 });
    const age = publishBreakdown({ under16: 9, over16: 13 });
    expect(need.total).toEqual({ value: 20 });
    expect(age.total).toEqual(need.total);
  });
});

// ---- shares ------------------------------------------------------------------------------------

describe("shares", () => {
  test("attack: a share of a hidden count (3 of 20 = 15%) is never shown", () => {
    expect(shareOf(publishCount(3), publishCount(20))).toBeUndefined();
    expect(shareOf(publishCount(20), publishCount(3))).toBeUndefined();
    expect(shareOf({ suppressed: true, secondary: true }, { value: 40 })).toBeUndefined();
  });

  test("no share of a whole that is 0", () => {
    expect(shareOf({ value: 0 }, { value: 0 })).toBeUndefined();
  });

  test("shares come from published values, to the whole percent", () => {
    expect(shareOf(publishCount(6), publishCount(19))).toBe(25); // 5 of 20, not 6 of 19
    expect(shareOf({ value: 5 }, { value: 15 })).toBe(33);
    expect(shareOf({ value: 10 }, { value: 15 })).toBe(67);
    expect(shareOf({ value: 0 }, { value: 15 })).toBe(0);
  });

  test("attack: shares over random breakdowns exist exactly when both numbers are shown, and use only them", () => {
    fc.assert(
      fc.property(breakdowns, (counts) => {
        const out = publishBreakdown(counts);
        for (const cell of Object.values(out.cells)) {
          const share = shareOf(cell, out.total);
          if (hidden(cell) || hidden(out.total) || valueOf(out.total) === 0) expect(share).toBeUndefined();
          else expect(share).toBe(Math.round((valueOf(cell)! / valueOf(out.total)!) * 100));
        }
      }),
    );
  });
});

// ---- times -------------------------------------------------------------------------------------

describe("days to first contact or to support starting", () => {
  test("no one counted: 0, and no median or 90th percentile", () => {
    expect(publishDays({})).toEqual({ count: { value: 0 } });
  });

  test("4 people: the count hidden, no median", () => {
    expect(publishDays({ 1: 2, 9: 2 })).toEqual({ count: { suppressed: true } });
  });

  test("5 people: the median (the 3rd) but no 90th percentile", () => {
    expect(publishDays({ 0: 1, 1: 1, 2: 1, 3: 1, 10: 1 })).toEqual({ count: { value: 5 }, median: 2 });
  });

  test("9 people: still no 90th percentile", () => {
    const out = publishDays({ 2: 4, 5: 4, 40: 1 });
    expect(out.median).toBe(5);
    expect(out.p90).toBeUndefined();
    expect(out.count).toEqual({ value: 10 });
  });

  test("10 people: the 90th percentile is the 9th", () => {
    expect(publishDays({ 1: 8, 5: 1, 30: 1 })).toEqual({ count: { value: 10 }, median: 1, p90: 5 });
    expect(publishDays({ 1: 9, 30: 1 })).toEqual({ count: { value: 10 }, median: 1, p90: 1 });
  });

  test("11 people: ceil(9.9) is the 10th; 30 people: ceil(27) is the 27th, not the 28th", () => {
    expect(publishDays({ 1: 9, 4: 1, 30: 1 }).p90).toBe(4);
    expect(publishDays({ 3: 27, 8: 1, 50: 2 }).p90).toBe(3);
    expect(publishDays({ 3: 26, 8: 1, 50: 3 }).p90).toBe(8);
  });

  test("an even count: the median is the lower middle day (smallest with half counted)", () => {
    expect(publishDays({ 1: 3, 6: 3 }).median).toBe(1);
  });

  test("days in any key order", () => {
    expect(publishDays({ 30: 1, 1: 8, 5: 1 }).p90).toBe(5);
  });

  test("refuses days or counts that are not whole numbers", () => {
    expect(() => publishDays({ [-1]: 3 })).toThrow(/days/);
    expect(() => publishDays({ 1.5: 3 })).toThrow(/days/);
    expect(() => publishDays({ 2: -1 })).toThrow(/whole number/);
  });
});

// ---- fixed periods ---------------------------------------------------------------------------

describe("fixed periods", () => {
  test("a month is itself", () => {
    expect(periodMonths({ kind: "month", month: "2026-02" })).toEqual(["2026-02"]);
  });

  test.each([
    ["2026-01", ["2026-01", "2026-02", "2026-03"]],
    ["2026-02", ["2026-01", "2026-02", "2026-03"]],
    ["2026-06", ["2026-04", "2026-05", "2026-06"]],
    ["2026-07", ["2026-07", "2026-08", "2026-09"]],
    ["2026-12", ["2026-10", "2026-11", "2026-12"]],
  ])("the quarter holding %s", (month, months) => {
    expect(periodMonths({ kind: "quarter", month })).toEqual(months);
  });

  test("a year is the 12 months ending with the month, across the year boundary", () => {
    expect(periodMonths({ kind: "year", month: "2026-02" })).toEqual([
      "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
      "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02",
    ]);
    expect(periodMonths({ kind: "year", month: "2026-12" })).toEqual(range(1, 12).map((m) => `2026-${String(m).padStart(2, "0")}`));
    expect(periodMonths({ kind: "year", month: "2026-01" })[0]).toBe("2025-02");
  });

  test.each(["2026-13", "2026-00", "2026-2", "26-02", "2026-02-01", "", "February 2026", " 2026-02"])("refuses %j, which is not a month", (month) => {
    expect(() => periodMonths({ kind: "month", month })).toThrow(/YYYY-MM/);
  });

  test("refuses a kind of period that is not offered", () => {
    expect(() => periodMonths({ kind: "week" as "month", month: "2026-02" })).toThrow(/month, a quarter or a year/);
  });
});
