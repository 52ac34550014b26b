import type { EqualityAnswers } from "./equality";
import type { Route } from "./route";

/**
 * The figures commissioners see about requests (J8), kept up as events happen rather than worked
 * out by reading requests when insights open. Each request and each route *contributes* counters
 * to a few cells; a change adds the difference between its route's contribution after and before,
 * in the same transaction as the change (db/requests.ts). So the kept figures always equal what
 * the requests and routes say now, and deleting a request takes away exactly what it added.
 *
 * - `demand`: per area (where the person lives) and month asked: who asked, needs, ages, urgency,
 *   preferences and the equality answers.
 * - `access`: per area, month asked and service: how each route went (first reached, support
 *   started, declined and why, closed and how), with the days taken as counts per whole day.
 * - `open` and `check-in`: per service, now: routes not yet started by the day they asked, and
 *   check-ins due on waiting lists by the day they fall due. Their days are bounded by time, not
 *   by how many requests there are.
 */

/** The anonymous facts of a request: kept apart from what identifies the person, and counted. */
export type RequestFacts = {
  reference: string;
  createdAt: string;
  areaId?: string;
  asker: string;
  ageBand?: string;
  needs: string[];
  urgent: boolean;
  workerGender?: string;
  language?: string;
  /** Removed when the request's personal data goes (retention): the counters keep them. */
  equality?: EqualityAnswers;
};

export type StatCell =
  | { kind: "demand"; areaId: string; month: string }
  | { kind: "access"; areaId: string; month: string; serviceId: string }
  | { kind: "open"; serviceId: string; week: string }
  | { kind: "check-in"; serviceId: string; week: string };

export type Tally = { cell: StatCell; counters: Record<string, number> };

/** A request with no area is counted under this one: admins see it. */
export const NO_AREA = "none";
/** Days are counted up to a year; longer waits count as this many. */
export const MAX_DAYS = 365;
/**
 * The days to first contact and to support starting are counted in these bands, each under its
 * last day: day by day for the first week, then wider. A service's figures then hold at most
 * this many counters however many people it sees, so insights read the same number of bytes
 * for a busy area as for a quiet one. Medians and percentiles are read as "within N days".
 */
export const DAY_BANDS = [0, 1, 2, 3, 4, 5, 6, 7, 10, 14, 21, 28, 42, 56, 84, 112, 168, 252, MAX_DAYS] as const;
export const dayBand = (days: number) => DAY_BANDS.find((last) => days <= last) ?? MAX_DAYS;

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
const DEFAULT_CHECK_IN_WEEKS = 2;

export const monthOf = (iso: string) => iso.slice(0, 7);
export const dayOf = (iso: string) => iso.slice(0, 10);
/**
 * The Monday of the week a time falls in ("2026-11-30"). A service's waiting now is kept by the
 * week people asked and the week check-ins fall due, not the day: at most one item a week, so a
 * busy service's "now" is as cheap to read as a quiet one's.
 */
export const weekOf = (iso: string) => {
  const day = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
};
export const daysBetween = (from: string, to: string) => Math.min(MAX_DAYS, Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS)));

/** Statuses in which support has not started: the person is still waiting. */
const NOT_STARTED = new Set(["received", "acknowledged", "waiting"]);

const bump = (counters: Record<string, number>, name: string, by = 1) => {
  counters[name] = (counters[name] ?? 0) + by;
};

/** What one request adds to its area's month, whatever happens to its routes. */
export function factsTally(facts: RequestFacts): Tally[] {
  const c: Record<string, number> = { requests: 1 };
  if (facts.urgent) bump(c, "urgent");
  bump(c, `asker.${facts.asker}`);
  bump(c, `age.${facts.ageBand ?? "not-given"}`);
  for (const need of new Set(facts.needs)) bump(c, `need.${need}`);
  if (facts.workerGender) bump(c, `worker.${facts.workerGender}`);
  if (facts.language) bump(c, `language.${facts.language}`);
  for (const [question, answer] of Object.entries(facts.equality ?? {})) if (answer) bump(c, `equality.${question}.${answer}`);
  return [{ cell: { kind: "demand", areaId: facts.areaId ?? NO_AREA, month: monthOf(facts.createdAt) }, counters: c }];
}

