import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { auditRepository } from "../../functions/db/audit";
import { beforeAll, describe, expect, it } from "vitest";
import type { Grant, Role } from "../../functions/domain/roles";
import { aRequest, HARBOUR_FAMILY, HARBOUR_YOUNG_PEOPLE, MEADOW_CLINIC, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";
import { createStaff, startSession } from "../support/staff";

/** The provider inbox (J6): who sees which routes, what they see first, and every action. */

const HARBOUR_ORG = HARBOUR_YOUNG_PEOPLE.organisationId;
const MEADOW_ORG = MEADOW_CLINIC.organisationId;

type Env = Awaited<ReturnType<typeof staffApp>>;

async function signedIn(env: Env, grants: Grant[]) {
  const staff = await createStaff(env.db, grants);
  return { ...staff, token: await startSession(env.db, staff.account.id) };
}

async function ask(env: Env, overrides: Parameters<typeof aRequest>[0] = {}) {
  const res = await env.call("POST", "/api/requests", { body: aRequest(overrides), headers: { "Idempotency-Key": newKey() } });
  expect(res.status).toBe(201);
  return res.json.reference as string;
}

const routePath = (reference: string, serviceId: string) => `/api/staff/inbox/${reference}/${serviceId}`;

describe("the inbox list", () => {
  it("shows a worker the routes to their organisation's services only: urgent first, then oldest, with counts and filters", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const oldest = await ask(env, { serviceIds: [HARBOUR_YOUNG_PEOPLE.id], consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id] });
    env.clock.now += 60_000;
    const both = await ask(env); // Harbour Young People + Meadow Therapy
    env.clock.now += 60_000;
    const urgent = await ask(env, { safeNow: "no", serviceIds: [HARBOUR_FAMILY.id], consentServiceIds: [HARBOUR_FAMILY.id] });

    const list = await env.call("GET", "/api/staff/inbox", { token: worker.token });
    expect(list.status).toBe(200);
    expect(list.json.routes.map((r: { reference: string }) => r.reference)).toEqual([urgent, oldest, both]);
    expect(list.json.routes.every((r: { serviceId: string }) => r.serviceId !== MEADOW_CLINIC.id)).toBe(true);
    expect(list.json.counts).toMatchObject({ all: 3, urgent: 1, byStatus: { received: 3 }, byService: { [HARBOUR_YOUNG_PEOPLE.id]: 2, [HARBOUR_FAMILY.id]: 1 } });
    expect(list.json.services.map((s: { id: string }) => s.id)).toContain(HARBOUR_FAMILY.id);
    // The list never carries contact details or free text.
    expect(JSON.stringify(list.json)).not.toMatch(/07700|bluebird|after school/);

    const byService = await env.call("GET", `/api/staff/inbox?serviceId=${HARBOUR_FAMILY.id}`, { token: worker.token });
    expect(byService.json.routes.map((r: { reference: string }) => r.reference)).toEqual([urgent]);
    expect(byService.json.counts.all).toBe(3); // counts describe the view, before filters

    const meadow = await signedIn(env, [{ role: "manager", organisationId: MEADOW_ORG }]);
    const theirs = await env.call("GET", "/api/staff/inbox", { token: meadow.token });
    expect(theirs.json.routes.map((r: { reference: string }) => r.reference)).toEqual([both]);
  });

  it("moves a route to the closed view when it is declined, and filters by status", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env, { serviceIds: [HARBOUR_FAMILY.id], consentServiceIds: [HARBOUR_FAMILY.id] });
    const declined = await env.call("POST", `${routePath(reference, HARBOUR_FAMILY.id)}/actions`, {
      token: worker.token,
      body: { action: "decline", reason: "We only work with families.", signpostServiceId: MEADOW_CLINIC.id },
    });
    expect(declined.status).toBe(200);
    expect((await env.call("GET", "/api/staff/inbox", { token: worker.token })).json.routes).toHaveLength(0);
    const closed = await env.call("GET", "/api/staff/inbox?view=closed&status=declined", { token: worker.token });
    expect(closed.json.routes.map((r: { reference: string }) => r.reference)).toEqual([reference]);
    const none = await env.call("GET", "/api/staff/inbox?view=closed&status=closed", { token: worker.token });
    expect(none.json.routes).toHaveLength(0);
  });

  it("refuses bad filters with field errors", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    for (const [query, field] of [["view=all", "view"], ["status=lost", "status"], ["serviceId=42", "serviceId"]]) {
      const res = await env.call("GET", `/api/staff/inbox?${query}`, { token: worker.token });
      expect(res.status).toBe(400);
      expect(res.json.error.fields[0].field).toBe(field);
    }
  });
});

