/**
 * Disclosure control for commissioner insights: the ONE place where the rules live.
 *
 * Decision record (issue 12). Commissioners see counts about requests for support from
 * children and survivors of sexual abuse, for an area and a period. No number we publish may
 * let anyone pick out a person, on its own or put beside any other number we publish. The
 * defence has six parts, and each one covers a hole the others leave:
 *
 * 1. Small counts are not shown. A true count from 1 to 4 is published as "fewer than 5"
 *    (`{ suppressed: true }`). A true 0 is published as 0: saying nobody asked reveals nobody.
 *
 * 2. Every other count is rounded to the nearest 5 (5, 10, 15…): 7 is shown as 5, 8 as 10, and a
 *    value exactly half way (12.5) would round up. Counts are whole numbers, so that never
 *    happens in practice. A total is rounded from its own true value, never added up from rounded
 *    cells. Rounding is what defeats differencing: subtracting one published number from another
 *    (a month from the quarter that holds it, one breakdown from another with the same total,
 *    the other cells from a total) gives a range, not a number: every published number is 0, a
 *    multiple of 5 or hidden, so no subtraction of published numbers lands on 1 to 4, and in most
 *    tables a hidden cell stays uncertain across at least two of 1 to 4 (but see what is left,
 *    below).
 *
 * 3. Secondary suppression, on top of rounding. In a breakdown with a published total (a list
 *    of categories and a total, the months of a quarter and the quarter, or the rows and columns
 *    of a table and their totals), a line whose hidden cells are all small ones, or that has
 *    exactly one hidden cell, gets one more hidden: the LAST cell still shown, whatever its
 *    value, 0 included. A cell hidden this way is labelled "not shown" (it is 0 or 5 or more, and
 *    nobody can bound it from above), and the choice depends only on which cells are hidden for
 *    being small, which the line shows anyway: choosing the smallest cell, as this module first
 *    did, told an attacker that the hidden one was at most the others, and a 0 was never chosen,
 *    so "not shown" meant 5 or more and the total could still pin the small ones. If nothing is
 *    left to hide, the total is hidden. Under a small total (1 to 4, hidden) every cell is shown
 *    as "fewer than 5", 0s too (0 is fewer than 5): otherwise four of "fewer than 5" under a total
 *    of at most 4 could only be four 1s. This repeats over every line until nothing changes.
 *
 * 4. Shares (percentages) are worked out only from published numbers, never from true counts:
 *    published part over published whole, to the whole percent, and no share at all when either
 *    is hidden or the whole is 0. A share from true counts could be turned back into the count.
 *
 * 5. Times (days from a request to first contact, or to support starting) come from a
 *    histogram of days, kept in bands (request-stats.ts DAY_BANDS: a day is counted under the
 *    last day of its band, so a time reads "within N days"). The median is published only when at least 5 people are counted,
 *    the 90th percentile only when at least 10; the number of people follows the count rules.
 *    Percentile p is the smallest day d for which the people counted up to and including d
 *    reach ceil(p × total).
 *
 * 6. Periods are fixed, not chosen freely: whole calendar months, calendar quarters and the 12
 *    months ending with a month. Periods that can be shifted a day at a time would let anyone
 *    difference two nearly equal windows; fixed ones only ever overlap in whole months, and
 *    that is what rounding is there to absorb. This module gives the months of each period
 *    (`periodMonths`); which periods are offered is decided where insights are served.
 *
 * What is left, found by the exhaustive attacks in tests/unit/disclosure.test.ts: a small cell
 * can still be pinned when the total's band and a shown cell's band leave no room for "not
 * shown" to be 5 or more, so it must be 0 (1, 1, 5, 0 under a total of 7 shown as 5 gives the
 * two 1s away). Of every hidden small cell in all breakdowns of four categories from 0 to 12,
 * 12 of 8,192 (0.15%) are pinned (80 before rule 3 took its present form); of 2×2 tables from 0 to 14,
 * 64 of 16,000 (0.4%, from 732); of two breakdowns of the same requests, 1 of 18,944 (from 101);
 * a month against its quarter, none. Insights publish only 1-D breakdowns and counts with no
 * total. Closing the rest needs an audit of what the published figures imply that does not
 * itself give away why it hid something, or noise (as the ONS's cell-key method adds).
 *
 * Everything here is pure: no I/O and no dependencies.
 */

/** The smallest true count shown as a number (other than 0). */
export const FEWEST_SHOWN = 5;
/** Every shown count (other than 0) is rounded to a multiple of this. */
export const ROUNDED_TO = 5;
/** The fewest people counted for a median of days to be shown. */
export const FEWEST_FOR_MEDIAN = 5;
/** The fewest people counted for a 90th percentile of days to be shown. */
export const FEWEST_FOR_P90 = 10;

