import { randomUUID } from "node:crypto";
import type { Database } from "../../functions/db/client";
import { staffRepository } from "../../functions/db/staff";
import type { Grant } from "../../functions/domain/roles";
import { SESSION_ABSOLUTE_MS, type StaffAccount } from "../../functions/domain/staff";
import { hashPassword } from "../../functions/security/passwords";
import { normaliseRecoveryCode, randomToken, recoveryCodes, tokenHash } from "../../functions/security/tokens";
import { newTotpSecret } from "../../functions/security/totp";

/** The password every test account has; each account has its own email, TOTP secret and recovery codes. */
export const TEST_PASSWORD = "correct horse battery staple";

let passwordHash: Promise<string> | undefined;

export type TestStaff = { account: StaffAccount; password: string; totpSecret: string; recoveryCodes: string[] };

/** A member of staff made straight in the database (no invite), with the grants given. */
export async function createStaff(db: Database, grants: Grant[], now = Date.now()): Promise<TestStaff> {
  // One scrypt for the whole run: it is deliberately slow.
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const codes = recoveryCodes();
  const totpSecret = newTotpSecret();
  const at = new Date(now).toISOString();
  const account: StaffAccount = {
    id: randomUUID(),
    email: `${grants.map((g) => g.role).join("-")}-${randomUUID().slice(0, 8)}@test.onedoor.invalid`,
    name: `Test ${grants.map((g) => g.role).join(" and ")}`,
    grants,
    passwordHash: await passwordHash,
    totpSecret,
    recoveryCodeHashes: codes.map((c) => tokenHash(normaliseRecoveryCode(c))),
    createdAt: at,
    updatedAt: at,
  };
  await staffRepository(db).createAccountDirectly(account);
  return { account, password: TEST_PASSWORD, totpSecret, recoveryCodes: codes };
}

/** A live session for an account, as if they had just signed in: returns the cookie's token. */
export async function startSession(db: Database, accountId: string, now = Date.now()): Promise<string> {
  const token = randomToken();
  await staffRepository(db).saveSession({
    tokenHash: tokenHash(token),
    accountId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: Math.ceil((now + SESSION_ABSOLUTE_MS) / 1000),
  });
  return token;
}

/** The local (non-Secure) cookie name, which `app.request` and the e2e server on 127.0.0.1 use. */
export const LOCAL_SESSION_COOKIE = "onedoor_staff";
