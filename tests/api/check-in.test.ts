import { describe, expect, it } from "vitest";
import { CHECK_IN_LIMITS, CHECK_IN_SESSION } from "../../functions/domain/check-in";
import { formatCheckInCode, formatReference, newReference } from "../../functions/domain/request-codes";
import { aRequest, HARBOUR_FAMILY, MEADOW_CLINIC, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";
import { createStaff, startSession } from "../support/staff";

/** Checking in (J3): reference + check-in code, guessing locked, a short session, plain-word stages. */

type Env = Awaited<ReturnType<typeof staffApp>>;

async function asked(env: Env) {
  const ids = [HARBOUR_FAMILY.id, MEADOW_CLINIC.id];
  const res = await env.call("POST", "/api/requests", { body: aRequest({ serviceIds: ids, consentServiceIds: ids }), headers: { "Idempotency-Key": newKey() } });
  expect(res.status).toBe(201);
  return res.json as { reference: string; checkInCode: string };
}

const cookieOf = (setCookie: string) => /onedoor_checkin=([^;]*)/.exec(setCookie)?.[1];

async function signIn(env: Env, reference: string, code: string, headers: Record<string, string> = {}) {
  return env.call("POST", "/api/check-in/sign-in", { body: { reference, code }, headers });
}

describe("signing in to check in", () => {
  it("opens the request with the reference and code as shown (spaces allowed), with each service's stage", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const res = await signIn(env, formatReference(reference).toLowerCase(), formatCheckInCode(checkInCode));
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/onedoor_checkin=[^;]+;.*HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Strict/i);
    expect(res.json.request.reference).toBe(reference);
    expect(res.json.request.services.map((s: { serviceName: string }) => s.serviceName).sort()).toEqual([HARBOUR_FAMILY.name, MEADOW_CLINIC.name].sort());
    expect(res.json.request.services[0].stage).toBe("We have sent them your request. They have not looked at it yet.");
    // The view holds no contact details or free text.
    expect(JSON.stringify(res.json)).not.toMatch(/07700|bluebird|after school/);

    const again = await env.call("GET", "/api/check-in", { headers: { cookie: `onedoor_checkin=${cookieOf(res.setCookie)}` } });
    expect(again.status).toBe(200);
    expect(again.json.request.reference).toBe(reference);
  });

  it("shows what a service did: the waiting list with its wait, and a decline with where to go instead", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const manager = await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_FAMILY.organisationId }]);
    const meadow = await createStaff(env.db, [{ role: "worker", organisationId: MEADOW_CLINIC.organisationId }]);
    const token = await startSession(env.db, manager.account.id);
    const meadowToken = await startSession(env.db, meadow.account.id);
    await env.call("POST", `/api/staff/inbox/${reference}/${HARBOUR_FAMILY.id}/actions`, { token, body: { action: "wait", expectedWaitWeeks: 6 } });
    await env.call("POST", `/api/staff/inbox/${reference}/${MEADOW_CLINIC.id}/actions`, { token: meadowToken, body: { action: "decline", reason: "Internal note", signpostServiceId: HARBOUR_FAMILY.id, signpostText: "Or your GP" } });
    const res = await signIn(env, reference, checkInCode);
    const byId = Object.fromEntries(res.json.request.services.map((s: { serviceId: string }) => [s.serviceId, s]));
    expect(byId[HARBOUR_FAMILY.id]).toMatchObject({ status: "waiting", expectedWaitWeeks: 6, stage: "You are on their waiting list. The wait is about 6 weeks." });
    expect(byId[MEADOW_CLINIC.id]).toMatchObject({ status: "declined", signpost: { serviceId: HARBOUR_FAMILY.id, serviceName: HARBOUR_FAMILY.name, text: "Or your GP" } });
    expect(JSON.stringify(res.json)).not.toContain("Internal note"); // the reason is for staff
  });

  it("shows the service's new expected wait to people on its list when the service updates its listing", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const manager = await createStaff(env.db, [{ role: "manager", organisationId: HARBOUR_FAMILY.organisationId }]);
    const token = await startSession(env.db, manager.account.id);
    await env.call("POST", `/api/staff/inbox/${reference}/${HARBOUR_FAMILY.id}/actions`, { token, body: { action: "wait", expectedWaitWeeks: 6 } });
    env.clock.now += 60_000;
    const { id: _id, updatedAt: _u, waitUpdatedAt: _w, ...listing } = HARBOUR_FAMILY;
    const updated = await env.call("PUT", `/api/staff/services/${HARBOUR_FAMILY.id}`, { token, body: { ...listing, expectedWaitWeeks: 10 } });
    expect(updated.status, JSON.stringify(updated.json)).toBe(200);
    const res = await signIn(env, reference, checkInCode);
    const harbour = res.json.request.services.find((s: { serviceId: string }) => s.serviceId === HARBOUR_FAMILY.id);
    expect(harbour).toMatchObject({ expectedWaitWeeks: 10, stage: "You are on their waiting list. The wait is about 10 weeks." });
  });

  it("never says which of the two was wrong", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const wrongCode = await signIn(env, reference, "000000000000");
    const wrongReference = await signIn(env, "ABCDEFGH", checkInCode);
    expect(wrongCode.status).toBe(401);
    expect(wrongReference.status).toBe(401);
    expect(wrongCode.json.error).toMatchObject({ code: "check_in.failed" });
    expect(wrongReference.json.error.message).toBe(wrongCode.json.error.message);
  });

  it("names the box to fix when a value cannot be a reference or a code", async () => {
    const env = await staffApp();
    for (const [body, field] of [
      [{ reference: "", code: "123412341234" }, "reference"],
      [{ reference: "ABC", code: "123412341234" }, "reference"],
      [{ reference: "ABCDEFGH", code: "" }, "code"],
      [{ reference: "ABCDEFGH", code: "12ab" }, "code"],
      [{ code: "123412341234" }, "reference"],
    ] as const) {
      const res = await env.call("POST", "/api/check-in/sign-in", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.fields[0].field).toBe(field);
    }
  });
});

