import { describe, expect, test } from "vitest";
import { MAX_NOISE } from "../../functions/domain/disclosure";
import { countNoise } from "../../functions/security/count-noise";

const KEY = Buffer.alloc(32, 1);
const counts = Array.from({ length: 7000 }, (_, i) => i + 5);
const WHAT = "area:E06000023/requests@2026-10..2026-12";

describe("the noise on published counts", () => {
  test("is a whole number from -3 to 3, and the same every time for the same count of the same thing", () => {
    const noise = countNoise(KEY);
    for (const n of counts) {
      const change = noise(WHAT, n);
      expect(Number.isInteger(change) && Math.abs(change) <= MAX_NOISE).toBe(true);
      expect(countNoise(KEY)(WHAT, n)).toBe(change);
    }
  });

  test("takes every change about equally often, so no change says more than another", () => {
    const noise = countNoise(KEY);
    const seen = new Map<number, number>();
    for (const n of counts) seen.set(noise(WHAT, n), (seen.get(noise(WHAT, n)) ?? 0) + 1);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    // 1,000 expected each. A fair seven-sided die lands outside 850–1,150 (five standard deviations) about once in a million tries.
    for (const times of seen.values()) {
      expect(times).toBeGreaterThan(850);
      expect(times).toBeLessThan(1150);
    }
  });

  test("differs between areas, between what is counted and between keys, so knowing one change says nothing of another", () => {
    const of = (key: Buffer, what: string) => counts.map((n) => countNoise(key)(what, n));
    const here = of(KEY, WHAT);
    const same = (other: number[]) => here.filter((x, i) => x === other[i]).length / here.length;
    // Unrelated noise agrees about 1 time in 7.
    expect(same(of(KEY, "area:E06000024/requests@2026-10..2026-12"))).toBeLessThan(0.2);
    expect(same(of(KEY, "area:E06000023/requests@2026-10..2026-10"))).toBeLessThan(0.2);
    expect(same(of(KEY, "area:E06000023/asker.self@2026-10..2026-12"))).toBeLessThan(0.2);
    expect(same(of(Buffer.alloc(32, 2), WHAT))).toBeLessThan(0.2);
  });
});
