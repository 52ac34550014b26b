import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  FEWEST_SHOWN,
  inWords,
  periodMonths,
  publishBreakdown,
  publishCount,
  publishDays,
  publishTable,
  ROUNDED_TO,
  shareOf,
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

/** All true counts in [0, max] that publish as `p`: what an attacker learns about a count from its published form. */
const preimage = (p: Published, max: number) => range(0, max).filter((n) => key(publishCount(n)) === key(p));

/** Random tables, biased toward the small counts that matter. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 80 }));
const tables = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }))
  .chain(([rows, columns]) => fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));
const breakdowns = fc.dictionary(fc.constantFrom("talk", "therapy", "police", "health", "family", "other"), count, { minKeys: 1 });

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

  test("attack: reading a shown count back gives a range at least 3 wide (5 wide above 5)", () => {
    for (const n of range(5, 500)) {
      const p = publishCount(n);
      const consistent = preimage(p, 600);
      expect(consistent.length).toBeGreaterThanOrEqual(valueOf(p) === 5 ? 3 : 5);
      expect(consistent).toContain(n);
    }
  });
});

// ---- attacks on tables and breakdowns ----------------------------------------------------------

describe("attack: looking for a count from 1 to 4 anywhere in published output", () => {
  test("no table, total or breakdown ever shows 1, 2, 3 or 4, and every value is a multiple of 5", () => {
    fc.assert(
      fc.property(tables, breakdowns, (table, breakdown) => {
        for (const p of [...allPublished(publishTable(table)), ...allPublished(publishBreakdown(breakdown))]) {
          const v = valueOf(p);
          if (v === undefined) continue;
          expect(small(v)).toBe(false);
          expect(v % ROUNDED_TO).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("every true count from 1 to 4 is hidden wherever it appears, cell or total", () => {
    fc.assert(
      fc.property(tables, (table) => {
        const out = publishTable(table);
        table.forEach((row, r) => row.forEach((n, c) => small(n) && expect(hidden(out.cells[r]![c]!)).toBe(true)));
        table.forEach((row, r) => small(row.reduce((a, b) => a + b, 0)) && expect(hidden(out.rowTotals[r]!)).toBe(true));
      }),
      { numRuns: 300 },
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

  test("after secondary suppression no line with a shown total has exactly one hidden cell", () => {
    fc.assert(
      fc.property(tables, (table) => {
        const out = publishTable(table);
        const rows = out.cells.map((cells, r) => ({ cells, total: out.rowTotals[r]! }));
        const columns = out.columnTotals.map((total, c) => ({ cells: out.cells.map((row) => row[c]!), total }));
        const margins = [
          { cells: out.rowTotals, total: out.total },
          { cells: out.columnTotals, total: out.total },
        ];
        for (const line of [...rows, ...columns, ...margins]) {
          if (hidden(line.total)) continue;
          expect(line.cells.filter(hidden).length).not.toBe(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("exhaustive 2×2 tables (cells 0–14): a hidden small cell stays ambiguous among at least two of 1–4, except the KNOWN LEAKS", () => {
    // The attacker sees the whole published table and knows every cell lies in 0–14.
    const tablesSeen = new Map<string, number[][][]>();
    const all: number[][][] = [];
    for (const a of range(0, 14)) for (const b of range(0, 14)) for (const c of range(0, 14)) for (const d of range(0, 14)) all.push([[a, b], [c, d]]);
    for (const t of all) {
      const k = key(publishTable(t));
      const list = tablesSeen.get(k) ?? [];
      list.push(t);
      tablesSeen.set(k, list);
    }
    let checked = 0;
    const leaks: string[] = [];
    for (const t of all) {
      if (t.flat().some((n) => n > 9)) continue; // away from the attacker's edge of knowledge
      const consistent = tablesSeen.get(key(publishTable(t)))!;
      t.forEach((row, r) =>
        row.forEach((n, c) => {
          if (!small(n)) return;
          const values = new Set(consistent.map((u) => u[r]![c]!).filter(small));
          if (values.size < 2) leaks.push(key(t));
          checked++;
        }),
      );
    }
    expect(checked).toBeGreaterThan(1000);
    // Closed by hiding a third cell beside two small ones: the column total 8 (shown as 10) no longer says both are 4.
    expect(leaks).not.toContain("[[0,0],[4,4]]");
    // KNOWN LEAKS: the grand total 7 is shown as 5 (5–7) and the hidden 5 is "not shown" (0, or 5 or more): it must be 5, so the two small cells are 1 and 1.
    expect(leaks).toContain("[[0,1],[1,5]]");
    expect(leaks).toContain("[[1,1],[0,5]]");
    expect(leaks.length / checked).toBeLessThan(0.005); // 64 of 16,000 when written (732 before the third hidden cell)

  });

  test("exhaustive 1-D breakdowns of four categories (0–12): a hidden small category stays ambiguous, except the KNOWN LEAKS", () => {
    const seen = new Map<string, number[][]>();
    const all: number[][] = [];
    for (const a of range(0, 12)) for (const b of range(0, 12)) for (const c of range(0, 12)) for (const d of range(0, 12)) all.push([a, b, c, d]);
    const publish = ([a, b, c, d]: number[]) => publishBreakdown({ a: a!, b: b!, c: c!, d: d! });
    for (const t of all) {
      const k = key(publish(t));
      seen.set(k, [...(seen.get(k) ?? []), t]);
    }
    let checked = 0;
    const leaks: string[] = [];
    for (const t of all) {
      if (t.some((n) => n > 7)) continue;
      const consistent = seen.get(key(publish(t)))!;
      t.forEach((n, i) => {
        if (!small(n)) return;
        checked++;
        if (new Set(consistent.map((u) => u[i]!).filter(small)).size < 2) leaks.push(key(t));
      });
    }
    expect(leaks).not.toContain("[0,0,4,4]"); // closed: a "not shown" 0 beside them, so the total no longer says both are 4
    expect(leaks).not.toContain("[0,1,1,5]"); // closed: the 5 is "not shown", and a 0 there would look the same
    expect(leaks).not.toContain("[1,1,1,1]"); // closed: under a small total nobody can count the categories that are not 0
    // KNOWN LEAK: total 7 shown as 5 (5–7) beside a shown 5 (5–7): the "not shown" last cell cannot be 5 or more, so it is 0, and the two hidden are 1 and 1.
    expect(leaks).toContain("[1,1,5,0]");
    expect(leaks.length / checked).toBeLessThan(0.002); // 12 of 8,192 when written (80 before)
  });
});

describe("attack: differencing periods", () => {
  /** What an attacker learns about month 1 from months 1–3 published one by one plus the quarter. */
  function consistentFirstMonths(months: [number, number, number], max: number) {
    const [p1, p2, p3] = months.map(publishCount);
    const quarter = key(publishCount(months[0] + months[1] + months[2]));
    const others = preimage(p2!, max).flatMap((y) => preimage(p3!, max).map((z) => y + z));
    const sums = new Set(others);
    return preimage(p1!, max).filter((x) => [...sums].some((s) => key(publishCount(x + s)) === quarter));
  }

  test("month against its quarter, months of 20 and 30 beside it: every true 1–4 stays ambiguous", () => {
    for (const m of range(1, 4)) {
      const values = consistentFirstMonths([m, 20, 30], 60);
      expect(values).toContain(m);
      expect(values.filter(small).length, `month ${m}`).toBeGreaterThan(1);
    }
  });

  test("month against its quarter, each month on its own, exhaustive over the other months 0–40: why months are published as a breakdown", () => {
    let checked = 0;
    const leaks: string[] = [];
    for (const m of range(1, 4))
      for (const y of range(0, 40))
        for (const z of range(0, 40)) {
          const values = consistentFirstMonths([m, y, z], 50);
          checked++;
          if (values.filter(small).length < 2) leaks.push(`${m},${y},${z}`);
        }
    // Published one by one beside the quarter, a small month can be pinned: these are why insights do not.
    expect(leaks).toContain("1,8,8"); // 10, 10 shown (8–12 each), quarter 17 shown as 15 (13–17): the others are at least 16, so the month is 1
    expect(leaks).toContain("4,7,7"); // 5, 5 shown (5–7 each), quarter 18 shown as 20 (18–22): the month is 4
    expect(leaks.length / checked).toBeLessThan(0.02); // 102 of 6,724 when written
  });

  test("months as insights publish them (a breakdown of the quarter), exhaustive over 0–40: a small month always stays ambiguous in 1–4", () => {
    const publish = (m: number, y: number, z: number) => key(publishBreakdown({ first: m, second: y, third: z }));
    const firstMonths = new Map<string, Set<number>>();
    for (const m of range(0, 50)) for (const y of range(0, 50)) for (const z of range(0, 50)) {
      const k = publish(m, y, z);
      firstMonths.set(k, (firstMonths.get(k) ?? new Set()).add(m));
    }
    let checked = 0;
    const leaks: string[] = [];
    for (const m of range(1, 4))
      for (const y of range(0, 40))
        for (const z of range(0, 40)) {
          checked++;
          if ([...firstMonths.get(publish(m, y, z))!].filter(small).length < 2) leaks.push(`${m},${y},${z}`);
        }
    expect(leaks).not.toContain("1,8,8");
    expect(leaks).not.toContain("4,7,7");
    expect(leaks).not.toContain("1,1,5");
    expect(checked).toBe(6724);
    expect(leaks).toEqual([]);
  });

  test("two rolling 12-month totals a month apart, and both end months: the small new month stays ambiguous, except the KNOWN LEAKS", () => {
    let checked = 0;
    const leaks: string[] = [];
    // Y1 = old + rest, Y2 = rest + new; published: Y1, Y2, old and new. Target: new, true 1–4.
    for (const fresh of range(1, 4))
      for (const old of range(0, 20))
        for (const rest of range(0, 60)) {
          const y1 = key(publishCount(old + rest));
          const y2 = key(publishCount(rest + fresh));
          const values = new Set<number>();
          for (const f of preimage(publishCount(fresh), 10))
            for (const o of preimage(publishCount(old), 25))
              for (const r of range(0, 70)) if (key(publishCount(o + r)) === y1 && key(publishCount(r + f)) === y2) values.add(f);
          checked++;
          if (values.size < 2) leaks.push(`${fresh},${old},${rest}`);
        }
    expect(leaks).toContain("1,7,6"); // KNOWN LEAK: old month 7 (shown 5), year 13 (shown 15), new year 7 (shown 5): the new month is 1
    expect(leaks.length / checked).toBeLessThan(0.02); // 70 of 5,124 when written
  });
});