describe("guessing", () => {
  it("locks a reference after a few wrong codes: of 1,000 guesses only the first ten are even tried, and then the right code waits too", async () => {
    // As deployed: only there is CloudFront's word for each guess's address believed.
    const env = await staffApp({ originSecret: "through-cloudfront" });
    const { reference, checkInCode } = await asked(env);
    const statuses: number[] = [];
    for (let i = 0; i < 1000; i++) {
      // Each guess from a different address, so only the per-reference lock can stop them.
      const res = await signIn(env, reference, String(100000000000 + i), { "cloudfront-viewer-address": `198.51.100.${i % 250}:443` });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(CHECK_IN_LIMITS.referenceLockAfter);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - CHECK_IN_LIMITS.referenceLockAfter);
    const right = await signIn(env, reference, checkInCode);
    expect(right.status).toBe(429);
    expect(right.json.error.code).toBe("check_in.locked");
    // After the lock, the right code works.
    env.clock.now += CHECK_IN_LIMITS.referenceLockMs + 1000;
    expect((await signIn(env, reference, checkInCode)).status).toBe(200);
  }, 120_000);

  it("locks an address that tries many references", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const statuses: number[] = [];
    for (let i = 0; i < CHECK_IN_LIMITS.addressLockAfter + 5; i++) {
      statuses.push((await signIn(env, newReference(), "123412341234")).status);
    }
    expect(statuses.slice(0, CHECK_IN_LIMITS.addressLockAfter).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(CHECK_IN_LIMITS.addressLockAfter).every((s) => s === 429)).toBe(true);
    expect((await signIn(env, reference, checkInCode)).status).toBe(429);
  }, 60_000);
});

describe("the check-in session", () => {
  it("ends after 15 minutes without use, and on sign out (on the server, not just the cookie)", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const cookie = `onedoor_checkin=${cookieOf((await signIn(env, reference, checkInCode)).setCookie)}`;
    env.clock.now += CHECK_IN_SESSION.idleMs - 60_000;
    expect((await env.call("GET", "/api/check-in", { headers: { cookie } })).status).toBe(200);
    env.clock.now += CHECK_IN_SESSION.idleMs + 1000;
    const idle = await env.call("GET", "/api/check-in", { headers: { cookie } });
    expect(idle.status).toBe(401);
    expect(idle.json.error.code).toBe("check_in.signed_out");

    const second = `onedoor_checkin=${cookieOf((await signIn(env, reference, checkInCode)).setCookie)}`;
    expect((await env.call("POST", "/api/check-in/sign-out", { headers: { cookie: second } })).status).toBe(204);
    expect((await env.call("GET", "/api/check-in", { headers: { cookie: second } })).status).toBe(401);
    expect((await env.call("GET", "/api/check-in")).status).toBe(401);
  });

  it("does not open a staff session, nor a staff session a check-in", async () => {
    const env = await staffApp();
    const { reference, checkInCode } = await asked(env);
    const token = cookieOf((await signIn(env, reference, checkInCode)).setCookie)!;
    expect((await env.call("GET", "/api/staff/inbox", { token })).status).toBe(401);
    const staff = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_FAMILY.organisationId }]);
    const staffToken = await startSession(env.db, staff.account.id);
    expect((await env.call("GET", "/api/check-in", { headers: { cookie: `onedoor_checkin=${staffToken}` } })).status).toBe(401);
  });
});

