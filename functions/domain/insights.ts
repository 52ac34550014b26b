import type { Service } from "./directory";
import { inWords, periodMonths, publishCounts, publishDays, shareOf, type Line, type Noise, type Published } from "./disclosure";
import { EQUALITY_ANSWERS, type EqualityQuestion } from "./equality-labels";
import { OUTCOME_STATEMENTS } from "./feedback-labels";
import { CLOSE_OUTCOMES, DECLINE_REASONS } from "./route-labels";
import { weekOf } from "./request-stats";
import { AGE_BANDS, ASKERS } from "./support-request-labels";
import { LANGUAGES, NEEDS, WORKER_GENDERS } from "./vocabulary";

/**
 * What a commissioner reads at /staff/insights/ (J8), built from the figures kept as events
 * happen (request-stats.ts, feedback.ts) and published only through disclosure.ts. Every table
 * has a one-sentence summary, and the page and the CSV show the same cells.
 *
 * Every count of people is named by a key of what it counts and over which months
 * (`need.therapy@2026-10..2026-12`), and the page's counts are published all together: one count
 * shown in two tables (a service's requests, the quarter's requests, the boys who asked) is one
 * entry, hidden in both or shown the same in both, and its noise is the same wherever and
 * whenever it is shown.
 */

export type Cell = Published | { text: string };
export type Row = { label: string; cells: Cell[]; total?: true };
export type Table = {
  id: string;
  title: string;
  summary: string;
  /** How the page draws it: bars of the first column, or none (a table alone). */
  chart: "bars" | "none";
  rowHeader: string;
  columns: string[];
  rows: Row[];
  note?: string;
};
export type Section = { id: "demand" | "access" | "gaps" | "equity" | "voice"; title: string; tables: Table[] };

type Counters = Record<string, number>;

/** The figures insights are built from: read in a fixed number of queries for an area and period. */
export type Figures = {
  months: string[];
  /** The four quarters ending with the period's last month: for outcomes over time. Each service's feedback is read for these. */
  trendMonths: string[];
  /** The area's request facts per month. */
  demand: Map<string, Counters>;
  /** Each service's routes from the area per month. */
  access: Map<string, Map<string, Counters>>;
  /** Each service's waiting now: days asked (not yet started) and days check-ins fall due. */
  now: Map<string, { open: { week: string; routes: number; waitingList: number }[]; checkIns: { week: string; due: number }[] }>;
  /** Who fed back in the area per month, and each service's feedback per month. */
  feedbackArea: Map<string, Counters>;
  feedbackService: Map<string, Map<string, Counters>>;
  /** The services that cover the area (and national ones), with those signposted to. */
  services: Service[];
  names: Map<string, string>;
  today: string;
  /** The area the figures are of: its counts' keys say it. */
  areaId: string;
  /** The secret noise (disclosure.ts rule 7): every count is published with it. */
  noise: Noise;
};

const DAY_MS = 24 * 60 * 60 * 1000;

function sum(maps: (Counters | undefined)[]): Counters {
  const out: Counters = {};
  for (const m of maps) for (const [k, n] of Object.entries(m ?? {})) out[k] = (out[k] ?? 0) + n;
  return out;
}

const overMonths = (byMonth: Map<string, Counters> | undefined, months: string[]) => sum(months.map((m) => byMonth?.get(m)));

/** The counters under one prefix, by what follows it: `age.11-13` → `{ "11-13": n }`. */
function under(counters: Counters, prefix: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(counters)) if (k.startsWith(`${prefix}.`)) out[k.slice(prefix.length + 1)] = n;
  return out;
}

/** Whole-day histograms kept as `reachedDays.<d>`: by day number. */
const daysOf = (counters: Counters, prefix: string) => Object.fromEntries(Object.entries(under(counters, prefix)).map(([d, n]) => [Number(d), n]));

const label = (labels: Record<string, string>, code: string) => labels[code] ?? (code === "not-given" ? "Not given" : code);

/** "October to December 2026" for the quarter starting "2026-10": the page's quarter choice and the trend's columns. */
export function quarterName(firstMonth: string): string {
  const words = (month: string, year: boolean) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", ...(year ? { year: "numeric" } : {}), timeZone: "UTC" });
  return `${words(firstMonth, false)} to ${words(periodMonths({ kind: "quarter", month: firstMonth })[2]!, true)}`;
}

