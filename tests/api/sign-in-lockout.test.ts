import { describe, expect, test } from "vitest";
import { rateLimitRepository } from "../../functions/db/rate-limits";
import { AppError } from "../../functions/errors";
import { signInLockout } from "../../functions/features/sign-in-lockout";
import { freshDatabase } from "../support/database";

/** The one lockout staff sign-in and check-in share, on a real DynamoDB Local table. */
async function aLockout() {
  const clock = { now: Date.parse("2026-12-01T10:00:00Z") };
  const lockout = signInLockout(rateLimitRepository(await freshDatabase()), () => clock.now, {
    counters: {
      who: { kind: "email", lockAfter: 3, lockMs: 10 * 60_000 },
      address: { kind: "address", lockAfter: 5, lockMs: 60_000 },
    },
    forgetAfterSeconds: 3600,
    locked: (minutes) => new AppError("test.locked", 429, `wait ${minutes}`),
  });
  return { clock, lockout };
}

describe("sign-in lockout", () => {
  test("each counter locks at its own limit, and the refusal says how long is left", async () => {
    const { clock, lockout } = await aLockout();
    const hashes = { who: "a", address: "x" };
    expect(await lockout.recordFailure(hashes)).toEqual([]);
    expect(await lockout.recordFailure(hashes)).toEqual([]);
    expect(await lockout.refuseIfLocked(hashes)).toMatchObject({ who: { failures: 2, lockedUntil: 0 }, address: { failures: 2 } });
    expect(await lockout.recordFailure(hashes)).toEqual(["who"]);
    clock.now += 4 * 60_000 + 1;
    await expect(lockout.refuseIfLocked(hashes)).rejects.toMatchObject({ code: "test.locked", message: "wait 6" });
    // Another person from the same address is not locked out by the first one's lock.
    await expect(lockout.refuseIfLocked({ who: "b", address: "x" })).resolves.toBeDefined();
    clock.now += 6 * 60_000;
    await expect(lockout.refuseIfLocked(hashes)).resolves.toBeDefined();
  });

  test("the address counts across people; clearing one person's count leaves it counting", async () => {
    const { lockout } = await aLockout();
    for (const who of ["a", "b", "c", "d"]) await lockout.recordFailure({ who, address: "x" });
    await lockout.clear("who", "d");
    expect((await lockout.refuseIfLocked({ who: "d", address: "x" })).who.failures).toBe(0);
    expect(await lockout.recordFailure({ who: "e", address: "x" })).toEqual(["address"]);
    await expect(lockout.refuseIfLocked({ who: "f", address: "x" })).rejects.toMatchObject({ code: "test.locked", message: "wait 1" });
  });
});
