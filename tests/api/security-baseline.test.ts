import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { SECURITY_HEADERS } from "../../functions/http/security-headers";
import { memoryLogger } from "../../functions/log";
import { EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { localServer } from "../../functions/local/server";
import { ensureSiteBuilt, SITE_DIST } from "../../functions/local/site";
import { currentTotp } from "../../functions/security/totp";
import { seededApp, testApp } from "../support/database";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { ORIGIN } from "../support/staff-api";
import { createStaff, LOCAL_SESSION_COOKIE, startSession } from "../support/staff";

let server: ReturnType<typeof localServer>;
let logger: ReturnType<typeof memoryLogger>;
let db: Awaited<ReturnType<typeof seededApp>>["db"];
beforeAll(async () => {
  ensureSiteBuilt(() => {});
  let app: ReturnType<typeof testApp>["app"];
  ({ db, app, logger } = await seededApp());
  server = localServer(app, SITE_DIST);
}, 120_000);

const stylesheet = () => `/_astro/${readdirSync(join(SITE_DIST, "_astro")).find((f) => f.endsWith(".css"))}`;

describe("every response carries the security headers, defined once", () => {
  test.each([
    ["a page", "/", 200],
    ["the search page", "/find-support/", 200],
    ["a stylesheet", "STYLESHEET", 200],
    ["an API answer", "/api/services?area=E06000023", 200],
    ["an API error", "/api/services?age=old", 400],
    ["an unknown API path", "/api/nothing", 404],
    ["an Open Referral answer", "/openreferral/taxonomies", 200],
    ["a page that does not exist", "/no-such-page/", 404],
    ["a staff API refusal", "/api/staff/me", 401],
  ])("%s (%s)", async (_, path, status) => {
    const res = await server.request(path === "STYLESHEET" ? stylesheet() : path);
    expect(res.status).toBe(status);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("the policy allows nothing from another origin, and no inline script", () => {
    const csp = SECURITY_HEADERS["content-security-policy"]!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
  });
});

describe("no personal data or free text ever reaches the logs", () => {
  const PERSONAL = ["Jane Example", "jane.example@pii.test", "07700900123", "BS5 6XX", "Flat 3 Secret Road", "I was hurt at school", "hunter2-password-pii"];
  const written: string[] = [];
  afterEach(() => vi.restoreAllMocks());

  test("a request full of personal details, through every route, leaves none of them in any log line", async () => {
    const capture = (chunk: unknown) => (written.push(String(chunk)), true);
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation((...a) => void written.push(a.join(" ")));

    const text = PERSONAL.join(" ");
    const admin = await createStaff(db, [{ role: "admin" }]);
    const token = await startSession(db, admin.account.id);
    const worker = await createStaff(db, [{ role: "worker", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    const workerToken = await startSession(db, worker.account.id);
    const asked = await server.request("/api/requests", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json", "Idempotency-Key": newKey() },
      body: JSON.stringify(
        aRequest({
          serviceIds: [HARBOUR_YOUNG_PEOPLE.id],
          consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id],
          message: text,
          contact: { method: "email", email: "jane.example@pii.test", phone: "07700900123", codeWord: "Jane Example", safeDays: [], safeTimes: [] },
        }),
      ),
    });
    const { reference } = (await asked.json()) as { reference: string };
    const route = `/api/staff/inbox/${reference}/${HARBOUR_YOUNG_PEOPLE.id}`;
    const query = new URLSearchParams({ q: text, postcode: "BS5 6XX", name: "Jane Example", email: "jane.example@pii.test" });
    const service = EXAMPLE_SERVICES[0]!;
    const org = EXAMPLE_ORGANISATIONS[0]!;
    const requests: [string, string, unknown?, string?][] = [
      ["GET", `/api/services?${query}`],
      ["GET", `/api/services/${encodeURIComponent(text)}`],
      ["GET", `/api/areas?${query}`],
      ["GET", `/api/health?${query}`],
      ["GET", `/openreferral/services?search=${encodeURIComponent(text)}`],
      ["GET", `/openreferral/services/${encodeURIComponent(text)}`],
      ["GET", `/find-support/?${query}`],
      ["POST", "/api/staff/sign-in", { email: "jane.example@pii.test", password: "hunter2-password-pii", code: "07700900123" }],
      ["POST", "/api/staff/sign-in", { email: admin.account.email, password: "hunter2-password-pii", code: currentTotp(admin.totpSecret) }],
      ["POST", "/api/staff/invites/check", { token: text }],
      ["POST", "/api/staff/invites/start", { token: "x".repeat(43), name: "Jane Example", password: "hunter2-password-pii" }],
      ["POST", "/api/staff/invites", { email: "jane.example@pii.test", grants: [{ role: "worker", organisationId: org.id }] }],
      ["POST", "/api/staff/organisations", { name: "Jane Example", description: text, email: "jane.example@pii.test" }],
      ["PUT", `/api/staff/services/${service.id}`, { ...service, id: undefined, updatedAt: undefined, waitUpdatedAt: undefined, description: text }],
      ["POST", "/api/staff/account/password", { currentPassword: "hunter2-password-pii", newPassword: text }],
      ["GET", `/api/staff/audit?before=${encodeURIComponent(text)}`],
      ["PUT", `/api/staff/areas/E06000023`, { name: "Jane Example", postcodeDistricts: ["BS5 6XX"] }],
      ["POST", "/api/requests", { ...aRequest(), message: text, contact: { method: "phone", phone: "Jane Example 07700900123" } }],
      ["GET", `/api/staff/inbox?serviceId=${encodeURIComponent(text)}`, undefined, workerToken],
      ["GET", route, undefined, workerToken],
      ["GET", `/api/staff/inbox/${encodeURIComponent(text)}/${HARBOUR_YOUNG_PEOPLE.id}`, undefined, workerToken],
      ["POST", `${route}/actions`, { action: "contact", outcome: "reached", channel: "email", note: text }, workerToken],
      ["POST", `${route}/actions`, { action: "decline", reason: text, signpostText: "Jane Example" }, workerToken],
      ["POST", "/api/check-in/sign-in", { reference: "Jane Example", code: "07700900123" }],
      ["POST", "/api/check-in/sign-in", { reference, code: "077009001234" }],
      ["GET", `/api/check-in?${query}`],
    ];
    for (const [method, path, body, as = token] of requests) {
      await server.request(path, {
        method,
        headers: { origin: ORIGIN, "content-type": "application/json", cookie: `${LOCAL_SESSION_COOKIE}=${as}`, "user-agent": "Jane Example" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    }
    const everything = [...written, ...logger.lines.map((l) => JSON.stringify(l))].join("\n");
    expect(logger.lines.length).toBeGreaterThanOrEqual(requests.length - 1);
    for (const value of [...PERSONAL, "jane.example", "Jane", "hunter2"]) expect(everything, value).not.toContain(value);
  });
});
