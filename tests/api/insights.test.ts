import { beforeAll, describe, expect, it } from "vitest";
import { periodMonths, publishCount } from "../../functions/domain/disclosure";
import { quarterName } from "../../functions/domain/insights";
import type { Insights } from "../../functions/features/insights";
import { countNoise } from "../../functions/security/count-noise";
import { aRequest, HARBOUR_YOUNG_PEOPLE, MEADOW_CLINIC, newKey } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/**
 * Commissioner insights (J8) over the API: figures kept as requests arrive and change, read by
 * the area's commissioners (admins for any area), the same cells in the CSV, and never anything
 * below 5 shown as a number.
 */

const AREA = "E06000023";
const OTHER_AREA = "E06000024";
let env: Awaited<ReturnType<typeof staffApp>>;
let commissioner: string;
let month: string;

const insightsOf = async (token: string, query = "") => env.call("GET", `/api/staff/insights?period=quarter&month=${month}${query}`, { token });
const table = (insights: Insights, id: string) => insights.sections.flatMap((s) => s.tables).find((t) => t.id === id)!;
const row = (insights: Insights, id: string, label: string) => table(insights, id).rows.find((r) => r.label === label)!;
/** This quarter, as the keys of its counts say it (domain/insights.ts). */
const months = periodMonths({ kind: "quarter", month: new Date().toISOString().slice(0, 7) });
const QUARTER = `${months[0]}..${months[2]}`;
/** A true count as this app publishes it: rounded, with the noise of the app's own key for what it counts (its key, domain/insights.ts). */
const published = (key: string, n: number) => publishCount(key, n, countNoise(env.hashKey));
const ofArea = (key: string) => `area:${AREA}/${key}`;

/** A key whose noise moves the quarter's 12 requests up, so rounding alone (10) and rounding with noise (15) differ here. */
const KEY = Array.from({ length: 256 }, (_, i) => Buffer.alloc(32, i)).find((key) => countNoise(key)(`area:${AREA}/requests@${QUARTER}`, 12) > 0)!;

beforeAll(async () => {
  env = await staffApp({ limits: { requests: { bucket: "ask", limit: 1000, windowSeconds: 60 } }, hashKey: KEY });
  month = new Date(env.clock.now).toISOString().slice(0, 7);
  commissioner = await startSession(env.db, (await createStaff(env.db, [{ role: "commissioner", areaId: AREA }])).account.id);
  // Twelve requests from the area: eight for someone to talk to, three urgent, one from a boy.
  for (let i = 0; i < 12; i++) {
    const body = aRequest({
      serviceIds: [HARBOUR_YOUNG_PEOPLE.id],
      consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id],
      needs: i < 8 ? ["someone-to-talk-to"] : ["therapy"],
      safeNow: i < 3 ? "no" : "yes",
      ...(i === 0 ? { equality: { gender: "boy-man" } } : {}),
    });
    const sent = await env.call("POST", "/api/requests", { body, headers: { "Idempotency-Key": newKey() } });
    expect(sent.status).toBe(201);
  }
}, 120_000);

