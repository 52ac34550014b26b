import { randomBytes } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createApp, UNAUTHENTICATED_LIMITS } from "../../functions/app";
import { createDatabase } from "../../functions/db/client";
import { memoryOutbox } from "../../functions/email/outbox";
import { WAF_LIMIT_EVERYTHING, WAF_PATH_LIMITS, WAF_WINDOW_SECONDS } from "../../functions/http/edge-limits";
import { memoryLogger } from "../../functions/log";
import { rawAesFieldCipher } from "../../functions/security/field-encryption";

/** The WAF's limits (stacks/router.ts) against the API's own: people meet the API's words first. */

/** The most the API lets one address send in any stretch of the WAF's window, with its fixed windows. */
const mostInWafWindow = ({ limit, windowSeconds }: { limit: number; windowSeconds: number }) => limit * (Math.ceil(WAF_WINDOW_SECONDS / windowSeconds) + 1);

describe("the WAF's rate limits", () => {
  test("are above the API's own for each path, so a person is told kindly by the API before the edge blocks them", () => {
    const apiLimitOf: Record<string, { limit: number; windowSeconds: number }> = {
      "/api/requests": UNAUTHENTICATED_LIMITS.requests,
      "/api/feedback": UNAUTHENTICATED_LIMITS.feedback,
      "/api/staff/sign-in": UNAUTHENTICATED_LIMITS.signIn,
    };
    for (const rule of WAF_PATH_LIMITS) {
      const api = apiLimitOf[rule.path];
      if (api) expect(rule.limit, rule.path).toBeGreaterThan(mostInWafWindow(api));
      // AWS takes 10 to 2,000,000,000 a window; a path's limit is tighter than the limit on everything.
      expect(rule.limit).toBeGreaterThanOrEqual(10);
      expect(rule.limit).toBeLessThan(WAF_LIMIT_EVERYTHING);
    }
    expect([60, 120, 300, 600]).toContain(WAF_WINDOW_SECONDS);
  });

  test("name paths the API really serves, exactly (a rule on a path that moved would guard nothing)", async () => {
    const app = createApp({
      db: createDatabase({ tableName: "never-reached", endpoint: "http://127.0.0.1:9" }),
      hashKey: randomBytes(32),
      mailer: memoryOutbox(),
      logger: memoryLogger(),
      fieldCipher: rawAesFieldCipher(randomBytes(32)),
      publicOrigin: "http://localhost",
    });
    for (const rule of WAF_PATH_LIMITS) {
      // The database is never reached here: a refusal (400) or "cannot reach its records" (503)
      // both say the route is there; only 404 or 405 would say it is not.
      const res = await app.request(rule.path, { method: "POST", headers: { origin: "http://localhost", "content-type": "application/json" }, body: "{}" });
      expect([400, 503], `${rule.path}: ${res.status}`).toContain(res.status);
    }
  });
});