describe("opening a route", () => {
  it("shows the safe-contact instructions and decrypted details, and audits the read", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    const res = await env.call("GET", routePath(reference, HARBOUR_YOUNG_PEOPLE.id), { token: worker.token });
    expect(res.status).toBe(200);
    const route = res.json.route;
    expect(Object.keys(route).indexOf("safeContact")).toBeLessThan(Object.keys(route).indexOf("contact"));
    expect(route.safeContact).toEqual({ method: "text", safeDays: ["MO", "WE"], safeTimes: ["afternoon"], voicemailOk: false, sayWhoWeAre: false, codeWord: "bluebird" });
    expect(route.contact).toEqual({ phone: "07700900123" });
    expect(route.message).toBe("I would like to talk to someone after school.");
    expect(route.preferences.accessibilityNeeds).toBe("Please write things down for me.");
    expect(route.history).toEqual([{ at: route.createdAt, action: "received" }]);
    expect(route.actions).toEqual(["acknowledge", "wait", "allocate", "decline", "contact"]);
    expect(route.colleagues).toContainEqual({ accountId: worker.account.id, name: worker.account.name });

    const audit = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#a = :a", ExpressionAttributeNames: { "#a": "action" }, ExpressionAttributeValues: { ":a": "route.read" } }));
    expect(audit.Items!.filter((entry) => entry.pk === "AUDIT")).toHaveLength(1);
    expect(audit.Items![0]).toMatchObject({ actorId: worker.account.id, record: `route:${reference}:${HARBOUR_YOUNG_PEOPLE.id}`, organisationId: HARBOUR_ORG });
  });

  it("answers 404 for a route of another organisation, a route that does not exist, and a bad reference", async () => {
    const env = await staffApp();
    const meadow = await signedIn(env, [{ role: "worker", organisationId: MEADOW_ORG }]);
    const reference = await ask(env);
    expect((await env.call("GET", routePath(reference, HARBOUR_YOUNG_PEOPLE.id), { token: meadow.token })).status).toBe(404);
    expect((await env.call("GET", routePath("ABCDEFGH", MEADOW_CLINIC.id), { token: meadow.token })).status).toBe(404);
    const bad = await env.call("GET", routePath("not-a-ref", MEADOW_CLINIC.id), { token: meadow.token });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("reference");
  });
});

