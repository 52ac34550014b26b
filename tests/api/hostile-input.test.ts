import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { SearchFiltersSchema } from "../../functions/domain/search";
import { API_CACHE_CONTROL } from "../../functions/http/edge-caching";
import { ORIGIN, staffApp } from "../support/staff-api";

/**
 * Hostile input (issue 14): every endpoint that needs no sign-in, given wrong types, huge strings,
 * unicode edge cases, prototype-pollution keys, deep nesting, duplicate keys, wrong content types
 * and odd headers, answers with a 4xx (never a 5xx) and stores nothing. "Nothing" leaves out the
 * counters whose job is to count attempts (rate windows and failed sign-ins): those are meant to grow.
 */

type Env = Awaited<ReturnType<typeof staffApp>>;
let env: Env;

// The per-address limits are lifted so the properties reach the validation behind them.
const NO_LIMIT = { bucket: "hostile", limit: 1_000_000, windowSeconds: 60 };
beforeAll(async () => {
  env = await staffApp({ limits: { requests: NO_LIMIT, feedback: NO_LIMIT, signIn: NO_LIMIT, invites: NO_LIMIT } });
});

const ATTEMPT_COUNTERS = /^(RATE|SIGNIN)#/;

/** Every item in the table but the attempt counters, as `pk sk` lines. */
async function storedItems(): Promise<Set<string>> {
  const found = new Set<string>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, ProjectionExpression: "pk, sk", ExclusiveStartKey }));
    for (const item of page.Items ?? []) if (!ATTEMPT_COUNTERS.test(item.pk)) found.add(`${item.pk} ${item.sk}`);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return found;
}

/** Sends a body exactly as given (a string is sent as it is, anything else as JSON). */
async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await env.app.request(path, {
    method,
    headers: { origin: ORIGIN, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // Whatever was sent, the answer is never one CloudFront or a browser may keep (http/edge-caching.ts).
  expect(res.headers.get("cache-control"), `${method} ${path}`).toBe(API_CACHE_CONTROL);
  return { status: res.status, text };
}

const SERVICE = HARBOUR_YOUNG_PEOPLE.id;
const A_REFERENCE = "K7QM3XPA";

/** Every POST that needs no sign-in, with a body it would take (or nearly: tokens and codes are nobody's). */
const POSTS: { path: string; valid: Record<string, unknown> }[] = [
  { path: "/api/requests", valid: aRequest() as Record<string, unknown> },
  { path: "/api/feedback", valid: { serviceId: SERVICE, usage: "used", scores: { listened: 4 }, text: "They listened.", mayShowPublicly: false } },
  { path: "/api/check-in/sign-in", valid: { reference: A_REFERENCE, code: "123456789012" } },
  { path: "/api/staff/sign-in", valid: { email: "someone@example.org", password: "a long enough password", code: "123456" } },
  { path: "/api/staff/invites/check", valid: { token: "x".repeat(43) } },
  { path: "/api/staff/invites/start", valid: { token: "x".repeat(43), name: "Sam", password: "a long enough password" } },
  { path: "/api/staff/invites/complete", valid: { token: "x".repeat(43), code: "123456" } },
  // Behind a check-in session: with none (or a forged one) each is refused before its body matters.
];

/** What a person can send once checked in (J3): signed in for real, so the bodies are what is judged. */
const CHECKED_IN: { method: string; path: string; valid: Record<string, unknown> }[] = [
  { method: "POST", path: "/api/check-in/feeling", valid: { feeling: "okay", note: "A bit better this week." } },
  { method: "POST", path: "/api/check-in/sooner", valid: { notSafeNow: false, note: "It is getting worse." } },
  { method: "POST", path: "/api/check-in/feedback", valid: { serviceId: SERVICE, scores: { listened: 4 }, text: "Kind.", mayShowPublicly: false } },
  { method: "PUT", path: "/api/check-in/contact", valid: { contact: aRequest().contact, preferences: { interpreter: false } } },
];
// With no session (or a forged one) each of these is refused before its body matters.
POSTS.push(...CHECKED_IN.filter((c) => c.method === "POST"));

/** Every GET that needs no sign-in; `:id` is replaced by hostile path segments. */
const GETS = ["/api/services", "/api/services/:id", "/api/services/:id/voice", "/api/areas", "/api/health", "/openreferral/services", "/openreferral/services/:id", "/openreferral/taxonomies", "/openreferral/taxonomies/:id", "/openreferral/taxonomy_terms", "/openreferral/taxonomy_terms/:id"];

/** Strings a parser or a database might choke on. */
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom("", " ", "\u0000", "\uD800", "\uDFFF", "\u202E", "\u200B\uFEFF", "🧒🏽‍🦱".repeat(50), "<script>alert(1)</script>", "'; DROP TABLE x; --", "${7*7}", "../../etc/passwd", "%00", "NaN", "__proto__"),
  fc.integer({ min: 10_000, max: 70_000 }).map((n) => "a".repeat(n)),
);

/** A value of any JSON type, sometimes deep, sometimes huge. */
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), nastyString, fc.constantFrom(null, true, -0, 1e308, -1, 2 ** 53 + 1, [], {}));