describe("while waiting", () => {
  async function signedInPerson(env: Env) {
    const made = await asked(env);
    const cookie = `onedoor_checkin=${cookieOf((await signIn(env, made.reference, made.checkInCode)).setCookie)}`;
    return { ...made, cookie };
  }
  const inboxOf = async (env: Env, organisationId: string) => {
    const staff = await createStaff(env.db, [{ role: "worker", organisationId }]);
    const token = await startSession(env.db, staff.account.id);
    return async () => (await env.call("GET", "/api/staff/inbox", { token })).json.routes as { reference: string; urgent: boolean }[];
  };

  it("feeling really bad marks every open route urgent, first in each inbox, and the services see it in the history", async () => {
    const env = await staffApp();
    const harbourInbox = await inboxOf(env, HARBOUR_FAMILY.organisationId);
    const person = await signedInPerson(env);
    env.clock.now += 60_000;
    await asked(env); // a later request, not urgent
    expect((await harbourInbox())[0]!.reference).toBe(person.reference);
    const newer = await asked(env);
    void newer;

    const okay = await env.call("POST", "/api/check-in/feeling", { headers: { cookie: person.cookie }, body: { feeling: "okay", note: "Still waiting" } });
    expect(okay.status).toBe(200);
    expect((await harbourInbox()).find((r) => r.reference === person.reference)!.urgent).toBe(false);

    const low = await env.call("POST", "/api/check-in/feeling", { headers: { cookie: person.cookie }, body: { feeling: "really-bad" } });
    expect(low.status).toBe(200);
    const routes = await harbourInbox();
    expect(routes[0]).toMatchObject({ reference: person.reference, urgent: true });

    const staff = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_FAMILY.organisationId }]);
    const token = await startSession(env.db, staff.account.id);
    const detail = await env.call("GET", `/api/staff/inbox/${person.reference}/${HARBOUR_FAMILY.id}`, { token });
    const history = detail.json.route.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["received", "feeling", "feeling"]);
    expect(history[1]).toMatchObject({ outcome: "okay", note: "Still waiting" });
    expect(history[2]).toMatchObject({ outcome: "really-bad" });
  });

  it("asking to be contacted sooner when it is not safe right now marks it urgent; refuses bad answers", async () => {
    const env = await staffApp();
    const person = await signedInPerson(env);
    const bad = await env.call("POST", "/api/check-in/feeling", { headers: { cookie: person.cookie }, body: { feeling: "meh" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("feeling");
    const long = await env.call("POST", "/api/check-in/sooner", { headers: { cookie: person.cookie }, body: { notSafeNow: false, note: "x".repeat(501) } });
    expect(long.json.error.fields[0].field).toBe("note");
    const sooner = await env.call("POST", "/api/check-in/sooner", { headers: { cookie: person.cookie }, body: { notSafeNow: true } });
    expect(sooner.status).toBe(200);
    const { requestRepository } = await import("../../functions/db/requests");
    const routes = (await requestRepository(env.db).getWhole(person.reference)).routes;
    expect(routes.every((r) => r.urgent)).toBe(true);
  });

  it("withdraws from one service only, and not twice", async () => {
    const env = await staffApp();
    const person = await signedInPerson(env);
    const res = await env.call("POST", `/api/check-in/services/${MEADOW_CLINIC.id}/withdraw`, { headers: { cookie: person.cookie } });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.json.request.services.map((s: { serviceId: string }) => [s.serviceId, s]));
    expect(byId[MEADOW_CLINIC.id]).toMatchObject({ status: "withdrawn", stage: "You stopped asking this service." });
    expect(byId[HARBOUR_FAMILY.id].status).toBe("received");
    const again = await env.call("POST", `/api/check-in/services/${MEADOW_CLINIC.id}/withdraw`, { headers: { cookie: person.cookie } });
    expect(again.status).toBe(409);
    const other = await env.call("POST", `/api/check-in/services/${HARBOUR_FAMILY.organisationId}/withdraw`, { headers: { cookie: person.cookie } });
    expect(other.status).toBe(404);
  });

  it("deletes the whole request at once: nothing of it is left in DynamoDB, and the code stops working", async () => {
    const env = await staffApp();
    const person = await signedInPerson(env);
    const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
    const before = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }));
    const hashes = (before.Items ?? []).find((i) => i.type === "request" && i.reference === person.reference)!.contactHashes as string[];
    const res = await env.call("DELETE", "/api/check-in", { headers: { cookie: person.cookie } });
    expect(res.status).toBe(200);
    expect(res.json.deleted).toBe(true);
    const after = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }));
    const left = (after.Items ?? []).map((i) => JSON.stringify(i));
    expect(left.filter((i) => i.includes(person.reference)).length, "items naming the reference").toBe(0);
    for (const hash of hashes) expect(left.filter((i) => i.includes(hash)).length, "duplicate-hint items").toBe(0);
    expect((await env.call("GET", "/api/check-in", { headers: { cookie: person.cookie } })).status).toBe(401);
    expect((await signIn(env, person.reference, person.checkInCode)).status).toBe(401);
  });

  it("every action needs a live check-in", async () => {
    const env = await staffApp();
    for (const [method, path, body] of [
      ["POST", "/api/check-in/feeling", { feeling: "okay" }],
      ["POST", "/api/check-in/sooner", { notSafeNow: true }],
      ["POST", `/api/check-in/services/${MEADOW_CLINIC.id}/withdraw`, undefined],
      ["DELETE", "/api/check-in", undefined],
    ] as const) {
      const res = await env.call(method, path, { body, headers: { cookie: "onedoor_checkin=not-a-session" } });
      expect(res.status, path).toBe(401);
    }
  });
});