/**
 * One published number: a value (0 or a multiple of 5), or hidden. `secondary` marks a cell
 * hidden to protect a small one elsewhere in its row or column, not because it is small itself.
 */
export type Published = { value: number } | { suppressed: true; secondary?: true };

const HIDDEN_SMALL: Published = Object.freeze({ suppressed: true }) as Published;

function checkCount(n: number, what = "A count"): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number, 0 or more (got ${n}).`);
}

/** Rounds a true count >= 5 to the nearest multiple of 5, half way rounding up. */
const roundToFive = (n: number) => Math.floor(n / ROUNDED_TO + 0.5) * ROUNDED_TO;

/** A single true count as published: 0 stays 0, 1 to 4 is hidden, anything else is rounded to the nearest 5. */
export function publishCount(n: number): Published {
  checkCount(n);
  if (n === 0) return { value: 0 };
  if (n < FEWEST_SHOWN) return { suppressed: true };
  return { value: roundToFive(n) };
}

/** "fewer than 5", "not shown" (hidden to protect another cell) or the number, e.g. "15". */
export const inWords = (p: Published): string =>
  "value" in p ? String(p.value) : p.secondary ? "not shown" : `fewer than ${FEWEST_SHOWN}`;

/** The published value, or undefined when hidden. */
export const shownValue = (p: Published): number | undefined => ("value" in p ? p.value : undefined);

// ---- secondary suppression -------------------------------------------------------------------

type Entry = { count: number; published: Published };
/** A line of cells that add up to a total: a 1-D breakdown, a row, a column, or a line of totals. */
type Line = { cells: number[]; total: number };

const isHidden = (e: Entry) => !("value" in e.published);

const isSecondary = (e: Entry) => "suppressed" in e.published && e.published.secondary === true;

/**
 * Secondary suppression over entries (cells and totals) joined by lines. Until nothing changes,
 * a line whose total is shown gets one more cell hidden as "not shown" when it has exactly one
 * hidden cell, or when every hidden cell in it is a small one: its smallest non-zero shown cell,
 * else one of its shown 0s, else its total. So every small cell shares its line with a "not
 * shown" one, whose true value (0, or 5 or more) nobody can bound from above, and the line's
 * total no longer pins the small ones. Whether a line gets one depends only on which cells are
 * hidden for being small, which the published line shows anyway, never on their values.
 */
function suppressSecondary(entries: Entry[], lines: Line[]): void {
  const hide = (e: Entry) => {
    e.published = { suppressed: true, secondary: true };
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const total = entries[line.total]!;
      // A small total: its 0s are shown as "fewer than 5" too (which 0 is), or counting the cells
      // that are not 0 would give them away: four of "fewer than 5" under a total of at most 4
      // could only be four 1s.
      if (isHidden(total) && !isSecondary(total)) {
        for (const cell of line.cells.map((i) => entries[i]!)) {
          if (isHidden(cell)) continue;
          cell.published = HIDDEN_SMALL;
          changed = true;
        }
        continue;
      }
      if (isHidden(total)) continue;
      const cells = line.cells.map((i) => entries[i]!);
      const hidden = cells.filter(isHidden);
      if (hidden.length === 0 || (hidden.length > 1 && hidden.some(isSecondary))) continue;
      hide(cells.findLast((cell) => !isHidden(cell)) ?? total);
      changed = true;
    }
  }
}

const entry = (count: number): Entry => ({ count, published: publishCount(count) });

/**
 * A one-dimensional breakdown (categories and their total) as published: each count and the
 * total by the count rules, the total rounded from its true value, and a second category hidden
 * whenever exactly one would be.
 */
export function publishBreakdown(counts: Record<string, number>): { cells: Record<string, Published>; total: Published } {
  const keys = Object.keys(counts);
  for (const key of keys) checkCount(counts[key]!, `The count for "${key}"`);
  const entries = keys.map((key) => entry(counts[key]!));
  const total = entries.reduce((sum, e) => sum + e.count, 0);
  entries.push(entry(total));
  suppressSecondary(entries, [{ cells: keys.map((_, i) => i), total: keys.length }]);
  return {
    cells: Object.fromEntries(keys.map((key, i) => [key, entries[i]!.published])),
    total: entries[keys.length]!.published,
  };
}

/**
 * A two-dimensional table (rows × columns of true counts) as published, with row totals,
 * column totals and a grand total, each rounded from its true value, and secondary suppression
 * over rows, columns and both lines of totals.
 */
export function publishTable(counts: number[][]): {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  total: Published;
} {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  counts.forEach((row, r) => {
    if (row.length !== columns) throw new Error(`Every row of a table must have ${columns} cells (row ${r + 1} has ${row.length}).`);
    row.forEach((n, c) => checkCount(n, `The count in row ${r + 1}, column ${c + 1}`));
  });
  // Entries: cells row by row, then row totals, then column totals, then the grand total.
  const cellAt = (r: number, c: number) => r * columns + c;
  const rowTotalAt = (r: number) => rows * columns + r;
  const columnTotalAt = (c: number) => rows * columns + rows + c;
  const grandAt = rows * columns + rows + columns;
  const entries: Entry[] = [];
  for (const row of counts) for (const n of row) entries.push(entry(n));
  for (const row of counts) entries.push(entry(row.reduce((a, b) => a + b, 0)));
  for (let c = 0; c < columns; c++) entries.push(entry(counts.reduce((sum, row) => sum + row[c]!, 0)));
  entries.push(entry(counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0)));

  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const lines: Line[] = [
    ...range(rows).map((r) => ({ cells: range(columns).map((c) => cellAt(r, c)), total: rowTotalAt(r) })),
    ...range(columns).map((c) => ({ cells: range(rows).map((r) => cellAt(r, c)), total: columnTotalAt(c) })),
    { cells: range(rows).map(rowTotalAt), total: grandAt },
    { cells: range(columns).map(columnTotalAt), total: grandAt },
  ];
  suppressSecondary(entries, lines);
  return {
    cells: range(rows).map((r) => range(columns).map((c) => entries[cellAt(r, c)]!.published)),
    rowTotals: range(rows).map((r) => entries[rowTotalAt(r)]!.published),
    columnTotals: range(columns).map((c) => entries[columnTotalAt(c)]!.published),
    total: entries[grandAt]!.published,
  };
}

/**
 * A share, as a whole percent, worked out only from published numbers: undefined when the part
 * or the whole is hidden, or the whole is 0.
 */
export function shareOf(part: Published, whole: Published): number | undefined {
  if (!("value" in part) || !("value" in whole) || whole.value === 0) return undefined;
  return Math.round((part.value / whole.value) * 100);
}

/**
 * Days from a histogram (whole days → how many people) as published: how many people, by the
 * count rules; the median only when at least 5 are counted; the 90th percentile only when at
 * least 10.
 */
export function publishDays(histogram: Record<number, number>): { count: Published; median?: number; p90?: number } {
  const days = Object.entries(histogram).map(([day, n]) => {
    const d = Number(day);
    if (!Number.isInteger(d) || d < 0) throw new Error(`A number of days must be a whole number, 0 or more (got ${day}).`);
    checkCount(n, `The count for day ${day}`);
    return [d, n] as const;
  });
  days.sort((a, b) => a[0] - b[0]);
  const total = days.reduce((sum, [, n]) => sum + n, 0);
  // Percent as a whole number keeps the rank exact: ceil(90 × 30 / 100) is 27, not 28.
  const percentile = (percent: number) => {
    const rank = Math.ceil((percent * total) / 100);
    let seen = 0;
    for (const [d, n] of days) {
      seen += n;
      if (seen >= rank) return d;
    }
    throw new Error("unreachable: the rank is never more than the total");
  };
  const result: { count: Published; median?: number; p90?: number } = { count: publishCount(total) };
  if (total >= FEWEST_FOR_MEDIAN) result.median = percentile(50);
  if (total >= FEWEST_FOR_P90) result.p90 = percentile(90);
  return result;
}

// ---- fixed periods ----------------------------------------------------------------------------

export type PeriodKind = "month" | "quarter" | "year";
export type Period = { kind: PeriodKind; month: string };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthName = (year: number, month: number) => `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;

/**
 * The calendar months ("YYYY-MM") a fixed period covers, oldest first: a month is itself; a
 * quarter is the calendar quarter holding the month; a year is the 12 months ending with it.
 */
export function periodMonths(period: Period): string[] {
  const match = MONTH.exec(period?.month ?? "");
  if (!match) throw new Error(`A period needs a month written as YYYY-MM, such as 2026-02 (got "${period?.month}").`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  switch (period.kind) {
    case "month":
      return [monthName(year, month)];
    case "quarter": {
      const first = month - ((month - 1) % 3);
      return [0, 1, 2].map((i) => monthName(year, first + i));
    }
    case "year":
      return Array.from({ length: 12 }, (_, i) => {
        const index = year * 12 + (month - 1) - 11 + i;
        return monthName(Math.floor(index / 12), (index % 12) + 1);
      });
    default:
      throw new Error(`A period is a month, a quarter or a year (got "${String((period as { kind: unknown }).kind)}").`);
  }
}
