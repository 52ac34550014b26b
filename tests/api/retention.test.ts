import { GetCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { keys } from "../../functions/db/keys";
import { describe, expect, it } from "vitest";
import { requestRepository } from "../../functions/db/requests";
import { DEFAULT_RETENTION_MONTHS, retentionFeature } from "../../functions/features/retention";
import { aRequest, HARBOUR_YOUNG_PEOPLE, MEADOW_CLINIC, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";
import { createStaff, startSession } from "../support/staff";

/** Retention: personal data goes a set time after a request finishes; statistics stay the same. */

const DAY = 24 * 60 * 60 * 1000;

/** What statistics are counted from: the anonymous parts of every route. */
const statistics = (items: Record<string, unknown>[]) =>
  items
    .filter((i) => i.type === "route")
    .map((r) => ({ serviceId: r.serviceId, organisationId: r.organisationId, status: r.status, urgent: r.urgent, areaId: r.areaId, ageBand: r.ageBand, needs: r.needs, asker: r.asker, createdAt: r.createdAt, updatedAt: r.updatedAt }))
    .sort((a, b) => String(a.serviceId).localeCompare(String(b.serviceId)));

describe("retention", () => {
  it("removes a finished request's personal data after the retention period, keeps statistics, and stops its check-in code", async () => {
    const env = await staffApp();
    const res = await env.call("POST", "/api/requests", { body: aRequest(), headers: { "Idempotency-Key": newKey() } });
    const { reference, checkInCode } = res.json;
    const harbour = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    const meadow = await createStaff(env.db, [{ role: "worker", organisationId: MEADOW_CLINIC.organisationId }]);
    const act = async (who: typeof harbour, serviceId: string, body: unknown) => {
      const token = await startSession(env.db, who.account.id, env.clock.now);
      const out = await env.call("POST", `/api/staff/inbox/${reference}/${serviceId}/actions`, { token, body });
      expect(out.status, JSON.stringify(out.json)).toBe(200);
    };
    await act(harbour, HARBOUR_YOUNG_PEOPLE.id, { action: "acknowledge" });
    await act(harbour, HARBOUR_YOUNG_PEOPLE.id, { action: "contact", outcome: "reached", channel: "text", note: "Talked about school, Sam is OK." });
    await act(harbour, HARBOUR_YOUNG_PEOPLE.id, { action: "close", outcome: "support-completed", note: "Finished with Sam." });

    // One service still working: nothing is scheduled, the code still works.
    const requests = requestRepository(env.db);
    expect((await requests.getWhole(reference)).request!.closedAt).toBeUndefined();
    expect((await env.call("POST", "/api/check-in/sign-in", { body: { reference, code: checkInCode } })).status).toBe(200);

    env.clock.now += DAY;
    await act(meadow, MEADOW_CLINIC.id, { action: "decline", reason: "Not for us.", signpostText: "Your GP" });
    const finished = (await requests.getWhole(reference)).request!;
    expect(finished.closedAt).toBe(new Date(env.clock.now).toISOString());
    const expected = new Date(env.clock.now);
    expected.setUTCMonth(expected.getUTCMonth() + DEFAULT_RETENTION_MONTHS);
    expect(finished.purgeAt).toBe(expected.toISOString());
    // The TTL is the second, independent way.
    const raw = await env.db.doc.send(new GetCommand({ TableName: env.db.tableName, Key: keys.request(reference) }));
    expect(raw.Item!.expiresAt).toBe(Math.ceil(expected.getTime() / 1000));
    // All finished: the check-in code stops working (the same message as a wrong code).
    const stopped = await env.call("POST", "/api/check-in/sign-in", { body: { reference, code: checkInCode } });
    expect(stopped.status).toBe(401);

    const scan = async () => (await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items ?? [];
    const before = statistics(await scan());
    expect(before).toHaveLength(2);

    const retention = retentionFeature({ requests, now: () => env.clock.now, retentionMonths: DEFAULT_RETENTION_MONTHS });
    env.clock.now = expected.getTime() - DAY;
    expect(await retention.sweep()).toBe(0);
    expect((await requests.getWhole(reference)).request).toBeDefined();

    env.clock.now = expected.getTime() + 1000;
    expect(await retention.sweep()).toBe(1);
    const after = await scan();
    expect((await requests.getWhole(reference)).request).toBeUndefined();
    const everything = JSON.stringify(after.filter((i) => /^(REQUEST|CONTACT|IDEMPOTENCY|RETENTION)/.test(String(i.pk))));
    for (const personal of ["bluebird", "07700", "after school", "write things down", "Sam", "Your GP", "Not for us"]) expect(everything, personal).not.toContain(personal);
    expect(after.filter((i) => i.type === "route-event").every((e) => Object.keys(e.sealed as object).length === 0 && e.by === undefined)).toBe(true);
    expect(after.some((i) => ["contact-match", "retention", "retention-check", "idempotency"].includes(String(i.type)))).toBe(false);
    expect(statistics(after)).toEqual(before);
    // Running it again finds nothing.
    expect(await retention.sweep()).toBe(0);
  });

  it("still schedules a request whose last route finished just before a crash: the sweep makes the check the crash skipped", async () => {
    const env = await staffApp();
    const only = [HARBOUR_YOUNG_PEOPLE.id];
    const { reference } = (await env.call("POST", "/api/requests", { body: aRequest({ serviceIds: only, consentServiceIds: only }), headers: { "Idempotency-Key": newKey() } })).json;
    const requests = requestRepository(env.db);
    // The route's change is saved, then the process stops before anything checks the whole request.
    const [route] = (await requests.getWhole(reference)).routes;
    const at = new Date(env.clock.now).toISOString();
    const after = { ...route!, status: "closed" as const, updatedAt: at, version: route!.version + 1 };
    expect(await requests.changeRoutes([{ before: route!, after, event: { id: randomUUID(), reference, serviceId: route!.serviceId, version: after.version, at, action: "close", outcome: "support-completed", sealed: {} } }])).toBe(true);
    expect((await requests.getWhole(reference)).request!.closedAt).toBeUndefined();
    expect(await requests.retentionChecks()).toEqual([expect.objectContaining({ reference })]);

    const retention = retentionFeature({ requests, now: () => env.clock.now, retentionMonths: 1 });
    expect(await retention.sweep()).toBe(0);
    const scheduled = (await requests.getWhole(reference)).request!;
    expect(scheduled.closedAt).toBe(at);
    expect(await requests.retentionChecks()).toEqual([]);

    env.clock.now = Date.parse(scheduled.purgeAt!) + 1000;
    expect(await retention.sweep()).toBe(1);
    expect((await requests.getWhole(reference)).request).toBeUndefined();
  });

  it("honours a deployment's own retention period", async () => {
    const env = await staffApp();
    const only = [HARBOUR_YOUNG_PEOPLE.id];
    const res = await env.call("POST", "/api/requests", { body: aRequest({ serviceIds: only, consentServiceIds: only }), headers: { "Idempotency-Key": newKey() } });
    const cookie = /onedoor_checkin=([^;]*)/.exec((await env.call("POST", "/api/check-in/sign-in", { body: { reference: res.json.reference, code: res.json.checkInCode } })).setCookie)![1];
    await env.call("POST", `/api/check-in/services/${HARBOUR_YOUNG_PEOPLE.id}/withdraw`, { headers: { cookie: `onedoor_checkin=${cookie}` } });
    const request = (await requestRepository(env.db).getWhole(res.json.reference)).request!;
    const months = (Date.parse(request.purgeAt!) - Date.parse(request.closedAt!)) / (30 * DAY);
    expect(Math.round(months)).toBe(12);
  });
});