const monthWords = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** "the most was X (about 15)" for the row with the largest published first cell, or that nothing can be shown. */
function largest(rows: Row[], what: string): string {
  const shown = rows.filter((r) => !r.total && "value" in r.cells[0]! && (r.cells[0] as { value: number }).value > 0);
  if (!shown.length) return `There are too few ${what} to say more without risking someone being recognised.`;
  const top = shown.reduce((a, b) => ((a.cells[0] as { value: number }).value >= (b.cells[0] as { value: number }).value ? a : b));
  return `The most was ${top.label} (about ${(top.cells[0] as { value: number }).value}).`;
}

/** The months a count covers, as its key says them: "2026-10..2026-12". */
const over = (months: string[]) => `${months[0]}..${months.at(-1)}`;

type Counting = ReturnType<typeof counting>;

/**
 * The counts of a page, each under its key, and the lines they add up in. buildInsights builds
 * the page twice: first to learn every count and line, then with them all published together.
 */
function counting(areaId: string, published?: Map<string, Published>) {
  const counts = new Map<string, number>();
  const lines: Line[] = [];
  // A key that says whose count it is stays as it is: one service's people wherever they live
  // ("service:<id>/waiting@now"), or the feedback of a set of services ("services:<ids>/fed@…"),
  // the same on every area's page that shows it. Any other count is of this area's requests.
  const scoped = (key: string) => (/^[a-z]+:/.test(key) ? key : `area:${areaId}/${key}`);
  function count(unscoped: string, n: number): Published {
    const key = scoped(unscoped);
    const had = counts.get(key);
    if (had !== undefined && had !== n) throw new Error(`The count "${key}" is ${had} in one table and ${n} in another.`);
    counts.set(key, n);
    if (!published) return { suppressed: true }; // the first build is only for the keys
    const p = published.get(key);
    if (!p) throw new Error(`The count "${key}" was not there when the page's counts were published.`);
    return p;
  }
  return {
    counts,
    lines,
    count,
    /** Counts that add up to a total (worked out from their true values), published as a line. */
    breakdown(cells: [key: string, n: number][], totalKey: string, listed?: string[]): { cells: Published[]; total: Published } {
      lines.push({ cells: cells.map(([key]) => scoped(key)), total: scoped(totalKey), ...(listed ? { listed: listed.map(scoped) } : {}) });
      return { cells: cells.map(([key, n]) => count(key, n)), total: count(totalKey, cells.reduce((t, [, n]) => t + n, 0)) };
    },
  };
}

/**
 * A one-column breakdown that adds up to its total: each code's count is `<prefix>.<code>` over
 * the period, and the total is `totalKey`, the same count wherever else it is shown.
 */
function breakdown(c: Counting, months: string[], id: string, title: string, rowHeader: string, column: string, labels: Record<string, string>, prefix: string, counts: Record<string, number>, totalKey: string, what: string, listed = (code: string) => code in labels): Table {
  const codes = [...new Set([...Object.keys(labels), ...Object.keys(counts)])].filter((code) => (counts[code] ?? 0) > 0 || code in labels);
  const keyOf = (code: string) => `${prefix}.${code}@${over(months)}`;
  // The rows listed whatever the data: a row there only because someone was counted in it is never the one hidden to protect another.
  const published = c.breakdown(codes.map((code) => [keyOf(code), counts[code] ?? 0]), totalKey, codes.filter(listed).map(keyOf));
  const rows: Row[] = codes.map((code, i) => ({ label: label(labels, code), cells: [published.cells[i]!] }));
  return { id, title, chart: "bars", rowHeader, columns: [column], rows: [...rows, { label: "All", cells: [published.total], total: true }], summary: largest(rows, what) };
}

/** A one-column list whose rows may overlap (a request can have several needs): each cell on its own. */
function overlapping(c: Counting, months: string[], id: string, title: string, rowHeader: string, column: string, labels: Record<string, string>, prefix: string, counts: Record<string, number>, what: string, note: string): Table {
  const rows: Row[] = Object.keys(labels).map((code) => ({ label: labels[code]!, cells: [c.count(`${prefix}.${code}@${over(months)}`, counts[code] ?? 0)] }));
  return { id, title, chart: "bars", rowHeader, columns: [column], rows, summary: largest(rows, what), note };
}

