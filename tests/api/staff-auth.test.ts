import { paginateScan } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, test } from "vitest";
import { auditRepository } from "../../functions/db/audit";
import { staffRepository } from "../../functions/db/staff";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, INVITE_LIFETIME_MS } from "../../functions/domain/staff";
import { EXAMPLE_ORGANISATIONS } from "../../functions/local/seed";
import { currentTotp } from "../../functions/security/totp";
import { staffApp } from "../support/staff-api";
import { createStaff, startSession, type TestStaff } from "../support/staff";

const ORG = EXAMPLE_ORGANISATIONS[0]!.id;
const SAME_MESSAGE = "Those sign-in details did not work. Check them and try again.";

let env: Awaited<ReturnType<typeof staffApp>>;
let worker: TestStaff;
let admin: TestStaff;
beforeEach(async () => {
  env = await staffApp();
  [worker, admin] = await Promise.all([
    createStaff(env.db, [{ role: "worker", organisationId: ORG }]),
    createStaff(env.db, [{ role: "admin" }]),
  ]);
});

const code = (s: TestStaff, offsetMs = 0) => currentTotp(s.totpSecret, env.clock.now + offsetMs);
const signIn = (s: TestStaff, overrides: Partial<{ email: string; password: string; code: string }> = {}) =>
  env.call("POST", "/api/staff/sign-in", { body: { email: s.account.email, password: s.password, code: code(s), ...overrides } });
/** Every item in the test's table, as stored. */
async function rawItems(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of paginateScan({ client: env.db.doc }, { TableName: env.db.tableName })) items.push(...(page.Items ?? []));
  return items;
}
const auditActions = async () => (await auditRepository(env.db).list({ limit: 100 })).entries.map((e) => e.action);

