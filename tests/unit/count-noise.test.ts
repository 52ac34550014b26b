import { describe, expect, test } from "vitest";
import { MAX_NOISE } from "../../functions/domain/disclosure";
import { countNoise } from "../../functions/security/count-noise";

const KEY = Buffer.alloc(32, 1);
const counts = Array.from({ length: 7000 }, (_, i) => i + 5);

describe("the noise on published counts", () => {
  test("is a whole number from -3 to 3, and the same every time for the same count in the same area", () => {
    const noise = countNoise(KEY, "E06000023");
    for (const n of counts) {
      const change = noise(n);
      expect(Number.isInteger(change) && Math.abs(change) <= MAX_NOISE).toBe(true);
      expect(countNoise(KEY, "E06000023")(n)).toBe(change);
    }
  });

  test("takes every change about equally often, so no change says more than another", () => {
    const noise = countNoise(KEY, "E06000023");
    const seen = new Map<number, number>();
    for (const n of counts) seen.set(noise(n), (seen.get(noise(n)) ?? 0) + 1);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    // 1,000 expected each. A fair seven-sided die lands outside 850–1,150 (five standard deviations) about once in a million tries.
    for (const times of seen.values()) {
      expect(times).toBeGreaterThan(850);
      expect(times).toBeLessThan(1150);
    }
  });

  test("differs between areas and between keys, so one area's noise says nothing of another's", () => {
    const here = counts.map(countNoise(KEY, "E06000023"));
    const there = counts.map(countNoise(KEY, "E06000024"));
    const otherKey = counts.map(countNoise(Buffer.alloc(32, 2), "E06000023"));
    const same = (a: number[], b: number[]) => a.filter((x, i) => x === b[i]).length / a.length;
    // Unrelated noise agrees about 1 time in 7.
    expect(same(here, there)).toBeLessThan(0.2);
    expect(same(here, otherKey)).toBeLessThan(0.2);
  });
});
