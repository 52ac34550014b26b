import { beforeEach, describe, expect, test } from "vitest";
import { auditRepository } from "../../functions/db/audit";
import { SIGN_IN_LIMITS } from "../../functions/features/staff-auth";
import { EXAMPLE_ORGANISATIONS } from "../../functions/local/seed";
import { currentTotp } from "../../functions/security/totp";
import { staffApp } from "../support/staff-api";
import { createStaff, type TestStaff } from "../support/staff";

/**
 * Staff sign-in locking (the rest of sign-in is in staff-auth.test.ts). On their own because each
 * wrong try runs the real scrypt: together they take about half that file's time, and a file of
 * their own runs beside it.
 */

let env: Awaited<ReturnType<typeof staffApp>>;
let worker: TestStaff;
beforeEach(async () => {
  env = await staffApp();
  worker = await createStaff(env.db, [{ role: "worker", organisationId: EXAMPLE_ORGANISATIONS[0]!.id }]);
});

const signIn = (s: TestStaff, overrides: Partial<{ email: string; password: string; code: string }> = {}) =>
  env.call("POST", "/api/staff/sign-in", { body: { email: s.account.email, password: s.password, code: currentTotp(s.totpSecret, env.clock.now), ...overrides } });
const auditActions = async () => (await auditRepository(env.db).list({ limit: 100 })).entries.map((e) => e.action);

describe("sign-in locking", () => {
  test("repeated failures slow down, then lock the email, whether or not it has an account, and the lock is audited", async () => {
    for (const email of [worker.account.email, "nobody-here@example.org"]) {
      for (let i = 1; i <= SIGN_IN_LIMITS.lockAfter; i++) {
        const res = await signIn(worker, { email, password: "wrong password" });
        expect(res.status, `attempt ${i}`).toBe(401);
        // Past the free tries, the next try must wait: an immediate one is refused unchecked.
        if (i >= SIGN_IN_LIMITS.slowAfter && i < SIGN_IN_LIMITS.lockAfter) {
          const tooSoon = await signIn(worker, { email, password: "wrong password" });
          expect(tooSoon.status).toBe(429);
          expect(tooSoon.json.error.code).toBe("signin.slow_down");
          env.clock.now += SIGN_IN_LIMITS.maxDelayMs;
        }
      }
      const locked = await signIn(worker, { email });
      expect(locked.status).toBe(429);
      expect(locked.json.error).toMatchObject({ code: "signin.locked", message: "Too many tries. Wait 30 minutes, then try again." });
    }
    // Even the right details are refused while locked; after the lock they work again.
    env.clock.now += SIGN_IN_LIMITS.lockMs + 1000;
    expect((await signIn(worker)).status).toBe(200);
    expect((await auditActions()).filter((a) => a === "signin.locked")).toHaveLength(2);
  }, 60_000);

  test("one source address failing across many emails is locked too", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.addressLockAfter; i++) {
      const res = await signIn(worker, { email: `guess-${i}@example.org`, password: "wrong password" });
      expect(res.status).toBe(401);
      if (i % 15 === 14) env.clock.now += 61_000; // stay under the per-minute request limit
    }
    const res = await signIn(worker);
    expect(res.status).toBe(429);
    expect(res.json.error.code).toBe("signin.locked");
  }, 60_000);
});