/** A value whose JSON type differs from `original`'s, so the field it replaces cannot be valid. */
function wrongType(original: unknown): fc.Arbitrary<unknown> {
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
  return anyValue.filter((v) => kind(v) !== kind(original) && v !== undefined);
}

/** Paths to every value in a body, nested objects included. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))].filter((p) => p.length);
}

function withValueAt(body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const POLLUTING_KEYS = ["__proto__", "constructor", "prototype"];

/** `{"__proto__": {...}}` written as raw JSON, so JSON.parse makes it an own key as an attacker's would. */
const withPollutingKey = (json: string, key: string) => json.replace(/^\{/, `{"${key}":{"polluted":"yes","isAdmin":true},`);

const NO_SERVER_ERROR = (status: number) => status >= 400 && status < 500;

describe("hostile input never gets a 5xx and never stores anything", () => {
  it("any JSON value as the body of every public POST", async () => {
    const before = await storedItems();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), anyValue, async ({ path }, body) => {
        const res = await send("POST", path, body, { "idempotency-key": newKey() });
        expect(res.status, `${path} ${res.text}`).toSatisfy(NO_SERVER_ERROR);
      }),
      { numRuns: 150 },
    );
    expect(await storedItems()).toEqual(before);
  });

  it("an otherwise good body with one field of the wrong type, and polluting keys beside it", async () => {
    const before = await storedItems();
    const cases = fc.constantFrom(...POSTS).chain(({ path, valid }) =>
      fc.record({
        path: fc.constant(path),
        body: fc.constantFrom(...pathsOf(valid)).chain((at) => wrongType(at.reduce<any>((v, k) => v[k], valid)).map((v) => withValueAt(valid, at, v))),
        polluting: fc.option(fc.constantFrom(...POLLUTING_KEYS)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ path, body, polluting }) => {
        const json = polluting ? withPollutingKey(JSON.stringify(body), polluting) : JSON.stringify(body);
        const res = await send("POST", path, json, { "idempotency-key": newKey() });
        expect(res.status, `${path} ${json.slice(0, 300)} → ${res.text}`).toSatisfy(NO_SERVER_ERROR);
      }),
      { numRuns: 200 },
    );
    expect(await storedItems()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("bodies a parser might choke on: broken JSON, deep nesting, duplicate keys, too much, the wrong content type", async () => {
    const before = await storedItems();
    const good = JSON.stringify(aRequest());
    const rawBodies = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom(good.slice(0, -1), `${good}}`, good.replace(/"/g, "'"), "\uFEFF" + good.slice(0, 40), "null", "[]", '"a string"', "1e999"),
      fc.integer({ min: 1000, max: 20_000 }).map((depth) => "[".repeat(depth) + "]".repeat(depth)),
      fc.integer({ min: 1000, max: 10_000 }).map((depth) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth)),
      // The same key twice: the last one wins in JSON.parse, and it is the broken one.
      fc.constantFrom('{"asker":"self","asker":7}', '{"serviceId":"' + SERVICE + '","serviceId":[]}', '{"reference":"' + A_REFERENCE + '","reference":{}}'),
      fc.constant(JSON.stringify({ ...aRequest(), message: "a".repeat(70 * 1024) })),
    );
    const contentTypes = fc.constantFrom("application/json", "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/json, text/html");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), rawBodies, contentTypes, async ({ path }, body, type) => {
        const res = await send("POST", path, body, { "content-type": type, "idempotency-key": newKey() });
        expect(res.status, `${path} ${type} ${body.slice(0, 120)} → ${res.text}`).toSatisfy(NO_SERVER_ERROR);
      }),
      { numRuns: 150 },
    );
    expect(await storedItems()).toEqual(before);
  });

  it("a good body with a polluting key is taken without the key, and nothing's prototype changes", async () => {
    for (const key of POLLUTING_KEYS) {
      const res = await send("POST", "/api/requests", withPollutingKey(JSON.stringify(aRequest()), key), { "idempotency-key": newKey() });
      // Unknown keys are dropped (asking) or refused (strict schemas): either way never a 5xx.
      expect(res.status).toSatisfy((s: number) => s === 201 || NO_SERVER_ERROR(s));
    }
    const stored = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }));
    expect(JSON.stringify(stored.Items)).not.toContain("polluted");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("behind a real check-in session, an otherwise good body with one field of the wrong type", async () => {
    const asked = await send("POST", "/api/requests", aRequest(), { "idempotency-key": newKey() });
    const { reference, checkInCode } = JSON.parse(asked.text);
    const signedIn = await env.app.request("/api/check-in/sign-in", {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ reference, code: checkInCode }),
    });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
    const before = await storedItems();
    const cases = fc.constantFrom(...CHECKED_IN).chain(({ method, path, valid }) =>
      fc.record({
        method: fc.constant(method),
        path: fc.constant(path),
        // Any value but an object ({} alone is a good "contact me sooner"), or a field of the wrong type.
        body: fc.oneof(anyValue.filter((v) => v === null || typeof v !== "object" || Array.isArray(v)), fc.constantFrom(...pathsOf(valid)).chain((at) => wrongType(at.reduce<any>((v, k) => v[k], valid)).map((v) => withValueAt(valid, at, v)))),
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ method, path, body }) => {
        const res = await send(method, path, body, { cookie, "idempotency-key": newKey() });
        expect(res.status, `${path} ${JSON.stringify(body).slice(0, 300)} → ${res.text}`).toSatisfy(NO_SERVER_ERROR);
      }),
      { numRuns: 150 },
    );
    expect(await storedItems()).toEqual(before);
  });

  it("hostile query strings and path segments on every public GET", async () => {
    const before = await storedItems();
    // Every filter the search takes, Open Referral's paging, and keys nobody expects.
    const known = [...Object.keys(SearchFiltersSchema.shape), "per_page", "cursor", "__proto__", "constructor"];
    const query = fc.dictionary(fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 })), nastyString, { maxKeys: 4 });
    // Path segments as sent: well-formed text percent-encoded, and percent-encoding that is itself broken.
    const segment = fc.oneof(fc.uuid(), nastyString.map((s) => encodeURIComponent(s.slice(0, 500).replace(/[\uD800-\uDFFF]/g, "\uFFFD"))), fc.constantFrom("%", "%E0%A4%A", "%ED%A0%80", "%00", "..%2F..%2F", "%252e"));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GETS), query, segment, fc.boolean(), async (route, params, id, repeat) => {
        const search = new URLSearchParams(Object.entries(params));
        if (repeat) for (const [k, v] of Object.entries(params)) search.append(k, v);
        const path = `${route.replace(":id", id)}?${search}`;
        const res = await send("GET", path);
        expect(res.status, `${path.slice(0, 200)} → ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    expect(await storedItems()).toEqual(before);
  });

  it("hostile headers: forged cookies, odd origins, idempotency keys and forwarded addresses", async () => {
    const before = await storedItems();
    // Header values a fetch Request accepts: no CR, LF or NUL, nothing above U+00FF.
    const headerValue = fc.oneof(fc.string({ maxLength: 300 }).map((s) => s.replace(/[\r\n\0]/g, "")), fc.constantFrom("", "null", "onedoor_staff=", "onedoor_checkin=" + "A".repeat(4000), "http://evil.example", "file://", "1.2.3.4, 5.6.7.8", "::1", "a=b; onedoor_staff=../../x"));
    const headers = fc.record({
      cookie: fc.option(headerValue.map((v) => `onedoor_staff=${v}; onedoor_checkin=${v}`)),
      origin: fc.option(headerValue),
      "idempotency-key": fc.option(headerValue),
      "x-forwarded-for": fc.option(headerValue),
      "cloudfront-viewer-address": fc.option(headerValue),
      accept: fc.option(headerValue),
    }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...POSTS), headers, async ({ path }, given) => {
        const set = Object.fromEntries(Object.entries(given).filter(([, v]) => typeof v === "string")) as Record<string, string>;
        // The bodies are broken on purpose (a wrong type), so only the headers differ from a refused request.
        const res = await send("POST", path, { serviceIds: 7 }, set);
        expect(res.status, `${path} ${JSON.stringify(set).slice(0, 300)} → ${res.text}`).toSatisfy(NO_SERVER_ERROR);
      }),
      { numRuns: 150 },
    );
    expect(await storedItems()).toEqual(before);
  });
});