function demand(f: Figures, c: Counting): Section {
  const all = overMonths(f.demand, f.months);
  const period = over(f.months);
  // The months add up to the quarter: each column is a line, so a small month is protected
  // from the quarter's total like any other small cell.
  const perMonth = (counter: string) => c.breakdown(f.months.map((m) => [`${counter}@${over([m])}`, f.demand.get(m)?.[counter] ?? 0]), `${counter}@${period}`);
  const requestsByMonth = perMonth("requests");
  const urgentByMonth = perMonth("urgent");
  const byMonth: Row[] = f.months.map((m, i) => ({ label: monthWords(m), cells: [requestsByMonth.cells[i]!, urgentByMonth.cells[i]!] }));
  const requests = requestsByMonth.total;
  const urgent = urgentByMonth.total;
  const urgentShare = shareOf(urgent, requests);
  const requestsKey = `requests@${period}`;
  const routesByService = Object.fromEntries(f.services.map((s) => [s.id, overMonths(f.access.get(s.id), f.months).routes ?? 0]));
  const serviceLabels = Object.fromEntries(f.services.map((s) => [s.id, s.name]));
  return {
    id: "demand",
    title: "Demand",
    tables: [
      {
        id: "demand-by-month",
        title: "Requests by month",
        chart: "bars",
        rowHeader: "Month",
        columns: ["Requests", "Urgent (not safe now)"],
        rows: [...byMonth, { label: "All", cells: [requests, urgent], total: true }],
        summary:
          "value" in requests
            ? `${requests.value} requests for support in this period${urgentShare === undefined ? "" : `, ${urgentShare}% of them urgent`}.`
            : requests.secondary
              ? "The number of requests in this period is not shown, so that a smaller number cannot be worked out."
              : "Fewer than 5 requests for support in this period.",
      },
      overlapping(c, f.months, "demand-by-need", "What help people asked for", "Help asked for", "Requests", NEEDS, "need", under(all, "need"), "requests", "A request can ask for more than one kind of help, so these do not add up to the total."),
      breakdown(c, f.months, "demand-by-age", "Age of the person the support is for", "Age", "Requests", { ...AGE_BANDS, "not-given": "Not given" }, "age", under(all, "age"), requestsKey, "requests"),
      breakdown(c, f.months, "demand-by-asker", "Who asked", "Who asked", "Requests", ASKERS, "asker", under(all, "asker"), requestsKey, "requests"),
      // A request can go to several services, so these add up to the routes, not the requests.
      // Listed whatever the data: the services that cover the area (not national ones or others people here asked).
      breakdown(c, f.months, "demand-by-service", "Self-referrals to each service", "Service", "Requests", serviceLabels, "routes", routesByService, `routes@${period}`, "requests", (id) => !!f.services.find((s) => s.id === id && !s.national && s.areaIds.includes(f.areaId))),
    ],
  };
}

const days = (n: number | undefined): Cell => (n === undefined ? { text: "Too few to show" } : { value: n });

