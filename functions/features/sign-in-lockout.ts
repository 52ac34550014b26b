import type { SignInKind } from "../db/keys";
import type { RateLimitRepository } from "../db/rate-limits";
import { AppError } from "../errors";

/** One counter of failed sign-ins: what it counts, and when it locks and for how long. */
export type LockoutCounter = { kind: SignInKind; lockAfter: number; lockMs: number };

/** What a counter has seen: failures in a row, the last one, and any lock (epoch ms). */
export type FailureCount = { failures: number; lastFailureAt: number; lockedUntil: number };

/**
 * Failed sign-ins counted in DynamoDB under several keys at once (an email or a reference, and a
 * source address), so a lock holds across every Lambda instance. Staff sign-in and check-in
 * each describe their counters; the counting, locking and "wait N minutes" live here once.
 */
export function signInLockout<Name extends string>(
  limits: RateLimitRepository,
  now: () => number,
  settings: {
    counters: Record<Name, LockoutCounter>;
    /** Failures older than this are forgotten. */
    forgetAfterSeconds: number;
    /** The refusal while locked, in the words of the page that asks. */
    locked: (minutes: number) => AppError;
  },
) {
  const names = Object.keys(settings.counters) as Name[];
  const each = async <T>(hashes: Record<Name, string>, run: (counter: LockoutCounter, hash: string) => Promise<T>) =>
    Object.fromEntries(await Promise.all(names.map(async (n) => [n, await run(settings.counters[n], hashes[n])] as const))) as Record<Name, T>;

  return {
    /** Refuses with the `locked` error while any counter is locked; otherwise returns the counts. */
    async refuseIfLocked(hashes: Record<Name, string>): Promise<Record<Name, FailureCount>> {
      const counts = await each(hashes, (c, hash) => limits.signInFailures(c.kind, hash));
      const lockedUntil = Math.max(...names.map((n) => counts[n].lockedUntil));
      const t = now();
      if (lockedUntil > t) throw settings.locked(Math.ceil((lockedUntil - t) / 60_000));
      return counts;
    },

    /** Counts one failure under every key; locks each counter that reaches its limit. Returns those it locked. */
    async recordFailure(hashes: Record<Name, string>): Promise<Name[]> {
      const t = now();
      const failures = await each(hashes, (c, hash) => limits.recordSignInFailure(c.kind, hash, t, settings.forgetAfterSeconds));
      const reached = names.filter((n) => failures[n] >= settings.counters[n].lockAfter);
      await Promise.all(reached.map((n) => limits.lockSignIn(settings.counters[n].kind, hashes[n], t + settings.counters[n].lockMs)));
      return reached;
    },

    /** Starts one counter again after a good sign-in (the address keeps counting across people). */
    async clear(name: Name, hash: string): Promise<void> {
      await limits.clearSignInFailures(settings.counters[name].kind, hash);
    },
  };
}

/** "N minutes" in words, for a lock's refusal. */
export const minutesInWords = (minutes: number) => `${minutes} minute${minutes === 1 ? "" : "s"}`;