describe("sign-in", () => {
  test("email, password and TOTP code give a session cookie: HttpOnly, SameSite=Strict, path /", async () => {
    const res = await signIn(worker);
    expect(res.status).toBe(200);
    expect(res.json.account.email).toBe(worker.account.email);
    expect(res.json.account).not.toHaveProperty("passwordHash");
    expect(res.setCookie).toMatch(/^onedoor_staff=[A-Za-z0-9_-]{43};/);
    expect(res.setCookie).toMatch(/HttpOnly/);
    expect(res.setCookie).toMatch(/SameSite=Strict/);
    expect(res.setCookie).toMatch(/Path=\//);
    const me = await env.call("GET", "/api/staff/me", { token: env.tokenFrom(res.setCookie) });
    expect(me.json.account.id).toBe(worker.account.id);
    expect(await auditActions()).toContain("signin.succeeded");
  });

  test("on a deployment away from localhost the cookie is __Host- prefixed and Secure", async () => {
    const deployed = await staffApp({ publicOrigin: "https://onedoor.example.org" });
    const someone = await createStaff(deployed.db, [{ role: "worker", organisationId: ORG }]);
    const res = await deployed.call("POST", "/api/staff/sign-in", {
      body: { email: someone.account.email, password: someone.password, code: currentTotp(someone.totpSecret, deployed.clock.now) },
      origin: "https://onedoor.example.org",
    });
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/^__Host-onedoor_staff=.+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  });

  test("a wrong password, a wrong code and an unknown email get the very same answer", async () => {
    const answers = [
      await signIn(worker, { password: "wrong password" }),
      await signIn(worker, { code: "000000" }),
      await signIn(worker, { email: "nobody@example.org" }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(401);
      expect(res.json.error).toMatchObject({ code: "signin.failed", message: SAME_MESSAGE, fields: [] });
      expect(res.setCookie).toBe("");
    }
    expect((await auditActions()).filter((a) => a === "signin.failed")).toHaveLength(3);
  });

  test("a TOTP code cannot be replayed", async () => {
    const used = code(worker);
    expect((await signIn(worker, { code: used })).status).toBe(200);
    const again = await signIn(worker, { code: used });
    expect(again.status).toBe(401);
    expect(again.json.error.message).toBe(SAME_MESSAGE);
  });

  test("a recovery code works once, in any case and spacing, and is refused the second time", async () => {
    const recovery = worker.recoveryCodes[0]!.toLowerCase().replaceAll("-", " ");
    expect((await signIn(worker, { code: recovery })).status).toBe(200);
    expect((await signIn(worker, { code: recovery })).status).toBe(401);
    const actions = await auditActions();
    expect(actions).toContain("recovery_code.used");
    expect(actions).toContain("recovery_code.rejected");
    const account = await staffRepository(env.db).getAccount(worker.account.id);
    expect(account?.recoveryCodeHashes).toHaveLength(9);
  });

  test.each([
    [{}, ["email", "password", "code"]],
    [{ email: "not-an-email", password: "x", code: "1" }, ["email"]],
    [{ email: "a@b.org", password: "", code: "" }, ["password", "code"]],
    [{ email: "a@b.org", password: "x".repeat(300), code: "1" }, ["password"]],
  ])("bad input %o is a 400 naming %o", async (body, fields) => {
    const res = await env.call("POST", "/api/staff/sign-in", { body });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
  });
});

describe("TOTP secrets at rest", () => {
  test("an account whose secret was kept in clear has it sealed at its next sign-in, and signs in with it after", async () => {
    expect((await staffRepository(env.db).getAccount(worker.account.id))!.totpSecret).toBe(worker.totpSecret);
    expect((await signIn(worker)).status).toBe(200);
    const sealed = (await staffRepository(env.db).getAccount(worker.account.id))!;
    expect(sealed.totpSecret).toBeUndefined();
    expect(sealed.totpSealed).toBeTruthy();
    expect(JSON.stringify(await rawItems())).not.toContain(worker.totpSecret);
    env.clock.now += 30_000;
    expect((await signIn(worker)).status).toBe(200);
  });

  test("a sealed secret copied onto another account does not open there", async () => {
    await signIn(worker);
    const sealed = (await staffRepository(env.db).getAccount(worker.account.id))!.totpSealed!;
    const other = (await staffRepository(env.db).getAccount(admin.account.id))!;
    await staffRepository(env.db).saveAccount({ ...other, totpSecret: undefined, totpSealed: sealed });
    const res = await env.call("POST", "/api/staff/sign-in", { body: { email: admin.account.email, password: admin.password, code: currentTotp(worker.totpSecret, env.clock.now) } });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe(SAME_MESSAGE);
  });
});

describe("sessions", () => {
  test("end after 30 minutes idle, but a request within that keeps them going", async () => {
    const token = env.tokenFrom((await signIn(worker)).setCookie)!;
    env.clock.now += SESSION_IDLE_MS - 60_000;
    expect((await env.call("GET", "/api/staff/me", { token })).status).toBe(200);
    env.clock.now += SESSION_IDLE_MS - 60_000;
    expect((await env.call("GET", "/api/staff/me", { token })).status).toBe(200);
    env.clock.now += SESSION_IDLE_MS + 1;
    const res = await env.call("GET", "/api/staff/me", { token });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("session.required");
  });

  test("end 12 hours after sign-in however busy", async () => {
    const token = env.tokenFrom((await signIn(worker)).setCookie)!;
    const start = env.clock.now;
    let status = 200;
    while (status === 200 && env.clock.now - start < 2 * SESSION_ABSOLUTE_MS) {
      env.clock.now += 20 * 60_000;
      status = (await env.call("GET", "/api/staff/me", { token })).status;
    }
    expect(status).toBe(401);
    expect(env.clock.now - start).toBeGreaterThanOrEqual(SESSION_ABSOLUTE_MS);
    expect(env.clock.now - start).toBeLessThan(SESSION_ABSOLUTE_MS + 20 * 60_000);
  });

  test("each sign-in is a new session id; sign out ends only that one; sign out everywhere ends all", async () => {
    const first = env.tokenFrom((await signIn(worker)).setCookie)!;
    const second = env.tokenFrom((await signIn(worker, { code: code(worker, 30_000) })).setCookie)!;
    expect(first).not.toBe(second);
    expect((await env.call("POST", "/api/staff/sign-out", { token: first })).status).toBe(200);
    expect((await env.call("GET", "/api/staff/me", { token: first })).status).toBe(401);
    expect((await env.call("GET", "/api/staff/me", { token: second })).status).toBe(200);
    const third = await startSession(env.db, worker.account.id, env.clock.now);
    const everywhere = await env.call("POST", "/api/staff/sign-out-everywhere", { token: second });
    expect(everywhere.json.sessionsEnded).toBe(2);
    for (const token of [second, third]) expect((await env.call("GET", "/api/staff/me", { token })).status).toBe(401);
  });

  test("a session cookie from a deleted account is refused, cleared and audited", async () => {
    const token = await startSession(env.db, worker.account.id, env.clock.now);
    const adminToken = await startSession(env.db, admin.account.id, env.clock.now);
    expect((await env.call("DELETE", `/api/staff/accounts/${worker.account.id}`, { token: adminToken })).status).toBe(200);
    const stale = await startSession(env.db, worker.account.id, env.clock.now);
    for (const t of [token, stale]) {
      const res = await env.call("GET", "/api/staff/me", { token: t });
      expect(res.status).toBe(401);
    }
    expect(await auditActions()).toContain("session.rejected");
  });

  test("a made-up or malformed cookie is simply not signed in", async () => {
    for (const token of ["made-up", "A".repeat(43), "%00%01"]) {
      expect((await env.call("GET", "/api/staff/me", { token })).status).toBe(401);
    }
  });

  test("a role change ends the person's sessions, so their next session has the new roles", async () => {
    const workerToken = await startSession(env.db, worker.account.id, env.clock.now);
    const adminToken = await startSession(env.db, admin.account.id, env.clock.now);
    const res = await env.call("PUT", `/api/staff/accounts/${worker.account.id}/grants`, {
      token: adminToken,
      body: { grants: [{ role: "manager", organisationId: ORG }] },
    });
    expect(res.status).toBe(200);
    expect((await env.call("GET", "/api/staff/me", { token: workerToken })).status).toBe(401);
    const again = await signIn(worker);
    expect(again.json.account.grants).toEqual([{ role: "manager", organisationId: ORG }]);
    expect(await auditActions()).toContain("roles.changed");
  });
});

describe("invites", () => {
  async function invite(email = "new.worker@example.org") {
    const adminToken = await startSession(env.db, admin.account.id, env.clock.now);
    const res = await env.call("POST", "/api/staff/invites", { token: adminToken, body: { email, grants: [{ role: "worker", organisationId: ORG }] } });
    expect(res.status).toBe(201);
    // The inviter is told it was sent, never given the link: only the invited person can use it.
    expect(JSON.stringify(res.json)).not.toMatch(/staff\/invite/);
    const mail = env.outbox.sent.at(-1)!;
    expect(mail.to).toBe(email);
    expect(mail.subject).toBe("Your OneDoor invitation");
    return /\/staff\/invite\/#([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
  }

  test("accepting: check, choose a password, set up TOTP from a QR code, get ten recovery codes and a session", async () => {
    const token = await invite();
    const check = await env.call("POST", "/api/staff/invites/check", { body: { token } });
    // Named, because the invited person cannot look the organisation up yet.
    expect(check.json).toEqual({
      email: "new.worker@example.org",
      grants: [{ role: "worker", organisationId: ORG, organisationName: EXAMPLE_ORGANISATIONS[0]!.name }],
    });
    const start = await env.call("POST", "/api/staff/invites/start", { body: { token, name: "New Worker", password: "a good long passphrase" } });
    expect(start.status).toBe(200);
    expect(start.json.qrSvg).toMatch(/^<svg/);
    const done = await env.call("POST", "/api/staff/invites/complete", { body: { token, code: currentTotp(start.json.secret, env.clock.now) } });
    expect(done.status).toBe(200);
    expect(done.json.recoveryCodes).toHaveLength(10);
    const me = await env.call("GET", "/api/staff/me", { token: env.tokenFrom(done.setCookie) });
    expect(me.json.account).toMatchObject({ email: "new.worker@example.org", name: "New Worker", recoveryCodesLeft: 10 });
    expect(await auditActions()).toEqual(expect.arrayContaining(["invite.created", "invite.accepted"]));
  });

  test("the TOTP secret is never stored in clear: sealed to the invite while it is set up, then to the account", async () => {
    const token = await invite("sealed.worker@example.org");
    const start = await env.call("POST", "/api/staff/invites/start", { body: { token, name: "Sealed Worker", password: "a good long passphrase" } });
    const secret = start.json.secret as string;
    expect(JSON.stringify(await rawItems())).not.toContain(secret);
    const done = await env.call("POST", "/api/staff/invites/complete", { body: { token, code: currentTotp(secret, env.clock.now) } });
    expect(done.status).toBe(200);
    expect(JSON.stringify(await rawItems())).not.toContain(secret);
    const account = (await staffRepository(env.db).getAccountByEmail("sealed.worker@example.org"))!;
    expect(account.totpSealed).toBeTruthy();
    expect(account.totpSecret).toBeUndefined();
    // The sealed secret signs in, one step later (a code is never taken twice).
    env.clock.now += 30_000;
    const again = await env.call("POST", "/api/staff/sign-in", { body: { email: "sealed.worker@example.org", password: "a good long passphrase", code: currentTotp(secret, env.clock.now) } });
    expect(again.status).toBe(200);
  });

  test("a used link is refused, at every step", async () => {
    const token = await invite();
    const start = await env.call("POST", "/api/staff/invites/start", { body: { token, name: "A", password: "a good long passphrase" } });
    await env.call("POST", "/api/staff/invites/complete", { body: { token, code: currentTotp(start.json.secret, env.clock.now) } });
    for (const [path, body] of [
      ["/api/staff/invites/check", { token }],
      ["/api/staff/invites/start", { token, name: "B", password: "another long passphrase" }],
      ["/api/staff/invites/complete", { token, code: currentTotp(start.json.secret, env.clock.now + 30_000) }],
    ] as const) {
      const res = await env.call("POST", path, { body });
      expect(res.status, path).toBe(410);
      expect(res.json.error.code).toBe("invite.invalid");
    }
  });

  test("a link expires after 72 hours", async () => {
    const token = await invite();
    env.clock.now += INVITE_LIFETIME_MS - 60_000;
    expect((await env.call("POST", "/api/staff/invites/check", { body: { token } })).status).toBe(200);
    env.clock.now += 120_000;
    expect((await env.call("POST", "/api/staff/invites/check", { body: { token } })).status).toBe(410);
  });

  test("a weak password, a wrong first code, a made-up or cut-short token are each refused clearly", async () => {
    const token = await invite();
    const weak = await env.call("POST", "/api/staff/invites/start", { body: { token, name: "A", password: "short" } });
    expect(weak.status).toBe(400);
    expect(weak.json.error.fields[0]).toMatchObject({ field: "password", message: "Use at least 12 characters." });
    const start = await env.call("POST", "/api/staff/invites/start", { body: { token, name: "A", password: "a good long passphrase" } });
    const wrong = await env.call("POST", "/api/staff/invites/complete", { body: { token, code: "000000" } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields[0].field).toBe("code");
    expect(start.status).toBe(200);
    expect((await env.call("POST", "/api/staff/invites/check", { body: { token: "x".repeat(43) } })).status).toBe(410);
    const short = await env.call("POST", "/api/staff/invites/check", { body: { token: token.slice(0, 20) } });
    expect(short.status).toBe(400);
    expect(short.json.error.fields[0].message).toMatch(/not complete/);
  });

  test("an email that already has an account cannot be invited again", async () => {
    const adminToken = await startSession(env.db, admin.account.id, env.clock.now);
    const res = await env.call("POST", "/api/staff/invites", { token: adminToken, body: { email: worker.account.email, grants: [{ role: "worker", organisationId: ORG }] } });
    expect(res.status).toBe(409);
    expect(res.json.error.fields[0].field).toBe("email");
  });
});

describe("account page", () => {
  test("change password: the old one stops working, the new one works", async () => {
    const token = await startSession(env.db, worker.account.id, env.clock.now);
    const wrong = await env.call("POST", "/api/staff/account/password", { token, body: { currentPassword: "nope", newPassword: "a brand new passphrase" } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields[0].field).toBe("currentPassword");
    const weak = await env.call("POST", "/api/staff/account/password", { token, body: { currentPassword: worker.password, newPassword: "short" } });
    expect(weak.json.error.fields).toEqual([{ field: "newPassword", message: "Use at least 12 characters." }]);
    const ok = await env.call("POST", "/api/staff/account/password", { token, body: { currentPassword: worker.password, newPassword: "a brand new passphrase" } });
    expect(ok.status).toBe(200);
    expect((await signIn(worker)).status).toBe(401);
    expect((await signIn(worker, { password: "a brand new passphrase", code: code(worker, 30_000) })).status).toBe(200);
  });

  test("new recovery codes replace all the old ones", async () => {
    const token = await startSession(env.db, worker.account.id, env.clock.now);
    const res = await env.call("POST", "/api/staff/account/recovery-codes", { token, body: { password: worker.password } });
    expect(res.json.recoveryCodes).toHaveLength(10);
    expect((await signIn(worker, { code: worker.recoveryCodes[1]! })).status).toBe(401);
    expect((await signIn(worker, { code: res.json.recoveryCodes[0] })).status).toBe(200);
  });
});

describe("requests that are refused before anything happens", () => {
  test("an unsafe request without our Origin, or from another, is refused", async () => {
    for (const origin of [null, "https://evil.example"]) {
      const res = await env.call("POST", "/api/staff/sign-in", { origin, body: { email: worker.account.email, password: worker.password, code: code(worker) } });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("request.cross_origin");
    }
  });

  test("an oversized body is a 413", async () => {
    const res = await env.call("POST", "/api/staff/sign-in", { body: { email: "a@b.org", password: "x".repeat(70_000), code: "1" } });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("request.too_large");
  });

  test("sign-in requests from one address are rate limited in DynamoDB", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await env.call("POST", "/api/staff/sign-in", { body: {} })).status);
    expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });

  test("a body that is not JSON is a 400, not a 500", async () => {
    const res = await env.call("POST", "/api/staff/sign-in", { body: "{not json", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
  });
});