function access(f: Figures, c: Counting): Section {
  const period = over(f.months);
  const times: Row[] = f.services.map((s) => {
    const counters = overMonths(f.access.get(s.id), f.months);
    // The same count as the service's row of "Self-referrals to each service". Times only beside a
    // shown count: a time beside a hidden one would say it was at least 5.
    const requests = c.count(`routes.${s.id}@${period}`, counters.routes ?? 0);
    const reached = "value" in requests ? publishDays(daysOf(counters, "reachedDays")) : {};
    const started = "value" in requests ? publishDays(daysOf(counters, "startedDays")) : {};
    return { label: s.name, cells: [requests, days(reached.median), days(reached.p90), days(started.median), days(started.p90)] };
  });
  // Today's figures: their keys say "now", whatever period is chosen.
  const thisWeek = weekOf(f.today);
  const waiting = f.services.map((s) => {
    const w = f.now.get(s.id) ?? { open: [], checkIns: [] };
    return {
      service: s,
      notStarted: w.open.reduce((n, d) => n + d.routes, 0),
      waitingList: w.open.reduce((n, d) => n + d.waitingList, 0),
      // Kept by week (request-stats.ts): a check-in is counted overdue once the week it fell due has ended.
      overdue: w.checkIns.filter((d) => d.week < thisWeek).reduce((n, d) => n + d.due, 0),
      oldest: w.open.filter((d) => d.routes > 0).map((d) => d.week).sort()[0],
    };
  });
  // A service's waiting is of everyone it sees, from every area: the same counts on every area's
  // page, each on its own (no total across an area's services, which would mix areas).
  const now: Row[] = waiting.map((w) => {
    const service = `service:${w.service.id}`;
    const waitingNow = c.count(`${service}/waiting@now`, w.notStarted);
    // The longest wait is one person's: whole weeks since the week they asked, only beside a shown count of at least 5.
    const shown = "value" in waitingNow ? waitingNow.value : undefined;
    const longest: Cell = shown === 0 ? { text: "Nobody waiting" } : shown && w.oldest ? { value: Math.round((Date.parse(thisWeek) - Date.parse(w.oldest)) / (7 * DAY_MS)) } : { text: "Too few to show" };
    return { label: w.service.name, cells: [c.count(`${service}/waitingList@now`, w.waitingList), waitingNow, longest, c.count(`${service}/overdue@now`, w.overdue)] };
  });
  const all = sum(f.services.map((s) => overMonths(f.access.get(s.id), f.months)));
  const signposts = under(all, "signpost");
  // Every declined route is counted once by its reason and once by where it was sent: one total.
  const declinedKey = `declined@${period}`;
  return {
    id: "access",
    title: "Access",
    tables: [
      {
        id: "access-times",
        title: "How long people waited, by service",
        chart: "none",
        rowHeader: "Service",
        columns: ["Requests", "Days to first contact (median)", "Days to first contact (90th percentile)", "Days to support starting (median)", "Days to support starting (90th percentile)"],
        rows: times,
        summary: "Half of people were reached within the median number of days, and 9 in 10 within the 90th percentile. Times are shown only when at least 5 (or 10) people are counted.",
        note: "Counted for requests made in this period, from the day they asked. Days are counted day by day for the first week, then in bands (10, 14, 21, 28, 42 days and so on), so 14 means within 14 days.",
      },
      {
        id: "access-now",
        title: "Waiting now, by service",
        chart: "none",
        rowHeader: "Service",
        columns: ["On the waiting list", "Waiting for support to start", "Longest wait (weeks)", "Check-ins overdue"],
        rows: now,
        summary: "How many people each service has waiting right now, from every area it covers.",
        note: "Today's figures, whatever period is chosen, counted by the week: the longest wait is in whole weeks since the week they asked, and a check-in counts as overdue once the week it was due has ended without anyone being in touch.",
      },
      breakdown(c, f.months, "access-declines", "Why services could not help", "Reason", "Declined", { ...DECLINE_REASONS, "not-given": "Not given" }, "declined", under(all, "declined"), declinedKey, "declines"),
      breakdown(
        c,
        f.months,
        "access-signposts",
        "Where people were sent instead",
        "Signposted to",
        "People",
        Object.fromEntries(Object.keys(signposts).map((k) => [k, k === "other" ? "Somewhere else (written in)" : (f.names.get(k) ?? "Another service")])),
        "signpost",
        signposts,
        declinedKey,
        "signposts",
        // Every row is there because someone was sent there: none is listed whatever the data.
        () => false,
      ),
      breakdown(c, f.months, "access-outcomes", "How support ended", "Outcome", "Closed", { ...CLOSE_OUTCOMES, "not-given": "Not given" }, "closed", under(all, "closed"), `closed@${period}`, "closed requests"),
    ],
  };
}

function gaps(f: Figures, c: Counting): Section {
  const all = overMonths(f.demand, f.months);
  const period = over(f.months);
  const active = f.services.filter((s) => s.status === "active");
  const rows: Row[] = [];
  // Each is the same count as where else it is shown: the needs asked for, and the boys who asked in the equity table.
  // A row is left out when its published count is 0, never when its true count is: a row that
  // came and went with the truth would say what a "not shown" count is.
  const add = (what: string, key: string, offering: number) => {
    const asked = c.count(`${key}@${period}`, all[key] ?? 0);
    if (!("value" in asked) || asked.value > 0) rows.push({ label: what, cells: [asked, { value: offering }] });
  };
  for (const [code, words] of Object.entries(NEEDS)) add(`Help: ${words}`, `need.${code}`, active.filter((s) => s.needs.includes(code as never)).length);
  for (const [code, words] of Object.entries(WORKER_GENDERS)) add(`A worker who is ${words.toLowerCase()}`, `worker.${code}`, active.filter((s) => s.workerGenders.includes(code as never)).length);
  for (const [code, words] of Object.entries(LANGUAGES)) if (code !== "en") add(`Support in ${words}`, `language.${code}`, active.filter((s) => s.languages.includes(code as never)).length);
  add("Boys and young men (equality answers)", "equality.gender.boy-man", active.filter((s) => s.boysAndYoungMen).length);
  const unmet = rows.filter((r) => (r.cells[1] as { value: number }).value === 0);
  const paused = f.services.filter((s) => s.status === "paused");
  return {
    id: "gaps",
    title: "Gaps",
    tables: [
      {
        id: "gaps-unmet",
        title: "What people asked for, and how many open services here offer it",
        chart: "none",
        rowHeader: "Asked for",
        columns: ["Requests", "Open services offering it"],
        rows,
        summary: unmet.length ? `No open service here offers: ${unmet.map((r) => r.label).join("; ")}.` : "Every kind of help people asked for is offered by at least one open service here.",
      },
      {
        id: "gaps-paused",
        title: "Services not taking new requests",
        chart: "none",
        rowHeader: "Service",
        columns: ["Status"],
        rows: paused.map((s) => ({ label: s.name, cells: [{ text: "Not taking new requests right now" }] })),
        summary: paused.length ? `${paused.length} ${paused.length === 1 ? "service is" : "services are"} not taking new requests.` : "Every service here is taking new requests.",
      },
    ],
  };
}

