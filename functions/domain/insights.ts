import type { Service } from "./directory";
import { inWords, periodMonths, publishBreakdown, publishCount, publishDays, shareOf, type Noise, type Published } from "./disclosure";
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
  /** The area's secret noise (disclosure.ts rule 7): every count is published with it. */
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

/** A one-column breakdown that adds up to its total: secondary suppression protects its small cells. */
function breakdown(noise: Noise, id: string, title: string, rowHeader: string, column: string, labels: Record<string, string>, counts: Record<string, number>, what: string): Table {
  const codes = [...new Set([...Object.keys(labels), ...Object.keys(counts)])].filter((c) => (counts[c] ?? 0) > 0 || c in labels);
  const published = publishBreakdown(Object.fromEntries(codes.map((c) => [c, counts[c] ?? 0])), noise);
  const rows: Row[] = codes.map((c) => ({ label: label(labels, c), cells: [published.cells[c]!] }));
  return { id, title, chart: "bars", rowHeader, columns: [column], rows: [...rows, { label: "All", cells: [published.total], total: true }], summary: largest(rows, what) };
}

/** A one-column list whose rows may overlap (a request can have several needs): each cell on its own. */
function overlapping(noise: Noise, id: string, title: string, rowHeader: string, column: string, labels: Record<string, string>, counts: Record<string, number>, what: string, note: string): Table {
  const rows: Row[] = Object.keys(labels).map((c) => ({ label: labels[c]!, cells: [publishCount(counts[c] ?? 0, noise)] }));
  return { id, title, chart: "bars", rowHeader, columns: [column], rows, summary: largest(rows, what), note };
}

function demand(f: Figures): Section {
  const all = overMonths(f.demand, f.months);
  // The months add up to the quarter: each column is a breakdown, so a small month is protected
  // from the quarter's total like any other small cell.
  const perMonth = (counter: string) => publishBreakdown(Object.fromEntries(f.months.map((m) => [m, f.demand.get(m)?.[counter] ?? 0])), f.noise);
  const requestsByMonth = perMonth("requests");
  const urgentByMonth = perMonth("urgent");
  const byMonth: Row[] = f.months.map((m) => ({ label: monthWords(m), cells: [requestsByMonth.cells[m]!, urgentByMonth.cells[m]!] }));
  const requests = requestsByMonth.total;
  const urgent = urgentByMonth.total;
  const urgentShare = shareOf(urgent, requests);
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
        summary: `${inWords(requests)} requests for support in this period${urgentShare === undefined ? "" : `, ${urgentShare}% of them urgent`}.`,
      },
      overlapping(f.noise, "demand-by-need", "What help people asked for", "Help asked for", "Requests", NEEDS, under(all, "need"), "requests", "A request can ask for more than one kind of help, so these do not add up to the total."),
      breakdown(f.noise, "demand-by-age", "Age of the person the support is for", "Age", "Requests", { ...AGE_BANDS, "not-given": "Not given" }, under(all, "age"), "requests"),
      breakdown(f.noise, "demand-by-asker", "Who asked", "Who asked", "Requests", ASKERS, under(all, "asker"), "requests"),
      breakdown(f.noise, "demand-by-service", "Self-referrals to each service", "Service", "Requests", serviceLabels, routesByService, "requests"),
    ],
  };
}

const days = (n: number | undefined): Cell => (n === undefined ? { text: "Too few to show" } : { value: n });

function access(f: Figures): Section {
  const times: Row[] = f.services.map((s) => {
    const c = overMonths(f.access.get(s.id), f.months);
    const reached = publishDays(daysOf(c, "reachedDays"), f.noise);
    const started = publishDays(daysOf(c, "startedDays"), f.noise);
    return { label: s.name, cells: [publishCount(c.routes ?? 0, f.noise), days(reached.median), days(reached.p90), days(started.median), days(started.p90)] };
  });
  const now: Row[] = f.services.map((s) => {
    const w = f.now.get(s.id) ?? { open: [], checkIns: [] };
    const notStarted = w.open.reduce((n, d) => n + d.routes, 0);
    const waitingList = w.open.reduce((n, d) => n + d.waitingList, 0);
    // Kept by week (request-stats.ts): a check-in is counted overdue once the week it fell due has ended.
    const thisWeek = weekOf(f.today);
    const overdue = w.checkIns.filter((d) => d.week < thisWeek).reduce((n, d) => n + d.due, 0);
    const oldest = w.open.filter((d) => d.routes > 0).map((d) => d.week).sort()[0];
    // The longest wait is one person's: whole weeks since the week they asked, and only when at least 5 are waiting.
    const longest: Cell =
      oldest && notStarted >= 5 ? { value: Math.round((Date.parse(thisWeek) - Date.parse(oldest)) / (7 * DAY_MS)) } : { text: notStarted ? "Too few to show" : "Nobody waiting" };
    return { label: s.name, cells: [publishCount(waitingList, f.noise), publishCount(notStarted, f.noise), longest, publishCount(overdue, f.noise)] };
  });
  const all = sum(f.services.map((s) => overMonths(f.access.get(s.id), f.months)));
  const waitingNow = f.services.reduce((n, s) => n + (f.now.get(s.id)?.open.reduce((m, d) => m + d.routes, 0) ?? 0), 0);
  const signposts = under(all, "signpost");
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
        summary: `Right now, ${inWords(publishCount(waitingNow, f.noise))} people are waiting for support to start.`,
        note: "Today's figures, whatever period is chosen, counted by the week: the longest wait is in whole weeks since the week they asked, and a check-in counts as overdue once the week it was due has ended without anyone being in touch.",
      },
      breakdown(f.noise, "access-declines", "Why services could not help", "Reason", "Declined", { ...DECLINE_REASONS, "not-given": "Not given" }, under(all, "declined"), "declines"),
      breakdown(
        f.noise,
        "access-signposts",
        "Where people were sent instead",
        "Signposted to",
        "People",
        Object.fromEntries(Object.keys(signposts).map((k) => [k, k === "other" ? "Somewhere else (written in)" : (f.names.get(k) ?? "Another service")])),
        signposts,
        "signposts",
      ),
      breakdown(f.noise, "access-outcomes", "How support ended", "Outcome", "Closed", { ...CLOSE_OUTCOMES, "not-given": "Not given" }, under(all, "closed"), "closed requests"),
    ],
  };
}

