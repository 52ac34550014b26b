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
    const env = await staffApp();
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