const EQUITY_TITLES: Record<EqualityQuestion, string> = {
  ageBand: "Age",
  gender: "Gender",
  transHistory: "Trans history",
  ethnicity: "Ethnic group",
  disability: "Disability",
  sexualOrientation: "Sexual orientation",
  religion: "Religion or belief",
};

function equity(f: Figures, c: Counting): Section {
  const asked = overMonths(f.demand, f.months);
  const fed = overMonths(f.feedbackArea, f.months);
  const period = over(f.months);
  const requests = c.count(`requests@${period}`, asked.requests ?? 0);
  // The area's feedback is the feedback of the services that cover it: the same counts for every
  // area those services cover, so they are keyed by the services, not the area.
  const feedbackOf = `services:${f.services.filter((s) => s.areaIds.includes(f.areaId)).map((s) => s.id).sort().join(",")}`;
  const share = (p: Published, whole: Published): Cell => {
    const s = shareOf(p, whole);
    return s === undefined ? { text: "–" } : { text: `${s}%` };
  };
  /** Answers to a question, and "did not answer" (the rest of the whole): one line of counts. */
  const answered = (keyPrefix: string, counters: Counters, q: EqualityQuestion, answers: string[], whole: number, totalKey: string) => {
    const cells = answers.map((a): [string, number] => [`${keyPrefix}.${a}@${period}`, counters[`equality.${q}.${a}`] ?? 0]);
    cells.push([`${keyPrefix}.not-answered@${period}`, whole - cells.reduce((t, [, n]) => t + n, 0)]);
    const published = c.breakdown(cells, totalKey);
    return { cells: new Map([...answers, "not-answered"].map((a, i) => [a, published.cells[i]!])), total: published.total };
  };
  const tables = (Object.keys(EQUALITY_ANSWERS) as EqualityQuestion[]).map((q): Table => {
    const answers = Object.keys(EQUALITY_ANSWERS[q]);
    const labels: Record<string, string> = { ...(EQUALITY_ANSWERS[q] as Record<string, string>), "not-answered": "Did not answer" };
    // /ask/ asks the age once, as part of the request, so who asks is counted by that answer: the
    // very counts of "Age of the person the support is for" (its line), with "Not given" as
    // "Did not answer". It has no "I'd rather not say", so that row is not counted for requests.
    const askedCells: Map<string, Published> =
      q === "ageBand"
        ? new Map([...Object.keys(AGE_BANDS), "not-given"].map((band) => [band === "not-given" ? "not-answered" : band, c.count(`age.${band}@${period}`, asked[`age.${band}`] ?? 0)]))
        : answered(`equality.${q}`, asked, q, answers, asked.requests ?? 0, `requests@${period}`).cells;
    const fedBy = answered(`${feedbackOf}/fed.equality.${q}`, fed, q, answers, fed.pieces ?? 0, `${feedbackOf}/fed@${period}`);
    const rows: Row[] = [...answers, "not-answered"].map((code) => {
      const a = askedCells.get(code);
      const b = fedBy.cells.get(code)!;
      return { label: labels[code]!, cells: [a ?? { text: "Not asked" }, a ? share(a, requests) : { text: "–" }, b, share(b, fedBy.total)] };
    });
    return {
      id: `equity-${q}`,
      title: EQUITY_TITLES[q],
      chart: "none",
      rowHeader: "Answer",
      columns: ["Asked for support", "Share", "Gave feedback", "Share"],
      rows: [...rows, { label: "All", cells: [requests, { text: "" }, fedBy.total, { text: "" }], total: true }],
      summary: "Who asks for support beside who gives feedback. A group with a much smaller share of one than the other may not be reached.",
    };
  });
  return { id: "equity", title: "Equity", tables };
}

