/** Small statistics and formatting helpers shared by the benchmarks. */

/** The p-th percentile (0–100) of the samples, by the nearest-rank method: always a measured value. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p95 and p99 of a set of timings, with how many there were. */
export type Summary = { n: number; p50: number; p95: number; p99: number; max: number };

/** Summarises timings in milliseconds. */
export function summarise(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** A figure compared with its budget, as the summary prints it. */
export type BudgetLine = { name: string; budget: string; measured: string; within: boolean; note?: string };

/** "within budget" or "OVER BUDGET", so the over ones stand out in a terminal. */
export const verdict = (within: boolean) => (within ? "within budget" : "OVER BUDGET");

/** Bytes as kilobytes of 1024 bytes, two decimals. */
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;

/** Milliseconds with two decimals. */
export const ms = (value: number) => `${value.toFixed(2)} ms`;

/** Renders rows as a plain-text table with padded columns; numbers-looking cells are right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = /^[\d.,\s%x×-]+(ms|KB|B|RCU)?$/;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.test(c) && c.trim() !== "" ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
