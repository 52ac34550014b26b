import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  FEWEST_SHOWN,
  inWords,
  MAX_NOISE,
  periodMonths,
  publishCount as publishCountWith,
  publishCounts,
  publishDays,
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

/** One breakdown on its own (categories and their total), as insights publish each line. */
function publishBreakdownWith(counts: Record<string, number>, noise: Noise): { cells: Record<string, Published>; total: Published } {
  const names = Object.keys(counts);
  const total = names.reduce((t, name) => t + counts[name]!, 0);
  const out = publishCounts(new Map([...names.map((name): [string, number] => [`cell.${name}`, counts[name]!]), ["total", total]]), [{ cells: names.map((name) => `cell.${name}`), total: "total" }], noise);
  return { cells: Object.fromEntries(names.map((name) => [name, out.get(`cell.${name}`)!])), total: out.get("total")! };
}

// The count rules are tested without noise, so each number is known; the attacks try every noise.
const exact: Noise = () => 0;
const publishCount = (n: number) => publishCountWith("a count", n, exact);
const publishBreakdown = (counts: Record<string, number>) => publishBreakdownWith(counts, exact);

/** One change for each different published number noise (up to `most`) can make of a count: -3, -2 and -1 all turn 7 into 5. */
function changesFor(n: number, most = MAX_NOISE): number[] {
  const byOutcome = new Map<string, number>();
  for (let change = -most; change <= most; change++) {
    const k = key(publishCountWith("a count", n, () => change));
    if (!byOutcome.has(k)) byOutcome.set(k, change);
  }
  return [...byOutcome.values()];
}

/**
 * Every output `publish` can give, whatever the secret: the attacker knows every rule and only
 * not the secret, so tries every change for every count the output was worked out from. A count
 * is asked its change under its key (rule 7): one key, one change, however often it is asked.
 */
function everyOutput(publish: (noise: Noise) => unknown, changes: (n: number) => number[] = changesFor): string[] {
  const asked = new Map<string, number>();
  publish((k, n) => (asked.set(k, n), 0));
  const keys = [...asked.keys()];
  const outputs = new Set<string>();
  const chosen = new Map<string, number>();
  const pick = (i: number) => {
    if (i === keys.length) return void outputs.add(key(publish((k) => chosen.get(k)!)));
    for (const change of changes(asked.get(keys[i]!)!)) {
      chosen.set(keys[i]!, change);
      pick(i + 1);
    }
  };
  pick(0);
  return [...outputs];
}

/** Which outputs each possible truth can give: the attacker's table, from output back to every truth that gives it. */
function attackerTable<T>(truths: T[], publish: (truth: T, noise: Noise) => unknown, changes: (n: number) => number[] = changesFor): Map<string, T[]> {
  const seen = new Map<string, T[]>();
  for (const t of truths) for (const out of everyOutput((noise) => publish(t, noise), changes)) seen.set(out, [...(seen.get(out) ?? []), t]);
  return seen;
}

/** The control: no noise at all, through the same attacker, to show each attack finds what rounding alone leaves. */
const NO_NOISE = () => [0];

/** All true counts in [0, max] that can publish as `p`, whatever the noise: what an attacker learns about a count from its published form. */
const preimage = (p: Published, max: number) => range(0, max).filter((n) => everyOutput((noise) => publishCountWith("a count", n, noise)).includes(key(p)));