function voice(f: Figures, c: Counting): Section {
  const period = over(f.months);
  const statements = Object.keys(OUTCOME_STATEMENTS) as (keyof typeof OUTCOME_STATEMENTS)[];
  const rows: Row[] = f.services.map((s) => {
    const counters = overMonths(f.feedbackService.get(s.id), f.months);
    return {
      label: s.name,
      // A service's feedback is of everyone it sees, from every area: the same count on every area's page.
      cells: [c.count(`service:${s.id}/pieces@${period}`, counters.pieces ?? 0), ...statements.map((st) => meanCell(under(counters, `score.${st}`)))],
    };
  });
  // The feedback of the services shown, by month: keyed by those services, as on any page that shows them.
  const shown = `services:${f.services.map((s) => s.id).sort().join(",")}`;
  const byMonth: Row[] = f.months.map((m) => ({ label: monthWords(m), cells: [c.count(`${shown}/pieces@${over([m])}`, sum(f.services.map((s) => f.feedbackService.get(s.id)?.get(m))).pieces ?? 0)] }));
  // Whole quarters only, as everywhere else: the months of each of the four.
  const quarters = [0, 3, 6, 9].map((i) => f.trendMonths.slice(i, i + 3));
  const trend: Row[] = f.services.map((s) => ({
    label: s.name,
    cells: quarters.map((months) => meanCell(under(overMonths(f.feedbackService.get(s.id), months), "score.listened"))),
  }));
  return {
    id: "voice",
    title: "Voice",
    tables: [
      {
        id: "voice-by-month",
        title: "Feedback by month",
        chart: "bars",
        rowHeader: "Month",
        columns: ["Pieces of feedback"],
        rows: byMonth,
        summary: largest(byMonth, "pieces of feedback"),
      },
      {
        id: "voice-scores",
        title: "What people said about each service",
        chart: "none",
        rowHeader: "Service",
        columns: ["Pieces of feedback", ...statements.map((s) => OUTCOME_STATEMENTS[s])],
        rows,
        summary: "The average answer to each statement, from 1 (strongly disagree) to 5 (strongly agree), when at least 5 people answered.",
      },
      {
        id: "voice-trend",
        title: "Feeling listened to, over four quarters",
        chart: "none",
        rowHeader: "Service",
        columns: quarters.map((months) => quarterName(months[0]!)),
        rows: trend,
        summary: `The average answer to "${OUTCOME_STATEMENTS.listened}" in each of the last four quarters, when at least 5 people answered in that quarter.`,
      },
    ],
  };
}

/** The average of 1-to-5 answers counted by value, in words and as a number; not shown from fewer than 5 answers. */
function meanCell(scores: Counters): Cell {
  const n = Object.values(scores).reduce((a, b) => a + b, 0);
  // An average of fewer than 5 answers could be one person's: it is not shown.
  if (n < 5) return { text: "Too few to show" };
  const mean = Object.entries(scores).reduce((t, [v, k]) => t + Number(v) * k, 0) / n;
  return { text: `${agreeWords(mean)} (${mean.toFixed(1)} of 5)` };
}

export function agreeWords(mean: number): string {
  if (mean >= 4.5) return "Strongly agree";
  if (mean >= 3.5) return "Agree";
  if (mean >= 2.5) return "Not sure";
  if (mean >= 1.5) return "Disagree";
  return "Strongly disagree";
}

/**
 * Every section of insights, each count published through disclosure.ts: built once to learn
 * every count and line, then again with them all published together.
 */
export function buildInsights(figures: Figures): Section[] {
  const build = (c: Counting) => [demand(figures, c), access(figures, c), gaps(figures, c), equity(figures, c), voice(figures, c)];
  const first = counting(figures.areaId);
  build(first);
  const second = counting(figures.areaId, publishCounts(first.counts, first.lines, figures.noise));
  const sections = build(second);
  // A line the second build had and the first did not would go unprotected.
  if (JSON.stringify([...second.counts.keys(), second.lines]) !== JSON.stringify([...first.counts.keys(), first.lines])) throw new Error("Insights counted differently the second time.");
  return sections;
}

/** One cell as the page and the CSV write it. */
export const cellWords = (cell: Cell) => ("text" in cell ? cell.text : inWords(cell));