describe("changing how to be contacted", () => {
  it("shows the person their own details, saves new ones encrypted, recomputes duplicate hints, and tells each open service", async () => {
    const env = await staffApp();
    const made = await asked(env);
    const cookie = `onedoor_checkin=${cookieOf((await signIn(env, made.reference, made.checkInCode)).setCookie)}`;
    const mine = await env.call("GET", "/api/check-in/contact", { headers: { cookie } });
    expect(mine.status).toBe(200);
    expect(mine.json.contact).toMatchObject({ method: "text", phone: "07700900123", codeWord: "bluebird" });

    const bad = await env.call("PUT", "/api/check-in/contact", { headers: { cookie }, body: { contact: { method: "email" } } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].field).toBe("contact.email");

    const res = await env.call("PUT", "/api/check-in/contact", {
      headers: { cookie },
      body: { contact: { method: "email", email: "new.address@example.org", safeDays: ["TU"], safeTimes: ["evening"], codeWord: "heron" }, preferences: { workerGender: "male" } },
    });
    expect(res.status).toBe(200);
    const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
    const everything = JSON.stringify((await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items);
    expect(everything).not.toContain("new.address");
    expect(everything).not.toContain("heron");

    const worker = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_FAMILY.organisationId }]);
    const token = await startSession(env.db, worker.account.id);
    const detail = (await env.call("GET", `/api/staff/inbox/${made.reference}/${HARBOUR_FAMILY.id}`, { token })).json.route;
    expect(detail.contact).toEqual({ email: "new.address@example.org" });
    expect(detail.safeContact).toMatchObject({ method: "email", safeDays: ["TU"], safeTimes: ["evening"], codeWord: "heron" });
    expect(detail.preferences).toEqual({ workerGender: "male" });
    expect(detail.message).toBe("I would like to talk to someone after school."); // kept as it was
    expect(detail.history.at(-1).action).toBe("contact-changed");

    // A later request with the new email is a possible duplicate; the old phone no longer matches.
    const ids = [HARBOUR_FAMILY.id];
    const later = await env.call("POST", "/api/requests", {
      body: aRequest({ serviceIds: ids, consentServiceIds: ids, contact: { method: "email", email: "New.Address@example.org", safeDays: [], safeTimes: [] } }),
      headers: { "Idempotency-Key": newKey() },
    });
    const laterDetail = (await env.call("GET", `/api/staff/inbox/${later.json.reference}/${HARBOUR_FAMILY.id}`, { token })).json.route;
    expect(laterDetail.possibleDuplicateOf).toEqual([made.reference]);
    const oldPhone = await env.call("POST", "/api/requests", {
      body: aRequest({ serviceIds: ids, consentServiceIds: ids }),
      headers: { "Idempotency-Key": newKey() },
    });
    const oldPhoneDetail = (await env.call("GET", `/api/staff/inbox/${oldPhone.json.reference}/${HARBOUR_FAMILY.id}`, { token })).json.route;
    expect(oldPhoneDetail.possibleDuplicateOf).not.toContain(made.reference);
  });
});