describe("insights", () => {
  it("count requests as they arrive, with the area's noise, rounded to 5, and hide anything from 1 to 4", async () => {
    const res = await insightsOf(commissioner);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const insights = res.json as Insights;
    expect(insights.area.id).toBe(AREA);
    const all = row(insights, "demand-by-month", "All");
    expect(all.cells).toEqual([published(ofArea(`requests@${QUARTER}`), 12), { suppressed: true }]);
    expect(all.cells[0]).toEqual({ value: 15 }); // 12 with this key's noise: rounding alone would say 10
    const needs = table(insights, "demand-by-need").rows;
    expect(needs.find((r) => r.label === "Someone to talk to")!.cells).toEqual([published(ofArea(`need.someone-to-talk-to@${QUARTER}`), 8)]);
    expect(needs.find((r) => r.label.startsWith("Therapy"))!.cells).toEqual([{ suppressed: true }]);
    // Nowhere does a count of people from 1 to 4 appear as a number (days, weeks and numbers of services are not counts of people).
    const notPeople = ["access-times", "access-now", "gaps-unmet"];
    const numbers = insights.sections.flatMap((s) => s.tables.filter((t) => !notPeople.includes(t.id)).flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => "value" in c).map((c) => (c as { value: number }).value))));
    expect(numbers.filter((n) => n >= 1 && n <= 4)).toEqual([]);
  });

  it("count who asks by the age given in the request, since /ask/ does not ask it twice", async () => {
    const insights = (await insightsOf(commissioner)).json as Insights;
    // The same count as in "Age of the person the support is for".
    expect(row(insights, "equity-ageBand", "14 or 15").cells[0]).toEqual(published(ofArea(`age.14-15@${QUARTER}`), 12));
    expect(row(insights, "demand-by-age", "14 or 15").cells[0]).toEqual(published(ofArea(`age.14-15@${QUARTER}`), 12));
    expect(row(insights, "equity-ageBand", "I'd rather not say").cells[0]).toEqual({ text: "Not asked" });
    expect(row(insights, "equity-ageBand", "Did not answer").cells[0]).toEqual({ value: 0 });
    expect(row(insights, "equity-gender", "Boy or man").cells[0]).toEqual({ suppressed: true });
  });

  it("gives the same cells in a table's CSV as on the page", async () => {
    const page = (await insightsOf(commissioner)).json as Insights;
    const csv = await env.call("GET", `/api/staff/insights/csv?period=quarter&month=${month}&table=demand-by-need`, { token: commissioner });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await (await env.app.request(`/api/staff/insights/csv?period=quarter&month=${month}&table=demand-by-need`, { headers: { cookie: `onedoor_staff=${commissioner}` } })).text();
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("Help asked for,Requests");
    for (const r of table(page, "demand-by-need").rows) expect(lines).toContain(`${r.label.includes(",") ? `"${r.label}"` : r.label},${"value" in r.cells[0]! ? r.cells[0].value : "fewer than 5"}`);
  });

  it("keep the waiting list up as services act, without reading requests", async () => {
    const manager = await startSession(env.db, (await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }])).account.id);
    const inbox = await env.call("GET", "/api/staff/inbox", { token: manager });
    const routes = (inbox.json.routes as { reference: string; serviceId: string }[]).slice(0, 6);
    for (const r of routes) {
      const acted = await env.call("POST", `/api/staff/inbox/${r.reference}/${r.serviceId}/actions`, { token: manager, body: { action: "wait", expectedWaitWeeks: 4 } });
      expect(acted.status).toBe(200);
    }
    const insights = (await insightsOf(commissioner)).json as Insights;
    const now = row(insights, "access-now", HARBOUR_YOUNG_PEOPLE.name);
    expect(now.cells[0]).toEqual(published(`service:${HARBOUR_YOUNG_PEOPLE.id}/waitingList@now`, 6));
    expect(now.cells[1]).toEqual(published(`service:${HARBOUR_YOUNG_PEOPLE.id}/waiting@now`, 12));
  });

  it("are for the area's commissioners and admins only", async () => {
    expect((await insightsOf(commissioner, `&areaId=${OTHER_AREA}`)).status).toBe(404);
    const manager = await startSession(env.db, (await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }])).account.id);
    expect((await insightsOf(manager)).status).toBe(403);
    const admin = await startSession(env.db, (await createStaff(env.db, [{ role: "admin" }])).account.id);
    const asAdmin = await insightsOf(admin, `&areaId=${AREA}`);
    expect(asAdmin.status).toBe(200);
    expect((asAdmin.json as Insights).areas.length).toBeGreaterThan(1);
    expect((await insightsOf(admin, `&areaId=${OTHER_AREA}`)).status).toBe(200);
  });

  it("show how listened to people felt in each of four quarters, only where at least 5 answered that quarter", async () => {
    const give = async (listened: number) => {
      const sent = await env.call("POST", "/api/feedback", { body: { serviceId: HARBOUR_YOUNG_PEOPLE.id, scores: { listened } }, headers: { "Idempotency-Key": newKey() } });
      expect(sent.status).toBe(201);
    };
    const now = env.clock.now;
    try {
      // Four answers two quarters ago (too few), six answers this quarter.
      env.clock.now = now - 183 * 24 * 60 * 60 * 1000;
      for (let i = 0; i < 4; i++) await give(2);
      env.clock.now = now;
      for (let i = 0; i < 6; i++) await give(i < 3 ? 4 : 5);
    } finally {
      env.clock.now = now;
    }
    const insights = (await insightsOf(commissioner)).json as Insights;
    const trend = table(insights, "voice-trend");
    expect(trend.columns).toHaveLength(4);
    expect(trend.columns.at(-1)).toBe(quarterName(periodMonths({ kind: "quarter", month })[0]!));
    expect(row(insights, "voice-trend", HARBOUR_YOUNG_PEOPLE.name).cells).toEqual([
      { text: "Too few to show" },
      { text: "Too few to show" },
      { text: "Too few to show" },
      { text: "Strongly agree (4.5 of 5)" },
    ]);
    // The same answer as the table of the chosen quarter gives.
    expect(row(insights, "voice-scores", HARBOUR_YOUNG_PEOPLE.name).cells[1]).toEqual({ text: "Strongly agree (4.5 of 5)" });
  });

  it("refuse a period that is not a whole calendar quarter, saying what to choose", async () => {
    const bad = await env.call("GET", "/api/staff/insights?period=month&month=2026-13", { token: commissioner });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["month", "period"]);
  });
});