describe("actions", () => {
  const act = (env: Env, token: string, reference: string, body: unknown, serviceId = HARBOUR_YOUNG_PEOPLE.id) =>
    env.call("POST", `${routePath(reference, serviceId)}/actions`, { token, body });

  it("walks a route through acknowledge, waiting list, contact attempt, allocate and close, recording who and when", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const manager = await signedIn(env, [{ role: "manager", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);

    expect((await act(env, worker.token, reference, { action: "acknowledge" })).json.route.status).toBe("acknowledged");
    const waiting = await act(env, worker.token, reference, { action: "wait", expectedWaitWeeks: 6 });
    expect(waiting.json.route).toMatchObject({ status: "waiting", expectedWaitWeeks: 6 });
    const contact = await act(env, worker.token, reference, { action: "contact", outcome: "not-safe", channel: "text", note: "Said later is better." });
    expect(contact.json.route.status).toBe("waiting");
    const allocated = await act(env, manager.token, reference, { action: "allocate", accountId: worker.account.id });
    expect(allocated.json.route).toMatchObject({ status: "allocated", allocatedTo: { accountId: worker.account.id, name: worker.account.name } });
    const closed = await act(env, worker.token, reference, { action: "close", outcome: "support-completed", note: "Finished the sessions." });
    expect(closed.json.route.status).toBe("closed");
    expect(closed.json.route.actions).toEqual([]);

    const history = closed.json.route.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["received", "acknowledge", "wait", "contact", "allocate", "close"]);
    expect(history[3]).toMatchObject({ outcome: "not-safe", channel: "text", note: "Said later is better.", by: { accountId: worker.account.id } });
    expect(history[4].by.accountId).toBe(manager.account.id);
    expect(history.every((h: { at: string }) => !Number.isNaN(Date.parse(h.at)))).toBe(true);

    // Notes are kept encrypted.
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }));
    expect(JSON.stringify(scan.Items)).not.toMatch(/Said later|Finished the sessions/);
    // Each action is in the audit log too.
    const audit = scan.Items!.filter((i) => i.pk === "AUDIT").map((i) => i.action);
    expect(audit).toEqual(expect.arrayContaining(["route.acknowledge", "route.wait", "route.contact", "route.allocate", "route.close"]));
  });

  it("declines only with a reason and a signpost, and shows the signpost in the history", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    const noSignpost = await act(env, worker.token, reference, { action: "decline", reason: "Full." });
    expect(noSignpost.status).toBe(400);
    expect(noSignpost.json.error.fields[0]).toMatchObject({ field: "signpost", message: expect.stringContaining("where they can go instead") });
    const noReason = await act(env, worker.token, reference, { action: "decline", signpostText: "Your GP" });
    expect(noReason.json.error.fields[0].field).toBe("reason");
    const unknown = await act(env, worker.token, reference, { action: "decline", reason: "Full.", signpostServiceId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields[0].field).toBe("signpost");
    const declined = await act(env, worker.token, reference, { action: "decline", reason: "We are full until spring.", signpostServiceId: MEADOW_CLINIC.id, signpostText: "Or call Childline on 0800 1111" });
    expect(declined.status).toBe(200);
    expect(declined.json.route.history.at(-1)).toMatchObject({
      action: "decline",
      reason: "We are full until spring.",
      signpost: { serviceId: MEADOW_CLINIC.id, serviceName: MEADOW_CLINIC.name, text: "Or call Childline on 0800 1111" },
    });
  });

  it("keeps the kind of reason for a decline on its event, and refuses a kind it does not know", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    const unknown = await act(env, worker.token, reference, { action: "decline", reasonCode: "bored", reason: "Full.", signpostText: "Your GP" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.fields).toEqual([expect.objectContaining({ field: "reasonCode", message: "Choose the kind of reason from the list." })]);

    const declined = await act(env, worker.token, reference, { action: "decline", reasonCode: "not-eligible-area", reason: "We only work in Bristol.", signpostText: "Your GP" });
    expect(declined.status).toBe(200);
    const detail = await env.call("GET", routePath(reference, HARBOUR_YOUNG_PEOPLE.id), { token: worker.token });
    expect(detail.status).toBe(200);
    expect(detail.json.route.history.at(-1)).toMatchObject({ action: "decline", reasonCode: "not-eligible-area", reason: "We only work in Bristol." });
  });

  it("refuses illegal status changes with a clear 409, and bad input with field errors", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    const closeNew = await act(env, worker.token, reference, { action: "close", outcome: "other" });
    expect(closeNew.status).toBe(409);
    expect(closeNew.json.error).toMatchObject({ code: "route.not_allowed", message: "You cannot close a request that is new." });

    for (const [body, field] of [
      [{ action: "wait" }, "expectedWaitWeeks"],
      [{ action: "wait", expectedWaitWeeks: -1 }, "expectedWaitWeeks"],
      [{ action: "wait", expectedWaitWeeks: 2.5 }, "expectedWaitWeeks"],
      [{ action: "wait", expectedWaitWeeks: 500 }, "expectedWaitWeeks"],
      [{ action: "allocate", accountId: "someone" }, "accountId"],
      [{ action: "contact", outcome: "maybe", channel: "text" }, "outcome"],
      [{ action: "contact", outcome: "reached", channel: "pigeon" }, "channel"],
      [{ action: "contact", outcome: "reached", channel: "text", note: "x".repeat(501) }, "note"],
      [{ action: "close", outcome: "bored" }, "outcome"],
      [{ action: "fly" }, "action"],
    ] as const) {
      const res = await act(env, worker.token, reference, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.fields.map((f: { field: string }) => f.field), JSON.stringify(body)).toContain(field);
    }
    const stranger = await act(env, worker.token, reference, { action: "allocate", accountId: "00000000-0000-4000-8000-000000000000" });
    expect(stranger.status).toBe(400);
    expect(stranger.json.error.fields[0].field).toBe("accountId");

    await act(env, worker.token, reference, { action: "decline", reason: "Full.", signpostText: "Your GP" });
    for (const body of [{ action: "acknowledge" }, { action: "contact", outcome: "reached", channel: "text" }]) {
      const after = await act(env, worker.token, reference, body);
      expect(after.status).toBe(409);
      expect(after.json.error.message).toMatch(/declined/);
    }
  });

  it("lets only one of two simultaneous changes win", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    const [a, b] = await Promise.all([act(env, worker.token, reference, { action: "acknowledge" }), act(env, worker.token, reference, { action: "acknowledge" })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const again = await env.call("GET", routePath(reference, HARBOUR_YOUNG_PEOPLE.id), { token: worker.token });
    expect(again.json.route.history.filter((h: { action: string }) => h.action === "acknowledge")).toHaveLength(1);
  });
});