/** Random breakdowns, biased toward the small counts that matter, and random secrets. */
const count = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 80 }));
const breakdowns = fc.dictionary(fc.constantFrom("talk", "therapy", "police", "health", "family", "other"), count, { minKeys: 1 });
/** A secret's noise: a change from -3 to 3 for each count under each key, the same every time it is asked. */
const secrets = fc.func(fc.integer({ min: -MAX_NOISE, max: MAX_NOISE })).map((f): Noise => (k, n) => f(k, n));

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
      for (const out of everyOutput((noise) => publishCountWith("a count", n, noise))) {
        const p = JSON.parse(out) as Published;
        const consistent = preimage(p, 170);
        expect(consistent.length).toBeGreaterThanOrEqual(valueOf(p) === 5 ? 6 : 11);
        expect(consistent).toContain(n);
      }
    }
  });

  test("noise moves a count by at most 3 before rounding, never below 5, and is refused when it is not a whole number from -3 to 3", () => {
    const changes = range(-MAX_NOISE, MAX_NOISE);
    expect(changes.map((change) => valueOf(publishCountWith("a count", 7, () => change)))).toEqual([5, 5, 5, 5, 10, 10, 10]);
    // 5 less 3 would round to 0, which means nobody: it is shown as 5.
    expect(changes.map((change) => valueOf(publishCountWith("a count", 5, () => change)))).toEqual([5, 5, 5, 5, 5, 5, 10]);
    expect(publishCountWith("a count", 3, () => 3)).toEqual({ suppressed: true });
    expect(publishCountWith("a count", 0, () => 3)).toEqual({ value: 0 });
    for (const change of [4, -4, 0.5, Number.NaN]) expect(() => publishCountWith("a count", 9, () => change)).toThrow(/Noise must be a whole number from -3 to 3/);
  });

  test("each count is asked its noise under its own key, and a count in two lines is one count", () => {
    const asked: string[] = [];
    const counts = new Map([["a", 7], ["b", 7], ["total", 14], ["c", 14], ["d", 0]]);
    const out = publishCounts(counts, [{ cells: ["a", "b"], total: "total" }, { cells: ["total", "d"], total: "c" }], (k) => (asked.push(k), k === "a" ? 3 : 0));
    expect(asked.sort()).toEqual(["a", "b", "c", "total"]);
    expect([out.get("a"), out.get("b")]).toEqual([{ value: 10 }, { value: 5 }]);
    expect(() => publishCounts(counts, [{ cells: ["a", "e"], total: "total" }], exact)).toThrow(/"e"/);
  });
});

