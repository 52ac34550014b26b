/**
 * Disclosure control for commissioner insights: the ONE place where the rules live.
 *
 * Decision record (issue 12). Commissioners see counts about requests for support from
 * children and survivors of sexual abuse, for an area and a period. No number we publish may
 * let anyone pick out a person, on its own or put beside any other number we publish. The
 * defence has seven parts, and each one covers a hole the others leave:
 *
 * 1. Small counts are not shown. A true count from 1 to 4 is published as "fewer than 5"
 *    (`{ suppressed: true }`). A true 0 is published as 0: saying nobody asked reveals nobody.
 *
 * 2. Every other count has a small secret change added, from -3 to +3 (rule 7), and is then
 *    rounded to the nearest 5 (5, 10, 15…), half way rounding up, and never shown below 5.
 *    Without the change, 7 is shown as 5 and 8 as 10; with it, 7 may be shown as 5 or as 10, and
 *    a shown 10 can be anything from 5 to 15. A published number is within 5 of the truth. A
 *    total is worked out from its own true value, never added up from published cells.
 *    This is what defeats differencing: subtracting one published number from another (a month
 *    from the quarter that holds it, one breakdown from another with the same total, the other
 *    cells from a total, one year from the year a month later) gives a range, not a number:
 *    every published number is 0, a multiple of 5 or hidden, so no subtraction of published
 *    numbers lands on 1 to 4, and a hidden cell stays uncertain across at least two of 1 to 4.
 *
 * 3. Secondary suppression, on top of rounding. Counts that add up to a total make a line (a
 *    list of categories and their total, or the months of a quarter and the quarter). A line
 *    with any cell hidden for being small, or with just one hidden member (a cell, or its total:
 *    the cells would add up to it), gets one more hidden: the LAST cell still shown, whatever its
 *    value, 0 included, else the total. A cell hidden this way is labelled "not shown" (it is 0 or 5 or more, and nobody can
 *    bound it from above), and the choice depends only on which cells are hidden, which the line
 *    shows anyway: choosing the smallest cell, as this module first did, told an attacker that
 *    the hidden one was at most the others, and a 0 was never chosen, so "not shown" meant 5 or
 *    more and the total could still pin the small ones. This holds under a hidden total too:
 *    another line can bound that total from below, and shown cells beside the small ones would
 *    then bound them (three of 4 who asked, beside a gender table of 1, 1 and 10 shown as 15,
 *    so at least 10, said all three were 4). Under a small total (1 to 4, hidden) every cell
 *    is shown as "fewer than 5", 0s too (0 is fewer than 5): otherwise four of "fewer than 5"
 *    under a total of at most 4 could only be four 1s. A page's counts are published together,
 *    each under a key of what it counts and over which months, so a count in several tables
 *    (the quarter's requests are the total of its months, of the ages and of who asked) is one
 *    entry: hidden in one, it is hidden in all, and the lines it is in are protected again until
 *    nothing changes. A cell that can only be 0 (nobody is asked it) is left out of its line,
 *    since hiding it would hide nothing.
 *
 * 4. Shares (percentages) are worked out only from published numbers, never from true counts:
 *    published part over published whole, to the whole percent, and no share at all when either
 *    is hidden or the whole is 0. A share from true counts could be turned back into the count.
 *
 * 5. Times (days from a request to first contact, or to support starting) come from a
 *    histogram of days, kept in bands (request-stats.ts DAY_BANDS: a day is counted under the
 *    last day of its band, so a time reads "within N days"). The median is published only when
 *    at least 5 people are counted, the 90th percentile only when at least 10, and only beside
 *    a shown count of the requests they are from (a time beside a hidden count would say it is
 *    at least 5).
 *    Percentile p is the smallest day d for which the people counted up to and including d
 *    reach ceil(p × total).
 *
 * 6. Periods are fixed, not chosen freely: whole calendar months, calendar quarters and the 12
 *    months ending with a month. Periods that can be shifted a day at a time would let anyone
 *    difference two nearly equal windows; fixed ones only ever overlap in whole months, and
 *    that is what rounding and noise are there to absorb. This module gives the months of each
 *    period (`periodMonths`); which periods are offered is decided where insights are served.
 *
 * 7. The change added before rounding is noise, as in the ONS's cell-key method, but keyed on
 *    what is counted rather than on the people in it: each count gets its change from a keyed
 *    hash of the count's key (whose it is: an area's, a service's or a set of services'; what
 *    it counts; over which months) and the true count, under a secret no commissioner sees
 *    (security/count-noise.ts). So the same count published
 *    twice (on the page and in the CSV, in two tables, a month in its quarter's table and on its
 *    own, today and tomorrow if nobody new has asked) reads the same both times, and looking again
 *    cannot average the noise away; and knowing one count's change (from figures of one's own)
 *    says nothing of another's. Nothing is kept per person for it.
 *
 *    What it does not stop, because the figures are live: looking again after a change. A cell
 *    that goes from 0 to "fewer than 5" between two readings says that someone with that answer
 *    asked in between; one that goes from "fewer than 5" to 5 was 4 (or near it). And someone
 *    who can add requests at will and watch one count could learn it by averaging what each new
 *    number shows. The way to close both is to publish only quarters that have ended, from
 *    figures frozen a set time after the end (issue 12's note says so); until then, requests
 *    made to learn a count reach real services, the public form is rate-limited, and every
 *    reading of insights is audited.
 *
 *    Rounding alone, rules 1 to 6, left small cells that could be pinned, found by the exhaustive
 *    attacks in tests/unit/disclosure.test.ts: when a total's band and a shown cell's band left
 *    no room for "not shown" to be 5 or more, it had to be 0 (1, 1, 5, 0 under a total of 7
 *    shown as 5 gave the two 1s away); two 12-month totals a month apart, with the month that
 *    left, could give the month that came; a month on its own beside its quarter could be
 *    pinned. With the noise, the attacks find none. The attacker in them knows every rule here
 *    and only not the secret, so tries every change, and a leak under any one secret fails the
 *    test; each attack is also run without noise where rounding alone leaves something, and
 *    finds it. With rule 3 as it is now, a change of at most 2 passes every attack too (before a
 *    line's lone hidden total was given company, it left three of 4 beside two ages of 6 pinned);
 *    3 is kept as a margin for the shapes of page the attacks do not try.
 *
 * Everything here is pure: no I/O and no dependencies. The noise comes in as a function.
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
 * hidden to protect a small one elsewhere in its breakdown, not because it is small itself.
 */
