import { randomUUID } from "node:crypto";
import type { AuditRepository } from "../db/audit";
import type { RateLimitRepository } from "../db/rate-limits";
import type { StaffRepository } from "../db/staff";
import type { AuditAction, Source } from "../domain/audit";
import type { Actor } from "../domain/policy";
import { ROLES, type Grant } from "../domain/roles";
import type { FieldCipher } from "../security/field-encryption";
import type { Mailer } from "../email/mailer";
import {
  INVITE_LIFETIME_MS,
  SESSION_ABSOLUTE_MS,
  sessionEnded,
  summarise,
  type Invite,
  type StaffAccount,
  type StaffIdentity,
  type StaffSummary,
} from "../domain/staff";
import { AppError } from "../errors";
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "../security/passwords";
import { keyedHash, normaliseRecoveryCode, randomToken, recoveryCodes, tokenHash } from "../security/tokens";
import { newTotpSecret, totpEnrolment, verifyTotp } from "../security/totp";
import { minutesInWords, signInLockout } from "./sign-in-lockout";

/**
 * How repeated failed sign-ins slow down and then lock (written down here, tested in
 * tests/api/staff-auth.test.ts). Failures are counted per email, whether or not an account has
 * it, so a lock never tells anyone an email is registered, and per source address.
 */
export const SIGN_IN_LIMITS = {
  /** After this many failures in a row for one email, each further try must wait. */
  slowAfter: 3,
  /** The wait doubles with each failure past `slowAfter`, from 2 s, up to this. */
  maxDelayMs: 60_000,
  /** At this many failures in a row the email is locked... */
  lockAfter: 10,
  /** ...for this long. */
  lockMs: 30 * 60_000,
  /** One source address may fail this many times (any emails)... */
  addressLockAfter: 30,
  /** ...before it is locked for this long. */
  addressLockMs: 15 * 60_000,
  /** Failures older than this are forgotten. */
  forgetAfterSeconds: 24 * 60 * 60,
} as const;

const SIGN_IN_FAILED = "Those sign-in details did not work. Check them and try again.";

export type StaffAuthDeps = {
  mailer: Mailer;
  staff: StaffRepository;
  audit: AuditRepository;
  limits: RateLimitRepository;
  hashKey: Buffer;
  /** Seals each TOTP secret to its account (or, while being set up, its invite). */
  cipher: FieldCipher;
  now: () => number;
  /** The deployment's configured site origin: where invite links point, and nothing else decides it. */
  siteOrigin: string;
};

/** A TOTP secret is sealed under this field name, bound to `account:<id>` or `invite:<hash>`. */
const TOTP_FIELD = "totpSecret";