/** What one route adds, as it stands now. */
export function routeTally(route: Route): Tally[] {
  const c: Record<string, number> = { routes: 1, [`status.${route.status}`]: 1 };
  if (route.urgent) bump(c, "urgent");
  if (route.firstContactAt) {
    bump(c, "reached");
    bump(c, `reachedDays.${dayBand(daysBetween(route.createdAt, route.firstContactAt))}`);
  }
  if (route.startedAt) {
    bump(c, "started");
    bump(c, `startedDays.${dayBand(daysBetween(route.createdAt, route.startedAt))}`);
  }
  if (route.status === "declined") {
    bump(c, `declined.${route.outcome ?? "not-given"}`);
    bump(c, `signpost.${route.signpostServiceId ?? "other"}`);
  }
  if (route.status === "closed") bump(c, `closed.${route.outcome ?? "not-given"}`);
  const tallies: Tally[] = [{ cell: { kind: "access", areaId: route.areaId ?? NO_AREA, month: monthOf(route.createdAt), serviceId: route.serviceId }, counters: c }];
  if (NOT_STARTED.has(route.status)) {
    tallies.push({ cell: { kind: "open", serviceId: route.serviceId, week: weekOf(route.createdAt) }, counters: { routes: 1, waitingList: route.status === "waiting" ? 1 : 0 } });
  }
  if (route.status === "waiting" && route.lastContactAt) {
    const due = new Date(Date.parse(route.lastContactAt) + (route.checkInEveryWeeks ?? DEFAULT_CHECK_IN_WEEKS) * WEEK_MS).toISOString();
    tallies.push({ cell: { kind: "check-in", serviceId: route.serviceId, week: weekOf(due) }, counters: { due: 1 } });
  }
  return tallies;
}

const cellKey = (cell: StatCell) => JSON.stringify(cell);

/** Tallies added together, cell by cell, leaving out counters that come to nothing. */
export function combine(...lists: Tally[][]): Tally[] {
  const byCell = new Map<string, Tally>();
  for (const tally of lists.flat()) {
    const key = cellKey(tally.cell);
    const into = byCell.get(key) ?? { cell: tally.cell, counters: {} };
    for (const [name, n] of Object.entries(tally.counters)) bump(into.counters, name, n);
    byCell.set(key, into);
  }
  return [...byCell.values()]
    .map((t) => ({ cell: t.cell, counters: Object.fromEntries(Object.entries(t.counters).filter(([, n]) => n !== 0)) }))
    .filter((t) => Object.keys(t.counters).length > 0);
}

/** The same tallies taken away. */
export const negate = (tallies: Tally[]): Tally[] => tallies.map((t) => ({ cell: t.cell, counters: Object.fromEntries(Object.entries(t.counters).map(([k, n]) => [k, -n])) }));

/** What a change to routes adds to the figures: each route's contribution after, less before. */
export const changeTally = (changes: { before: Route; after: Route }[]): Tally[] =>
  combine(...changes.flatMap(({ before, after }) => [routeTally(after), negate(routeTally(before))]));

/** The facts of a request as it is asked for: from the answers, never from what identifies them. */
export function factsOf(request: Omit<RequestFacts, "workerGender" | "language"> & { preferences?: { workerGender?: string; language?: string } }): RequestFacts {
  return {
    reference: request.reference,
    createdAt: request.createdAt,
    areaId: request.areaId,
    asker: request.asker,
    ageBand: request.ageBand,
    needs: request.needs,
    urgent: request.urgent,
    workerGender: request.preferences?.workerGender,
    language: request.preferences?.language,
    equality: request.equality && Object.keys(request.equality).length ? request.equality : undefined,
  };
}