export type Published = { value: number } | { suppressed: true; secondary?: true };

function checkCount(n: number, what = "A count"): void {
  if (!Number.isInteger(n) || n < 0) throw new Error(`${what} must be a whole number, 0 or more (got ${n}).`);
}

/**
 * The secret change for a count (rule 7): a whole number from -MAX_NOISE to MAX_NOISE, the same
 * every time for the same true count under the same key (what it counts, and over which months).
 */
export type Noise = (key: string, count: number) => number;
/** The largest change noise adds to or takes from a count before it is rounded. */
export const MAX_NOISE = 3;

/** Rounds to the nearest multiple of 5, half way rounding up. */
const roundToFive = (n: number) => Math.floor(n / ROUNDED_TO + 0.5) * ROUNDED_TO;

/**
 * A single true count as published, before secondary suppression: 0 stays 0, 1 to 4 is hidden,
 * anything else has its noise added and is rounded to the nearest 5, and is never shown as less
 * than 5 (5 less 3 would round to 0, and 0 means nobody).
 */
export function publishCount(key: string, n: number, noise: Noise): Published {
  checkCount(n, `The count "${key}"`);
  if (n === 0) return { value: 0 };
  if (n < FEWEST_SHOWN) return { suppressed: true };
  const change = noise(key, n);
  if (!Number.isInteger(change) || Math.abs(change) > MAX_NOISE) throw new Error(`Noise must be a whole number from -${MAX_NOISE} to ${MAX_NOISE} (got ${change}).`);
  return { value: Math.max(FEWEST_SHOWN, roundToFive(n + change)) };
}