describe("attack: differencing two breakdowns of the same requests", () => {
  test("by need (3 categories, 0–20) and by age band (2 bands) with the same total: a small need stays ambiguous, except the KNOWN LEAKS", () => {
    const leaks: string[] = [];
    const needOut = (a: number, b: number, c: number) => key(publishBreakdown({ talk: a, therapy: b, police: c }));
    const ageOut = (x: number, y: number) => key(publishBreakdown({ under16: x, over16: y }));
    // Attacker's tables: which totals each age publication allows; which (talk, total) each need publication allows.
    const ageTotals = new Map<string, Set<number>>();
    for (const x of range(0, 60)) for (const y of range(0, 60)) {
      const k = ageOut(x, y);
      ageTotals.set(k, (ageTotals.get(k) ?? new Set()).add(x + y));
    }
    const needTalks = new Map<string, Map<number, Set<number>>>();
    for (const a of range(0, 20)) for (const b of range(0, 20)) for (const c of range(0, 20)) {
      const k = needOut(a, b, c);
      const byTotal = needTalks.get(k) ?? new Map<number, Set<number>>();
      byTotal.set(a + b + c, (byTotal.get(a + b + c) ?? new Set()).add(a));
      needTalks.set(k, byTotal);
    }
    let checked = 0;
    for (const a of range(1, 4))
      for (const b of range(0, 15))
        for (const c of range(0, 15)) {
          const total = a + b + c;
          const byTotal = needTalks.get(needOut(a, b, c))!;
          for (const x of range(0, total)) {
            const totals = ageTotals.get(ageOut(x, total - x))!;
            const talks = new Set<number>();
            for (const [t, as] of byTotal) if (totals.has(t)) as.forEach((v) => talks.add(v));
            if ([...talks].filter(small).length < 2) leaks.push(`${a},${b},${c};${x}`);
            checked++;
          }
        }
    expect(checked).toBeGreaterThan(5000);
    expect(leaks).not.toContain("4,0,4;0"); // closed with the 1-D case
    // KNOWN LEAK: talk 1, therapy 13, police 0 (not shown); the ages (7 and 7, shown 5 and 5) narrow the total to 13–14, so therapy is 13 and talk 1.
    expect(leaks).toContain("1,13,0;7");
    expect(leaks.length / checked).toBeLessThan(0.001); // 1 of 18,944 when written (101 before)
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