describe("one count in several lines (a page's tables)", () => {
  test("a count hidden to protect a small one in one line is hidden in every line it is in", () => {
    // Services' requests in one table (one small, so the last shown is "not shown"), and the same service's requests again elsewhere.
    const counts = new Map([["routes.a", 3], ["routes.b", 20], ["routes", 23], ["started.b", 6], ["b", 26]]);
    const out = publishCounts(counts, [{ cells: ["routes.a", "routes.b"], total: "routes" }, { cells: ["routes.b", "started.b"], total: "b" }], exact);
    expect(out.get("routes.a")).toEqual({ suppressed: true });
    expect(out.get("routes.b")).toEqual({ suppressed: true, secondary: true });
    // The second line now has one hidden cell, so it gets another: its total would give routes.b back.
    expect(out.get("started.b")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("b")).toEqual({ value: 25 });
  });

  test("a small total hides every cell of every line it is the total of", () => {
    const counts = new Map([["requests", 3], ["m1", 3], ["m2", 0], ["age.a", 0], ["age.b", 3]]);
    const out = publishCounts(counts, [{ cells: ["m1", "m2"], total: "requests" }, { cells: ["age.a", "age.b"], total: "requests" }], exact);
    expect([...out.values()]).toEqual(Array(5).fill({ suppressed: true }));
  });

  test("a total hidden in one line is hidden in all, and the lines it is a cell of protect it", () => {
    // All three askers are small, so their total (the requests) is "not shown". The months of the
    // same requests then have one hidden member, their total, so one month goes too.
    const counts = new Map([["self", 4], ["parent", 4], ["survivor", 4], ["requests", 12], ["m1", 6], ["m2", 6], ["year", 40], ["other", 28]]);
    const out = publishCounts(
      counts,
      [
        { cells: ["self", "parent", "survivor"], total: "requests" },
        { cells: ["m1", "m2"], total: "requests" },
        { cells: ["requests", "other"], total: "year" },
      ],
      exact,
    );
    expect(out.get("requests")).toEqual({ suppressed: true, secondary: true });
    expect([out.get("m1"), out.get("m2")]).toEqual([{ value: 5 }, { suppressed: true, secondary: true }]);
    // Shown beside the year, "other" would give the requests back: it is hidden too.
    expect(out.get("other")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("year")).toEqual({ value: 40 });
  });

  test("a total hidden in one line is not given back by another line whose cells are all shown", () => {
    // Five places people were sent, 4 each, so the declines' total is "not shown"; every decline had the same reason.
    const counts = new Map([["to.a", 4], ["to.b", 4], ["to.c", 4], ["to.d", 4], ["to.e", 4], ["declined", 20], ["why.full", 20], ["why.age", 0]]);
    const out = publishCounts(counts, [{ cells: ["to.a", "to.b", "to.c", "to.d", "to.e"], total: "declined" }, { cells: ["why.full", "why.age"], total: "declined" }], exact);
    expect(out.get("declined")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("why.age")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("why.full")).toEqual({ value: 20 });
  });

  test("the cell hidden to protect another is one listed whatever the data, never a row there only because someone was counted in it", () => {
    // Two of the area's services, then one elsewhere that people here asked (its row is there because it is not 0).
    const counts = new Map([["own.a", 3], ["own.b", 20], ["elsewhere", 6], ["routes", 29]]);
    const line = { cells: ["own.a", "own.b", "elsewhere"], total: "routes", listed: ["own.a", "own.b"] };
    const out = publishCounts(counts, [line], exact);
    expect(out.get("own.b")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("elsewhere")).toEqual({ value: 5 });
    // With nothing listed (places people were sent), the total goes instead; and since another
    // line could bound a hidden total, so does the last cell shown, even one there because it is not 0.
    const sent = publishCounts(counts, [{ ...line, listed: [] }], exact);
    expect([sent.get("own.b"), sent.get("elsewhere"), sent.get("routes")]).toEqual([{ value: 20 }, { suppressed: true, secondary: true }, { suppressed: true, secondary: true }]);
  });

  test("whatever the counts and lines, no line has just one hidden member (cell or total), and no small count is shown", () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 3, maxLength: 8 }), fc.array(fc.array(fc.nat(7), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), secrets, (ns, lineCells, noise) => {
        // Cells are the first counts; each line's total is its own count, the sum of its cells.
        const counts = new Map(ns.map((n, i): [string, number] => [`c${i}`, n]));
        const lines = lineCells.map((cells, l) => {
          const unique = [...new Set(cells.map((i) => `c${i % ns.length}`))];
          counts.set(`t${l}`, unique.reduce((t, k) => t + counts.get(k)!, 0));
          return { cells: unique, total: `t${l}` };
        });
        const out = publishCounts(counts, lines, noise);
        for (const [k, n] of counts) if (small(n)) expect(hidden(out.get(k)!)).toBe(true);
        for (const line of lines) expect([...line.cells, line.total].filter((k) => hidden(out.get(k)!)).length).not.toBe(1);
      }),
      { numRuns: 500 },
    );
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
    const attack = (changes: (n: number) => number[]) => {
      const seen = attackerTable(all, publish, changes);
      let checked = 0;
      const leaks: string[] = [];
      for (const t of all) {
        if (t.some((n) => n > 8)) continue; // away from the attacker's edge of knowledge
        for (const out of everyOutput((noise) => publish(t, noise), changes)) {
          const consistent = seen.get(out)!;
          t.forEach((n, i) => {
            if (!small(n)) return;
            checked++;
            if (new Set(consistent.map((u) => u[i]!).filter(small)).size < 2) leaks.push(key(t));
          });
        }
      }
      return { checked, leaks };
    };
    // The control: rounding alone gives [1, 1, 5, 0] away (12 of 8,192 hidden small cells are pinned).
    expect(attack(NO_NOISE).leaks).toContain("[1,1,5,0]");
    const { checked, leaks } = attack(changesFor);
    expect(checked).toBeGreaterThan(10_000);
    expect(leaks).toEqual([]);
  });
});