/** Staff sign-in, sessions, invites and the account page's actions. */
export function staffAuthFeature(deps: StaffAuthDeps) {
  const { mailer, staff, audit, limits, hashKey, cipher, now, siteOrigin } = deps;
  const sealTotp = (record: string, secret: string) => cipher.encrypt(secret, { record, field: TOTP_FIELD });
  const openTotp = (record: string, sealed: string) => cipher.decrypt(sealed, { record, field: TOTP_FIELD });

  /**
   * The account's TOTP secret: opened from its sealed copy, or (an older account) as kept in
   * clear. A sealed copy that does not open here (copied from another account) is no secret.
   */
  async function totpSecretOf(account: StaffAccount): Promise<string | undefined> {
    if (!account.totpSealed) return account.totpSecret;
    return openTotp(`account:${account.id}`, account.totpSealed).catch(() => undefined);
  }

  /** An older account's secret in clear is sealed once it has proved itself; a failure waits for the next sign-in. */
  async function sealIfClear(account: StaffAccount): Promise<void> {
    if (account.totpSealed || !account.totpSecret) return;
    await staff.sealTotpSecret(account.id, account.totpSecret, await sealTotp(`account:${account.id}`, account.totpSecret)).catch(() => false);
  }
  const iso = () => new Date(now()).toISOString();
  const sourceHash = (source: Source) => keyedHash(hashKey, `address:${source.address}`);

  async function record(
    action: AuditAction,
    source: Source,
    details: { actorId?: string; record?: string; organisationId?: string; outcome?: "allowed" | "refused" } = {},
  ) {
    await audit.append({ action, at: iso(), sourceHash: sourceHash(source), ...details });
  }

  async function startSession(account: StaffAccount): Promise<string> {
    const token = randomToken();
    const started = now();
    await staff.saveSession({
      tokenHash: tokenHash(token),
      accountId: account.id,
      createdAt: started,
      lastSeenAt: started,
      expiresAt: Math.ceil((started + SESSION_ABSOLUTE_MS) / 1000),
    });
    return token;
  }

  const lockout = signInLockout(limits, now, {
    counters: {
      email: { kind: "email", lockAfter: SIGN_IN_LIMITS.lockAfter, lockMs: SIGN_IN_LIMITS.lockMs },
      address: { kind: "address", lockAfter: SIGN_IN_LIMITS.addressLockAfter, lockMs: SIGN_IN_LIMITS.addressLockMs },
    },
    forgetAfterSeconds: SIGN_IN_LIMITS.forgetAfterSeconds,
    locked: (minutes) => new AppError("signin.locked", 429, `Too many tries. Wait ${minutesInWords(minutes)}, then try again.`),
  });

  /** Refuses with 429 while an email or address is locked or must wait; says how long. */
  async function checkThrottle(hashes: { email: string; address: string }) {
    const { email: byEmail } = await lockout.refuseIfLocked(hashes);
    const t = now();
    if (byEmail.failures >= SIGN_IN_LIMITS.slowAfter) {
      const delay = Math.min(SIGN_IN_LIMITS.maxDelayMs, 2000 * 2 ** (byEmail.failures - SIGN_IN_LIMITS.slowAfter));
      if (t < byEmail.lastFailureAt + delay) {
        const seconds = Math.ceil((byEmail.lastFailureAt + delay - t) / 1000);
        throw new AppError("signin.slow_down", 429, `Please wait ${seconds} second${seconds === 1 ? "" : "s"}, then try again.`);
      }
    }
  }

  async function failSignIn(hashes: { email: string; address: string }, source: Source, actorId?: string): Promise<never> {
    const locked = await lockout.recordFailure(hashes);
    await record("signin.failed", source, { actorId, outcome: "refused" });
    if (locked.includes("email")) await record("signin.locked", source, { actorId, record: actorId ? `account:${actorId}` : undefined, outcome: "refused" });
    if (locked.includes("address")) await record("signin.locked", source, { record: "address", outcome: "refused" });
    throw new AppError("signin.failed", 401, SIGN_IN_FAILED);
  }

  /** A second factor: a TOTP code (never the same step twice) or an unused recovery code. */
  async function secondFactor(account: StaffAccount, code: string, source: Source): Promise<boolean> {
    const secret = await totpSecretOf(account);
    const step = secret === undefined ? undefined : verifyTotp(secret, code.trim(), account.totpLastStep, now());
    if (step !== undefined) {
      const claimed = await staff.claimTotpStep(account.id, step);
      if (claimed) await sealIfClear(account);
      return claimed;
    }
    const recovery = normaliseRecoveryCode(code);
    if (recovery.length !== 16) return false;
    const used = await staff.useRecoveryCode(account, tokenHash(recovery));
    await record(used ? "recovery_code.used" : "recovery_code.rejected", source, {
      actorId: account.id,
      outcome: used ? "allowed" : "refused",
    });
    return used;
  }

  const inviteGone = () =>
    new AppError("invite.invalid", 410, "This invite link has expired or has already been used. Ask the person who invited you for a new one.");

  async function validInvite(token: string): Promise<Invite> {
    const invite = await staff.getInvite(tokenHash(token));
    if (!invite || invite.usedAt || invite.expiresAt * 1000 <= now()) throw inviteGone();
    return invite;
  }

  function checkNewPassword(password: string, email: string, field: "password" | "newPassword") {
    const problems: string[] = [];
    if (password.length < MIN_PASSWORD_LENGTH) problems.push(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (password.length > 256) problems.push("Use at most 256 characters.");
    if (password.toLowerCase().includes(email.split("@")[0]!.toLowerCase())) problems.push("Do not use your email address in your password.");
    if (problems.length) throw new AppError("password.weak", 400, problems.join(" "), [{ field, message: problems.join(" ") }]);
  }

  return {
    /** Email, password and a code: one message for every way it can be wrong. */
    async signIn(input: { email: string; password: string; code: string }, source: Source): Promise<{ token: string; account: StaffSummary }> {
      const hashes = { email: keyedHash(hashKey, `email:${input.email}`), address: sourceHash(source) };
      await checkThrottle(hashes);
      const account = await staff.getAccountByEmail(input.email);
      // Always run one scrypt, so an unknown email takes as long as a wrong password.
      const passwordOk = await verifyPassword(input.password, account?.passwordHash ?? (await decoyHash()));
      if (!account || !passwordOk || !(await secondFactor(account, input.code, source))) {
        return failSignIn(hashes, source, account?.id);
      }
      await lockout.clear("email", hashes.email);
      await record("signin.succeeded", source, { actorId: account.id });
      return { token: await startSession(account), account: summarise(account) };
    },

    /** The member of staff behind a session token, or undefined if the session is over. */
    async authenticate(token: string, source: Source): Promise<StaffIdentity | undefined> {
      const hash = tokenHash(token);
      const session = await staff.getSession(hash);
      if (!session) return undefined;
      const t = now();
      if (sessionEnded(session, t)) {
        await staff.deleteSession(hash);
        return undefined;
      }
      const account = await staff.getAccount(session.accountId);
      if (!account) {
        await staff.deleteSession(hash);
        await record("session.rejected", source, { record: `account:${session.accountId}`, outcome: "refused" });
        return undefined;
      }
      // Saves a write on every request: idle time is measured to the minute.
      if (t - session.lastSeenAt > 60_000) await staff.touchSession(hash, t);
      return { actor: { accountId: account.id, grants: account.grants }, account };
    },

    async signOut(token: string, actor: Actor, source: Source): Promise<void> {
      await staff.deleteSession(tokenHash(token));
      await record("signout", source, { actorId: actor.accountId });
    },

    async signOutEverywhere(actor: Actor, source: Source): Promise<number> {
      const ended = await staff.deleteSessionsOf(actor.accountId);
      await record("signout.everywhere", source, { actorId: actor.accountId, record: `account:${actor.accountId}` });
      return ended;
    },

    /**
     * Emails a single-use invite link, valid for 72 hours, to the person invited; the inviter
     * never sees the link, so they cannot take the account themselves. Who may invite whom is
     * the caller's check. The link points at the configured site origin.
     */
    async createInvite(actor: StaffAccount, email: string, grants: Grant[], source: Source): Promise<{ expiresAt: string }> {
      if (await staff.getAccountByEmail(email)) {
        const message = "Someone already has an account with this email. Change their roles instead.";
        throw new AppError("invite.email_taken", 409, message, [{ field: "email", message }]);
      }
      const token = randomToken();
      const expires = now() + INVITE_LIFETIME_MS;
      await staff.saveInvite({
        tokenHash: tokenHash(token),
        email,
        grants,
        invitedBy: actor.id,
        createdAt: iso(),
        expiresAt: Math.floor(expires / 1000),
      });
      const roles = grants.map((g) => ROLES[g.role].label.toLowerCase()).join(", ");
      await mailer.send({
        to: email,
        subject: "Your OneDoor invitation",
        text: [
          "Hello,",
          `${actor.name} has invited you to OneDoor as: ${roles}.`,
          "To set up your account, open this link within 72 hours. It works once.",
          // The token is after '#', so it is never sent to a server or written in its logs.
          `${siteOrigin}/staff/invite/#${token}`,
          "You will choose a password and set up an authenticator app on your phone.",
          "If you were not expecting this email, you can ignore it.",
        ].join("\n\n"),
      });
      const organisationId = grants.find((g) => g.organisationId)?.organisationId;
      await record("invite.created", source, { actorId: actor.id, record: `invite:${tokenHash(token).slice(0, 12)}`, organisationId });
      return { expiresAt: new Date(expires).toISOString() };
    },

    /** What an invite is for, so the page can greet the person before they choose a password. */
    async checkInvite(token: string): Promise<{ email: string; grants: Grant[] }> {
      const invite = await validInvite(token);
      return { email: invite.email, grants: invite.grants };
    },

    /** Step 1 of accepting: name and password chosen, a TOTP secret made and shown as a QR code. */
    async startInvite(token: string, input: { name: string; password: string }): Promise<{ secret: string; uri: string; qrSvg: string }> {
      const invite = await validInvite(token);
      checkNewPassword(input.password, invite.email, "password");
      const secret = newTotpSecret();
      const stored = await staff.setInvitePending(invite.tokenHash, {
        name: input.name,
        passwordHash: await hashPassword(input.password),
        totpSealed: await sealTotp(`invite:${invite.tokenHash}`, secret),
      });
      if (!stored) throw inviteGone();
      return { secret, ...totpEnrolment(secret, invite.email) };
    },

    /** Step 2: the first code proves the app is set up; the invite is used up; recovery codes shown once. */
    async completeInvite(token: string, code: string, source: Source): Promise<{ token: string; recoveryCodes: string[]; account: StaffSummary }> {
      const invite = await validInvite(token);
      if (!invite.pending?.totpSealed) throw new AppError("invite.not_started", 409, "Choose your name and password first.");
      const secret = await openTotp(`invite:${invite.tokenHash}`, invite.pending.totpSealed);
      const step = verifyTotp(secret, code.trim(), undefined, now());
      if (step === undefined) {
        await record("totp.rejected", source, { record: `invite:${invite.tokenHash.slice(0, 12)}`, outcome: "refused" });
        const message = "That code did not work. Type the 6-digit code your app shows now.";
        throw new AppError("totp.invalid", 400, message, [{ field: "code", message }]);
      }
      const codes = recoveryCodes();
      const id = randomUUID();
      const account: StaffAccount = {
        id,
        email: invite.email,
        name: invite.pending.name,
        grants: invite.grants,
        passwordHash: invite.pending.passwordHash,
        totpSealed: await sealTotp(`account:${id}`, secret),
        totpLastStep: step,
        recoveryCodeHashes: codes.map((c) => tokenHash(normaliseRecoveryCode(c))),
        createdAt: iso(),
        updatedAt: iso(),
      };
      // Fails whole if the link was used meanwhile or the email was taken by another invite.
      if (!(await staff.createAccountFromInvite(account, invite.tokenHash, iso()))) throw inviteGone();
      const organisationId = invite.grants.find((g) => g.organisationId)?.organisationId;
      await record("invite.accepted", source, { actorId: account.id, record: `account:${account.id}`, organisationId });
      return { token: await startSession(account), recoveryCodes: codes, account: summarise(account) };
    },

    async changePassword(account: StaffAccount, current: string, next: string, source: Source): Promise<void> {
      if (!(await verifyPassword(current, account.passwordHash))) {
        const message = "Your current password is not right.";
        throw new AppError("password.wrong", 400, message, [{ field: "currentPassword", message }]);
      }
      checkNewPassword(next, account.email, "newPassword");
      await staff.saveAccount({ ...account, passwordHash: await hashPassword(next), updatedAt: iso() });
      await record("password.changed", source, { actorId: account.id, record: `account:${account.id}` });
    },

    /** New recovery codes replace all old ones; the password proves it is really them. */
    async regenerateRecoveryCodes(account: StaffAccount, password: string, source: Source): Promise<string[]> {
      if (!(await verifyPassword(password, account.passwordHash))) {
        const message = "Your password is not right.";
        throw new AppError("password.wrong", 400, message, [{ field: "password", message }]);
      }
      const codes = recoveryCodes();
      const fresh = (await staff.getAccount(account.id)) ?? account;
      await staff.saveAccount({ ...fresh, recoveryCodeHashes: codes.map((c) => tokenHash(normaliseRecoveryCode(c))), updatedAt: iso() });
      await record("recovery_codes.regenerated", source, { actorId: account.id, record: `account:${account.id}` });
      return codes;
    },

    /** Writes an audit entry for an action taken elsewhere (admin routes). */
    record,
  };
}

export type StaffAuthFeature = ReturnType<typeof staffAuthFeature>;