describe("authorisation of every inbox route", () => {
  const roles: { role: Role; grant: (org: string) => Grant; may: boolean }[] = [
    { role: "worker", grant: (org) => ({ role: "worker", organisationId: org }), may: true },
    { role: "manager", grant: (org) => ({ role: "manager", organisationId: org }), may: true },
    { role: "navigator", grant: () => ({ role: "navigator", areaId: "E06000023" }), may: false },
    { role: "moderator", grant: () => ({ role: "moderator" }), may: false },
    { role: "facilitator", grant: () => ({ role: "facilitator", groupId: "5f0c7a52-8a0d-4b9e-9d55-1c2f0e6a7d01" }), may: false },
    { role: "commissioner", grant: () => ({ role: "commissioner", areaId: "E06000023" }), may: false },
    { role: "admin", grant: () => ({ role: "admin" }), may: false },
  ];
  const requestsFor = (reference: string) => [
    { name: "list", method: "GET", path: "/api/staff/inbox" },
    { name: "read", method: "GET", path: routePath(reference, HARBOUR_YOUNG_PEOPLE.id) },
    ...(["acknowledge", "wait", "allocate", "contact", "decline", "close"] as const).map((action) => ({
      name: action,
      method: "POST",
      path: `${routePath(reference, HARBOUR_YOUNG_PEOPLE.id)}/actions`,
      body: {
        acknowledge: { action },
        wait: { action, expectedWaitWeeks: 4 },
        allocate: { action, accountId: "00000000-0000-4000-8000-000000000000" },
        contact: { action, outcome: "no-answer", channel: "phone" },
        decline: { action, reason: "Full.", signpostText: "Your GP" },
        close: { action, outcome: "other" },
      }[action],
    })),
  ];

  let env: Env;
  beforeAll(async () => {
    env = await staffApp();
  });

  it.each(roles)("$role: own organisation allowed only for workers and managers; another organisation is hidden", async ({ grant, may }) => {
    const reference = await ask(env, { serviceIds: [HARBOUR_YOUNG_PEOPLE.id], consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id] });
    const own = await signedIn(env, [grant(HARBOUR_ORG)]);
    const other = await signedIn(env, [grant(MEADOW_ORG)]);
    for (const r of requestsFor(reference)) {
      const res = await env.call(r.method, r.path, { token: own.token, body: "body" in r ? r.body : undefined });
      if (!may) {
        expect(res.status, `${r.name}`).toBe(403);
        continue;
      }
      // Allowed: anything but a refusal of access (an illegal transition is a 409, a bad colleague a 400).
      expect([200, 400, 409], `${r.name}: ${JSON.stringify(res.json?.error)}`).toContain(res.status);
      if (r.name === "list") expect(res.json.routes.length).toBeGreaterThan(0);
      const theirs = await env.call(r.method, r.path, { token: other.token, body: "body" in r ? r.body : undefined });
      if (r.name === "list") expect(theirs.json.routes.some((x: { reference: string }) => x.reference === reference)).toBe(false);
      else expect(theirs.status, `${r.name} from another organisation`).toBe(404);
    }
  });

  it("asks for sign-in without a session", async () => {
    for (const r of requestsFor("ABCDEFGH")) {
      const res = await env.call(r.method, r.path, { body: "body" in r ? r.body : undefined });
      expect(res.status).toBe(401);
    }
  });
});