describe("attack: differencing periods, whatever the secret", () => {
  /** Months published on their own beside the quarter, or as a breakdown of it (as insights do). */
  const onTheirOwn = ([m, y, z]: number[], noise: Noise) => [["first", m!], ["second", y!], ["third", z!], ["quarter", m! + y! + z!]].map(([k, n]) => publishCountWith(k as string, n as number, noise));
  const asBreakdown = ([m, y, z]: number[], noise: Noise) => publishBreakdownWith({ first: m!, second: y!, third: z! }, noise);

  /** Small first months (true 1–4, the others 0–`upTo`) pinned, from an attacker who knows every month is 0–`max`. */
  function pinnedFirstMonths(publish: (months: number[], noise: Noise) => unknown, upTo: number, max: number, changes = changesFor): { checked: number; leaks: string[] } {
    const all: number[][] = [];
    for (const m of range(0, max)) for (const y of range(0, max)) for (const z of range(0, max)) all.push([m, y, z]);
    const seen = attackerTable(all, publish, changes);
    const leaks: string[] = [];
    let checked = 0;
    for (const m of range(1, 4))
      for (const y of range(0, upTo))
        for (const z of range(0, upTo))
          for (const out of everyOutput((noise) => publish([m, y, z], noise), changes)) {
            checked++;
            if (new Set(seen.get(out)!.map(([first]) => first!).filter(small)).size < 2) leaks.push(`${m},${y},${z}`);
          }
    return { checked, leaks };
  }

  test("month against its quarter, each month on its own (months 0–16): the noise closes what rounding alone left", () => {
    // The control: rounding alone, months 10 and 10 shown (8–12 each) and the quarter 17 shown as 15 (13–17), says the small month is 1.
    expect(pinnedFirstMonths(onTheirOwn, 16, 24, NO_NOISE).leaks).toContain("1,8,8");
    const { checked, leaks } = pinnedFirstMonths(onTheirOwn, 16, 24);
    expect(checked).toBeGreaterThan(2000);
    expect(leaks).toEqual([]);
  });

  test("months as insights publish them (a breakdown of the quarter), months 0–16: a small month always stays ambiguous in 1–4", () => {
    const { checked, leaks } = pinnedFirstMonths(asBreakdown, 16, 24);
    expect(checked).toBeGreaterThan(2000);
    expect(leaks).toEqual([]);
  });

  test("two rolling 12-month totals a month apart, and both end months: the small new month stays ambiguous", () => {
    // Y1 = old + rest, Y2 = rest + new; published: Y1, Y2, old and new. Target: new, true 1–4.
    const publish = ([fresh, old, rest]: number[], noise: Noise) =>
      [["year1", old! + rest!], ["year2", rest! + fresh!], ["old", old!], ["fresh", fresh!]].map(([k, n]) => publishCountWith(k as string, n as number, noise));
    const all: number[][] = [];
    for (const fresh of range(0, 10)) for (const old of range(0, 24)) for (const rest of range(0, 60)) all.push([fresh, old, rest]);
    const attack = (changes: (n: number) => number[]) => {
      const seen = attackerTable(all, publish, changes);
      const leaks: string[] = [];
      let checked = 0;
      for (const fresh of range(1, 4))
        for (const old of range(0, 16))
          for (const rest of range(0, 50))
            for (const out of everyOutput((noise) => publish([fresh, old, rest], noise), changes)) {
              checked++;
              if (new Set(seen.get(out)!.map(([f]) => f!).filter(small)).size < 2) leaks.push(`${fresh},${old},${rest}`);
            }
      return { checked, leaks };
    };
    // The control: rounding alone gives "1,7,6" away (old month 7 shown 5, year 13 shown 15, new year 7 shown 5).
    expect(attack(NO_NOISE).leaks).toContain("1,7,6");
    const { checked, leaks } = attack(changesFor);
    expect(checked).toBeGreaterThan(3000);
    expect(leaks).toEqual([]);
  });
});

