import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { siteOrigin, siteOriginFromEnvironment } from "../../functions/domain/site-origin";
import { currentTotp } from "../../functions/security/totp";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/**
 * Links in staff emails, the Origin check and the cookies' Secure flag come from the deployment's
 * configured origin alone. A request that claims another host, in any header, changes none of them.
 */
const DEPLOYED = "https://onedoor.example.org";
const EVIL = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "http", host: "evil.example" };
const ORGANISATION = HARBOUR_YOUNG_PEOPLE.organisationId;

async function deployment() {
  const env = await staffApp({ publicOrigin: DEPLOYED });
  const worker = await createStaff(env.db, [{ role: "worker", organisationId: ORGANISATION }]);
  const admin = await createStaff(env.db, [{ role: "admin" }]);
  return { env, worker, admin, adminToken: await startSession(env.db, admin.account.id) };
}

const linksIn = (text: string) => text.match(/https?:\/\/[^\s]+/g) ?? [];

describe("a request that claims to come from another site", () => {
  test("a self-referral from a page on evil.example is refused, and nothing is sent", async () => {
    const { env } = await deployment();
    const res = await env.call("POST", "/api/requests", { body: aRequest(), origin: "http://evil.example", headers: { ...EVIL, "Idempotency-Key": newKey() } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("request.cross_origin");
    expect(env.outbox.sent).toEqual([]);
  });

  test("a staff invite from a page on evil.example is refused, and nothing is sent", async () => {
    const { env, adminToken } = await deployment();
    const body = { email: "new.worker@example.org", grants: [{ role: "worker", organisationId: ORGANISATION }] };
    const res = await env.call("POST", "/api/staff/invites", { body, token: adminToken, origin: "http://evil.example", headers: EVIL });
    expect(res.status).toBe(403);
    expect(env.outbox.sent).toEqual([]);
  });

  test("with the real Origin, the new-request email links only to the configured origin", async () => {
    const { env, worker } = await deployment();
    const res = await env.call("POST", "/api/requests", { body: aRequest(), origin: DEPLOYED, headers: { ...EVIL, "Idempotency-Key": newKey() } });
    expect(res.status).toBe(201);
    const mail = env.outbox.sent.find((m) => m.to === worker.account.email)!;
    expect(linksIn(mail.text)).toEqual([`${DEPLOYED}/staff/inbox/`]);
  });

  test("with the real Origin, the invite email links only to the configured origin", async () => {
    const { env, adminToken } = await deployment();
    const body = { email: "new.worker@example.org", grants: [{ role: "worker", organisationId: ORGANISATION }] };
    const res = await env.call("POST", "/api/staff/invites", { body, token: adminToken, origin: DEPLOYED, headers: EVIL });
    expect(res.status).toBe(201);
    const links = linksIn(env.outbox.sent.find((m) => m.to === body.email)!.text);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(new RegExp(`^${DEPLOYED}/staff/invite/#[A-Za-z0-9_-]+$`));
  });

  test("claiming to be localhost on a deployed site still gets a __Host- cookie with Secure", async () => {
    const { env, worker } = await deployment();
    const local = { "x-forwarded-host": "localhost", "x-forwarded-proto": "http", host: "localhost" };
    const res = await env.call("POST", "/api/staff/sign-in", {
      body: { email: worker.account.email, password: worker.password, code: currentTotp(worker.totpSecret, env.clock.now) },
      origin: DEPLOYED,
      headers: local,
    });
    expect(res.status).toBe(200);
    expect(res.setCookie).toMatch(/^__Host-onedoor_staff=.+; Path=\/; HttpOnly; Secure; SameSite=Strict/);

    const asked = await env.call("POST", "/api/requests", { body: aRequest(), origin: DEPLOYED, headers: { "Idempotency-Key": newKey() } });
    const checkIn = await env.call("POST", "/api/check-in/sign-in", { body: { reference: asked.json.reference, code: asked.json.checkInCode }, origin: DEPLOYED, headers: local });
    expect(checkIn.status).toBe(200);
    expect(checkIn.setCookie).toMatch(/^__Host-onedoor_checkin=.+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  });

  test("a local deployment sends its own origin in links and refuses another's Origin", async () => {
    const env = await staffApp({ publicOrigin: "http://localhost:3000" });
    const worker = await createStaff(env.db, [{ role: "worker", organisationId: ORGANISATION }]);
    const refused = await env.call("POST", "/api/requests", { body: aRequest(), origin: "http://localhost:4000", headers: { "Idempotency-Key": newKey() } });
    expect(refused.status).toBe(403);
    const res = await env.call("POST", "/api/requests", { body: aRequest(), origin: "http://localhost:3000", headers: { "Idempotency-Key": newKey() } });
    expect(res.status).toBe(201);
    expect(linksIn(env.outbox.sent.find((m) => m.to === worker.account.email)!.text)).toEqual(["http://localhost:3000/staff/inbox/"]);
  });
});

describe("the configured origin", () => {
  test("is a scheme and host only, https unless it is this machine", () => {
    expect(siteOrigin("https://onedoor.example.org")).toEqual({ origin: "https://onedoor.example.org", local: false });
    expect(siteOrigin("https://onedoor.example.org/")).toEqual({ origin: "https://onedoor.example.org", local: false });
    expect(siteOrigin("http://localhost:3000")).toEqual({ origin: "http://localhost:3000", local: true });
    expect(siteOrigin("https://localhost:3000")).toEqual({ origin: "https://localhost:3000", local: false });
    expect(() => siteOrigin("http://onedoor.example.org")).toThrow(/must use https/);
    expect(() => siteOrigin("https://onedoor.example.org/staff")).toThrow(/no path/);
    expect(() => siteOrigin("onedoor.example.org")).toThrow(/site's address/);
  });

  test("a deployed function without it refuses to start, saying what is missing", () => {
    expect(() => siteOriginFromEnvironment({})).toThrow(/PUBLIC_ORIGIN is not set/);
    expect(siteOriginFromEnvironment({ PUBLIC_ORIGIN: DEPLOYED }).origin).toBe(DEPLOYED);
  });

  test("nothing in functions/ reads the request's host headers or URL to build anything", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
    const readsHost = /header\(\s*["'`](host|x-forwarded-host|x-forwarded-proto|forwarded|origin)["'`]\s*\)|req\.url\b|raw\.url\b|headers\.get\(\s*["'`](host|x-forwarded-host|x-forwarded-proto|forwarded)/i;
    const offenders = files("functions").filter((f) => readsHost.test(readFileSync(f, "utf8")));
    // The Origin check reads the request's Origin to compare it with the configured one; nothing else may.
    expect(offenders).toEqual([join("functions", "http", "origin-check.ts")]);
  });
});