/** "fewer than 5", "not shown" (hidden to protect another cell) or the number, e.g. "15". */
export const inWords = (p: Published): string =>
  "value" in p ? String(p.value) : p.secondary ? "not shown" : `fewer than ${FEWEST_SHOWN}`;

// ---- secondary suppression -------------------------------------------------------------------

/**
 * Counts that add up to a total, each named by its key: a breakdown (categories and their
 * total), or the months of a quarter and the quarter. One count can be in several lines: the
 * requests of a quarter are the total of the months, of the ages and of who asked.
 */
export type Line = {
  cells: string[];
  total: string;
  /**
   * The cells listed whatever the data (a category of the list, a month), if not all of them. A
   * row there only because someone was counted in it (a place people were sent) is not one:
   * "not shown" there would mean 5 or more, so it is chosen only when no listed cell is left.
   */
  listed?: string[];
};

const isHidden = (p: Published) => !("value" in p);
const isSecondary = (p: Published) => "suppressed" in p && p.secondary === true;

/**
 * Every count of a page published together (rules 1 to 3 and 7): each by the count rules, with
 * its noise, then secondary suppression over every line until nothing changes. Because a count
 * is one entry however many tables show it, hiding it in one line hides it in all, and nobody
 * can read a cell hidden in one table from another. In a line with a small total (hidden, 1 to
 * 4), every cell is "fewer than 5", 0s too. Otherwise a line whose hidden cells are all small
 * (none "not shown" yet), or with just one hidden member (a cell, or its total), gets one more
 * hidden as "not shown": its last listed cell still shown, else its total. This holds under a hidden
 * total too, since another line may bound that total. Which cell depends only on which cells
 * are hidden, which the page shows anyway, never on their values.
 */
export function publishCounts(counts: ReadonlyMap<string, number>, lines: readonly Line[], noise: Noise): Map<string, Published> {
  const published = new Map([...counts].map(([key, n]) => [key, publishCount(key, n, noise)]));
  const of = (key: string) => {
    const p = published.get(key);
    if (!p) throw new Error(`A line names the count "${key}", which is not one of the counts.`);
    return p;
  };
  const notShown: Published = { suppressed: true, secondary: true };
  let changed = true;
  while (changed) {
    changed = false;
    for (const line of lines) {
      const total = of(line.total);
      if (isHidden(total) && !isSecondary(total)) {
        // Four of "fewer than 5" and a 0 under a total of at most 4 could only be four 1s.
        const shown = line.cells.filter((key) => !isHidden(of(key)));
        for (const key of shown) published.set(key, { suppressed: true });
        if (shown.length) changed = true;
        continue;
      }
      const hidden = line.cells.filter((key) => isHidden(of(key)));
      // One hidden member, cell or total, is the others' sum less the rest: it needs company.
      const alone = hidden.length + (isHidden(total) ? 1 : 0) === 1;
      // Small cells need a "not shown" beside them, even under a hidden total: another line can
      // bound that total, and shown cells here would then bound them (three of 4 beside 1, 1 and 10).
      const unguarded = hidden.length > 0 && hidden.every((key) => !isSecondary(of(key)));
      if (!alone && !unguarded) continue;
      const shownIn = (keys: string[]) => keys.findLast((key) => !isHidden(of(key)));
      const next = shownIn(line.listed ?? line.cells) ?? (isHidden(total) ? shownIn(line.cells) : line.total);
      if (next === undefined) continue;
      published.set(next, notShown);
      changed = true;
    }
  }
  return published;
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
 * Days from a histogram (whole days → how many people) as published: the median only when at
 * least 5 are counted, the 90th percentile only when at least 10. Insights show them only
 * beside a shown count of the requests they are from.
 */
export function publishDays(histogram: Record<number, number>): { median?: number; p90?: number } {
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
  const result: { median?: number; p90?: number } = {};
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