describe("attack: differencing two breakdowns of the same requests, whatever the secret", () => {
  test("who asked (3 categories, 0–10) and age (2 bands), both adding up to the same requests: a small category stays ambiguous", () => {
    // As insights publish them: the requests are one count, the total of both lines.
    const publish = ([a, b, c, x]: number[], noise: Noise) => {
      const counts = new Map([["self", a!], ["parent", b!], ["survivor", c!], ["under16", x!], ["over16", a! + b! + c! - x!], ["requests", a! + b! + c!]]);
      return [...publishCounts(counts, [{ cells: ["self", "parent", "survivor"], total: "requests" }, { cells: ["under16", "over16"], total: "requests" }], noise)];
    };
    const all: number[][] = [];
    for (const a of range(0, 10)) for (const b of range(0, 10)) for (const c of range(0, 10)) for (const x of range(0, a + b + c)) all.push([a, b, c, x]);
    const attack = (changes: (n: number) => number[]) => {
      const seen = attackerTable(all, publish, changes);
      let checked = 0;
      const leaks: string[] = [];
      for (const t of all) {
        if (!small(t[0]!) || t[1]! > 7 || t[2]! > 7) continue;
        for (const out of everyOutput((noise) => publish(t, noise), changes)) {
          checked++;
          if (new Set(seen.get(out)!.map(([a]) => a!).filter(small)).size < 2) leaks.push(key(t));
        }
      }
      return { checked, leaks };
    };
    // No control here: with a line's one hidden member always given company, this attack finds
    // nothing even without noise. It stays as a guard on the rules (at most 2 of noise, under the
    // rule before, left three of 4 beside two ages of 6 pinned).
    const { checked, leaks } = attack(changesFor);
    expect(checked).toBeGreaterThan(5000);
    expect(leaks).toEqual([]);
  });
});

describe("attack: a total hidden in one line, bounded by another", () => {
  // Who asked (3) and a gender question (2 answers and "did not answer") add up to the same requests.
  const publish = ([a, b, c, g1, g2]: number[], noise: Noise) => {
    const requests = a! + b! + c!;
    const counts = new Map([["self", a!], ["child", b!], ["survivor", c!], ["girl", g1!], ["boy", g2!], ["unanswered", requests - g1! - g2!], ["requests", requests]]);
    return [...publishCounts(counts, [{ cells: ["self", "child", "survivor"], total: "requests" }, { cells: ["girl", "boy", "unanswered"], total: "requests" }], noise)];
  };

  test("three of 4 who asked beside 1, 1 and 10 who did not answer: the 10 is not shown, though the requests are hidden already", () => {
    const out = new Map(publish([4, 4, 4, 1, 1], exact));
    expect(out.get("requests")).toEqual({ suppressed: true, secondary: true });
    expect(out.get("unanswered")).toEqual({ suppressed: true, secondary: true });
  });

  test("exhaustive (who asked 0–6, the two answers 0–6), whatever the secret: a small one of who asked stays ambiguous", () => {
    const all: number[][] = [];
    for (const a of range(0, 6)) for (const b of range(0, 6)) for (const c of range(0, 6)) for (const g1 of range(0, 6)) for (const g2 of range(0, 6)) if (g1 + g2 <= a + b + c) all.push([a, b, c, g1, g2]);
    const seen = attackerTable(all, publish);
    let checked = 0;
    const leaks: string[] = [];
    for (const t of all) {
      if (!small(t[0]!) || t[1]! > 4 || t[2]! > 4 || t[3]! > 4 || t[4]! > 4) continue; // away from the attacker's edge of knowledge
      for (const out of everyOutput((noise) => publish(t, noise))) {
        checked++;
        if (new Set(seen.get(out)!.map(([a]) => a!).filter(small)).size < 2) leaks.push(key(t));
      }
    }
    expect(checked).toBeGreaterThan(2000);
    expect(leaks).toEqual([]);
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
  test("no one counted: no median or 90th percentile", () => {
    expect(publishDays({})).toEqual({});
  });

  test("4 people: no median", () => {
    expect(publishDays({ 1: 2, 9: 2 })).toEqual({});
  });

  test("5 people: the median (the 3rd) but no 90th percentile", () => {
    expect(publishDays({ 0: 1, 1: 1, 2: 1, 3: 1, 10: 1 })).toEqual({ median: 2 });
  });

  test("9 people: still no 90th percentile", () => {
    expect(publishDays({ 2: 4, 5: 4, 40: 1 })).toEqual({ median: 5 });
  });

  test("10 people: the 90th percentile is the 9th", () => {
    expect(publishDays({ 1: 8, 5: 1, 30: 1 })).toEqual({ median: 1, p90: 5 });
    expect(publishDays({ 1: 9, 30: 1 })).toEqual({ median: 1, p90: 1 });
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