describe("nobody waits in silence", () => {
  const act = (env: Env, token: string, reference: string, body: unknown) =>
    env.call("POST", `${routePath(reference, HARBOUR_YOUNG_PEOPLE.id)}/actions`, { token, body });
  const WEEK = 7 * 24 * 60 * 60 * 1000;

  it("shows who is owed a check-in (every 2 weeks unless set), ahead of older requests; recording contact resets the clock", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const only = { serviceIds: [HARBOUR_YOUNG_PEOPLE.id], consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id] };
    const older = await ask(env, only);
    env.clock.now += 60_000;
    const waiting = await ask(env, only);
    env.clock.now += 60_000;
    const weekly = await ask(env, only);
    expect((await act(env, worker.token, waiting, { action: "wait", expectedWaitWeeks: 8 })).json.route).toMatchObject({ checkInEveryWeeks: 2, checkInOverdue: false });
    await act(env, worker.token, weekly, { action: "wait", expectedWaitWeeks: 8, checkInEveryWeeks: 1 });

    // Weeks pass: the worker signs in again each time (sessions end after 30 idle minutes).
    const again = async () => (worker.token = await startSession(env.db, worker.account.id, env.clock.now));
    env.clock.now += WEEK + 60_000;
    await again();
    let list = await env.call("GET", "/api/staff/inbox", { token: worker.token });
    const refs = () => list.json.routes.map((r: { reference: string }) => r.reference);
    expect(refs()).toEqual([weekly, older, waiting]);
    expect(list.json.counts.checkInOverdue).toBe(1);

    env.clock.now += WEEK;
    await again();
    list = await env.call("GET", "/api/staff/inbox", { token: worker.token });
    expect(refs()).toEqual([waiting, weekly, older]); // both overdue now: the older of them first
    expect(list.json.counts.checkInOverdue).toBe(2);

    const contacted = await act(env, worker.token, waiting, { action: "contact", outcome: "reached", channel: "text" });
    expect(contacted.json.route.checkInOverdue).toBe(false);
    list = await env.call("GET", "/api/staff/inbox", { token: worker.token });
    expect(list.json.counts.checkInOverdue).toBe(1);

    const bad = await act(env, worker.token, waiting, { action: "wait", expectedWaitWeeks: 8, checkInEveryWeeks: 0 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("checkInEveryWeeks");
  });

  it("never closes someone for missing one call: 'could not reach them' needs a failed attempt and a safe follow-up first", async () => {
    const env = await staffApp();
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    await act(env, worker.token, reference, { action: "acknowledge" });
    const early = await act(env, worker.token, reference, { action: "close", outcome: "unable-to-contact" });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("route.needs_follow_up");
    await act(env, worker.token, reference, { action: "contact", outcome: "no-answer", channel: "phone" });
    expect((await act(env, worker.token, reference, { action: "close", outcome: "unable-to-contact" })).status).toBe(409);
    await act(env, worker.token, reference, { action: "contact", outcome: "no-answer", channel: "text", note: "Safe follow-up by text at their safe time." });
    const closed = await act(env, worker.token, reference, { action: "close", outcome: "unable-to-contact" });
    expect(closed.status).toBe(200);
    expect(closed.json.route.status).toBe("closed");
  });
});