function gaps(f: Figures): Section {
  const all = overMonths(f.demand, f.months);
  const active = f.services.filter((s) => s.status === "active");
  const rows: Row[] = [];
  const add = (what: string, asked: number, offering: number) => {
    if (asked > 0) rows.push({ label: what, cells: [publishCount(asked, f.noise), { value: offering }] });
  };
  for (const [code, words] of Object.entries(NEEDS)) add(`Help: ${words}`, all[`need.${code}`] ?? 0, active.filter((s) => s.needs.includes(code as never)).length);
  for (const [code, words] of Object.entries(WORKER_GENDERS)) add(`A worker who is ${words.toLowerCase()}`, all[`worker.${code}`] ?? 0, active.filter((s) => s.workerGenders.includes(code as never)).length);
  for (const [code, words] of Object.entries(LANGUAGES)) if (code !== "en") add(`Support in ${words}`, all[`language.${code}`] ?? 0, active.filter((s) => s.languages.includes(code as never)).length);
  add("Boys and young men (equality answers)", all["equality.gender.boy-man"] ?? 0, active.filter((s) => s.boysAndYoungMen).length);
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

const withoutKey = (counts: Record<string, number>, key: string) => Object.fromEntries(Object.entries(counts).filter(([k]) => k !== key));

const EQUITY_TITLES: Record<EqualityQuestion, string> = {
  ageBand: "Age",
  gender: "Gender",
  transHistory: "Trans history",
  ethnicity: "Ethnic group",
  disability: "Disability",
  sexualOrientation: "Sexual orientation",
  religion: "Religion or belief",
};

function equity(f: Figures): Section {
  const asked = overMonths(f.demand, f.months);
  const fed = overMonths(f.feedbackArea, f.months);
  const tables = (Object.keys(EQUALITY_ANSWERS) as EqualityQuestion[]).map((q): Table => {
    const answers = EQUALITY_ANSWERS[q] as Record<string, string>;
    // /ask/ asks the age once, as part of the request, so who asks is counted by that answer.
    const askedBy = q === "ageBand" ? withoutKey(under(asked, "age"), "not-given") : { ...under(asked, `equality.${q}`) };
    const fedBy = { ...under(fed, `equality.${q}`) };
    askedBy["not-answered"] = Math.max(0, (asked.requests ?? 0) - Object.values(askedBy).reduce((a, b) => a + b, 0));
    fedBy["not-answered"] = Math.max(0, (fed.pieces ?? 0) - Object.values(fedBy).reduce((a, b) => a + b, 0));
    const labels = { ...answers, "not-answered": "Did not answer" };
    const a = publishBreakdown(Object.fromEntries(Object.keys(labels).map((c) => [c, askedBy[c] ?? 0])), f.noise);
    const b = publishBreakdown(Object.fromEntries(Object.keys(labels).map((c) => [c, fedBy[c] ?? 0])), f.noise);
    const share = (p: Published, whole: Published): Cell => {
      const s = shareOf(p, whole);
      return s === undefined ? { text: "–" } : { text: `${s}%` };
    };
    const rows: Row[] = Object.keys(labels).map((c) => ({ label: labels[c as keyof typeof labels]!, cells: [a.cells[c]!, share(a.cells[c]!, a.total), b.cells[c]!, share(b.cells[c]!, b.total)] }));
    return {
      id: `equity-${q}`,
      title: EQUITY_TITLES[q],
      chart: "none",
      rowHeader: "Answer",
      columns: ["Asked for support", "Share", "Gave feedback", "Share"],
      rows: [...rows, { label: "All", cells: [a.total, { text: "" }, b.total, { text: "" }], total: true }],
      summary: "Who asks for support beside who gives feedback. A group with a much smaller share of one than the other may not be reached.",
    };
  });
  return { id: "equity", title: "Equity", tables };
}

function voice(f: Figures): Section {
  const statements = Object.keys(OUTCOME_STATEMENTS) as (keyof typeof OUTCOME_STATEMENTS)[];
  const rows: Row[] = f.services.map((s) => {
    const c = overMonths(f.feedbackService.get(s.id), f.months);
    return {
      label: s.name,
      cells: [publishCount(c.pieces ?? 0, f.noise), ...statements.map((st) => meanCell(under(c, `score.${st}`)))],
    };
  });
  const byMonth: Row[] = f.months.map((m) => ({ label: monthWords(m), cells: [publishCount(sum(f.services.map((s) => f.feedbackService.get(s.id)?.get(m))).pieces ?? 0, f.noise)] }));
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

/** Every section of insights, each table published through disclosure.ts. */
export function buildInsights(figures: Figures): Section[] {
  return [demand(figures), access(figures), gaps(figures), equity(figures), voice(figures)];
}

/** One cell as the page and the CSV write it. */
export const cellWords = (cell: Cell) => ("text" in cell ? cell.text : inWords(cell));
