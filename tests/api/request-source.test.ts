import { describe, expect, it } from "vitest";
import { ORIGIN_SECRET_HEADER } from "../../functions/http/source";
import { aRequest, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";

/**
 * Where a request came from (functions/http/source.ts). Deployed, the API's function URL is
 * public: only requests that came through CloudFront, which adds the origin secret, are
 * answered, and only then is CloudFront's `CloudFront-Viewer-Address` believed. Locally no
 * header names the address.
 */

const SECRET = "a-long-random-origin-secret";
const ask = (env: Awaited<ReturnType<typeof staffApp>>, headers: Record<string, string>) =>
  env.call("POST", "/api/requests", { body: aRequest(), headers: { "Idempotency-Key": newKey(), ...headers } });

describe("the source of a request", () => {
  it("deployed, refuses anything sent to the function URL directly, whatever it says about itself", async () => {
    const env = await staffApp({ originSecret: SECRET });
    for (const headers of [{ [ORIGIN_SECRET_HEADER]: "" }, { [ORIGIN_SECRET_HEADER]: "guess" }, { [ORIGIN_SECRET_HEADER]: `${SECRET}x` }]) {
      const res = await ask(env, { ...headers, "cloudfront-viewer-address": "203.0.113.9:443" });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("request.not_through_site");
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    expect((await env.call("GET", "/api/health", { headers: { [ORIGIN_SECRET_HEADER]: "guess" } })).status).toBe(403);
    // The same request through CloudFront is taken.
    expect((await ask(env, { "cloudfront-viewer-address": "203.0.113.9:443" })).status).toBe(201);
  });

  it("deployed, counts each viewer's address apart, as CloudFront reports it", async () => {
    const env = await staffApp({ originSecret: SECRET, limits: { requests: { bucket: "ask", limit: 2, windowSeconds: 600 } } });
    const from = (address: string) => ask(env, { "cloudfront-viewer-address": `${address}:51234` });
    expect([(await from("198.51.100.1")).status, (await from("198.51.100.1")).status, (await from("198.51.100.1")).status]).toEqual([201, 201, 429]);
    expect((await from("198.51.100.2")).status).toBe(201);
  });

  it("locally, believes no header about the address: a client cannot get round a limit by writing one", async () => {
    const env = await staffApp({ limits: { requests: { bucket: "ask", limit: 2, windowSeconds: 600 } } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await ask(env, { "cloudfront-viewer-address": `198.51.100.${i}:443`, "x-forwarded-for": `192.0.2.${i}` })).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});