describe("insights: one count, every table", () => {
  it("show a count the same in every table it is in, hidden in one means hidden in all", async () => {
    const own = await staffApp({ limits: { requests: { bucket: "ask", limit: 1000, windowSeconds: 60 } } });
    const admin = await startSession(own.db, (await createStaff(own.db, [{ role: "admin" }])).account.id);
    // Eight ask Harbour, three ask Meadow: a small service count, so the services' line hides one more.
    for (let i = 0; i < 11; i++) {
      const serviceIds = [i < 8 ? HARBOUR_YOUNG_PEOPLE.id : MEADOW_CLINIC.id];
      const sent = await own.call("POST", "/api/requests", { body: aRequest({ serviceIds, consentServiceIds: serviceIds }), headers: { "Idempotency-Key": newKey() } });
      expect(sent.status).toBe(201);
    }
    const res = await own.call("GET", `/api/staff/insights?areaId=${AREA}&period=quarter&month=${new Date(own.clock.now).toISOString().slice(0, 7)}`, { token: admin });
    expect(res.status).toBe(200);
    const insights = res.json as Insights;
    const byService = table(insights, "demand-by-service");
    expect(row(insights, "demand-by-service", MEADOW_CLINIC.name).cells[0]).toEqual({ suppressed: true });
    expect(byService.rows.filter((r) => !r.total).some((r) => "secondary" in r.cells[0]!)).toBe(true);
    // A service's requests are the same count in "How long people waited": hidden there too, never shown as the 0 or 5 it is.
    for (const r of byService.rows.filter((r) => !r.total)) {
      const times = row(insights, "access-times", r.label).cells;
      expect(times[0], r.label).toEqual(r.cells[0]);
      // No time beside a hidden count: a time would say it was at least 5.
      if (!("value" in r.cells[0]!)) expect(times.slice(1), r.label).toEqual(Array(4).fill({ text: "Too few to show" }));
    }
    // The quarter's requests are the total of the months, the ages, who asked and every equity table's first column.
    const requests = row(insights, "demand-by-month", "All").cells[0];
    for (const id of ["demand-by-age", "demand-by-asker", ...insights.sections.find((s) => s.id === "equity")!.tables.map((t) => t.id)]) expect(row(insights, id, "All").cells[0], id).toEqual(requests);
  });
});