describe("the navigator view (J7)", () => {
  it("shows a navigator of the area each service's stage for people who said yes to coordination, nothing written for one service, and audits the read", async () => {
    const env = await staffApp();
    const navigator = await signedIn(env, [{ role: "navigator", areaId: "E06000023" }]);
    const elsewhere = await signedIn(env, [{ role: "navigator", areaId: "E08000035" }]);
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const yes = await ask(env); // consentToCoordination: true, area E06000023
    const no = await ask(env, { consentToCoordination: false });
    await env.call("POST", `${routePath(yes, HARBOUR_YOUNG_PEOPLE.id)}/actions`, { token: worker.token, body: { action: "contact", outcome: "reached", channel: "text", note: "Private note" } });

    const list = await env.call("GET", "/api/staff/coordination", { token: navigator.token });
    expect(list.status).toBe(200);
    const refs = list.json.requests.map((r: { reference: string }) => r.reference);
    expect(refs).toContain(yes);
    expect(refs).not.toContain(no);

    const one = await env.call("GET", `/api/staff/coordination/${yes}`, { token: navigator.token });
    expect(one.status).toBe(200);
    expect(one.json.request.services.map((s: { serviceName: string }) => s.serviceName).sort()).toEqual([HARBOUR_YOUNG_PEOPLE.name, MEADOW_CLINIC.name].sort());
    const harbour = one.json.request.services.find((s: { serviceId: string }) => s.serviceId === HARBOUR_YOUNG_PEOPLE.id);
    expect(harbour).toMatchObject({ status: "received", lastContactAt: expect.any(String) });
    expect(JSON.stringify(one.json)).not.toMatch(/07700|bluebird|after school|Private note|write things down/);

    const audit = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#a = :a", ExpressionAttributeNames: { "#a": "action" }, ExpressionAttributeValues: { ":a": "coordination.read" } }));
    expect(audit.Items!.filter((entry) => entry.pk === "AUDIT")).toHaveLength(1);

    // Not in their area, not consented, or not a navigator: nothing.
    expect((await env.call("GET", `/api/staff/coordination/${yes}`, { token: elsewhere.token })).status).toBe(404);
    expect((await env.call("GET", "/api/staff/coordination", { token: elsewhere.token })).json.requests).toEqual([]);
    expect((await env.call("GET", `/api/staff/coordination/${no}`, { token: navigator.token })).status).toBe(404);
    expect((await env.call("GET", "/api/staff/coordination", { token: worker.token })).status).toBe(403);
    const admin = await signedIn(env, [{ role: "admin" }]);
    expect((await env.call("GET", `/api/staff/coordination/${yes}`, { token: admin.token })).status).toBe(403);
  });
});

describe("subject access export", () => {
  it("gives an admin everything held about one request as JSON, decrypted, with who read it; the export is audited; nobody else may", async () => {
    const env = await staffApp();
    const admin = await signedIn(env, [{ role: "admin" }]);
    const worker = await signedIn(env, [{ role: "worker", organisationId: HARBOUR_ORG }]);
    const reference = await ask(env);
    await env.call("GET", routePath(reference, HARBOUR_YOUNG_PEOPLE.id), { token: worker.token });
    await env.call("POST", `${routePath(reference, HARBOUR_YOUNG_PEOPLE.id)}/actions`, { token: worker.token, body: { action: "contact", outcome: "reached", channel: "text", note: "Spoke briefly." } });
    // Much else is audited afterwards: the reads of this request are still found.
    const log = auditRepository(env.db);
    for (let i = 0; i < 1001; i += 50) {
      await Promise.all(Array.from({ length: 50 }, () => log.append({ action: "audit.read", at: new Date(env.clock.now).toISOString(), sourceHash: "elsewhere" })));
    }

    const res = await env.call("GET", `/api/staff/requests/${reference.toLowerCase()}/export`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`onedoor-${reference}.json`);
    expect(res.json.request.answers).toMatchObject({ message: "I would like to talk to someone after school.", contact: { phone: "07700900123", codeWord: "bluebird" } });
    expect(res.json.services).toHaveLength(2);
    expect(res.json.history[0]).toMatchObject({ action: "contact", note: "Spoke briefly." });
    // (The test clock stands still, so the three share one time: compared without order.)
    const access = res.json.access as { action: string; actorId: string }[];
    expect(access.map((a) => `${a.action} ${a.actorId}`).sort()).toEqual(
      [`request.exported ${admin.account.id}`, `route.contact ${worker.account.id}`, `route.read ${worker.account.id}`],
    );
    expect(JSON.stringify(res.json)).not.toContain("scrypt$");
    // Without a session: refused, and not counted as an export below.
    expect((await env.call("GET", `/api/staff/requests/${reference}/export`)).status).toBe(401);

    const audit = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#a = :a", ExpressionAttributeNames: { "#a": "action" }, ExpressionAttributeValues: { ":a": "request.exported" } }));
    const exported = audit.Items!.filter((entry) => entry.pk === "AUDIT");
    expect(exported).toHaveLength(1);
    // The log entry says who made the export and of which request.
    expect(exported[0]).toMatchObject({ actorId: admin.account.id, record: `request:${reference}`, outcome: "allowed" });
    expect((await env.call("GET", `/api/staff/requests/${reference}/export`, { token: worker.token })).status).toBe(403);
    expect((await env.call("GET", "/api/staff/requests/ABCDEFGH/export", { token: admin.token })).status).toBe(404);
    expect((await env.call("GET", "/api/staff/requests/nope/export", { token: admin.token })).status).toBe(400);
  });
});
