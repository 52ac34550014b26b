import { Hono } from "hono";
import * as z from "zod";
import type { DirectoryRepository } from "../db/directory";
import { EmailSchema, StaffNameSchema, summarise } from "../domain/staff";
import type { StaffAuthFeature } from "../features/staff-auth";
import { authorize } from "../domain/authorize";
import { sourceAddress } from "../http/source";
import { clearSessionCookie, requireStaff, setSessionCookie, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invite link is not complete. Copy the whole link from the email.");
const PasswordSchema = z.string().min(1, "Enter your password.").max(256, "Use at most 256 characters.");
const CodeSchema = z.string().trim().min(1, "Enter the code from your app, or a recovery code.").max(40, "That code is too long.");

/** Signing in and out, accepting an invite, and the account page. */
export const staffAuthRoutes = (auth: StaffAuthFeature, directory: DirectoryRepository) => {
  const signedIn = requireStaff(auth.authenticate);
  return new Hono<{ Variables: StaffVariables }>()
    .post("/sign-in", validate("json", z.object({ email: EmailSchema, password: PasswordSchema, code: CodeSchema })), async (c) => {
      const { token, account } = await auth.signIn(c.req.valid("json"), { address: sourceAddress(c) });
      setSessionCookie(c, token);
      return c.json({ account });
    })
    .post("/sign-out", signedIn, async (c) => {
      await auth.signOut(c.get("sessionToken"), c.get("actor"), { address: sourceAddress(c) });
      clearSessionCookie(c);
      return c.json({ signedOut: true });
    })
    .post("/sign-out-everywhere", signedIn, async (c) => {
      authorize(c.get("actor"), "account.manage_own", { accountId: c.get("actor").accountId });
      const sessionsEnded = await auth.signOutEverywhere(c.get("actor"), { address: sourceAddress(c) });
      clearSessionCookie(c);
      return c.json({ sessionsEnded });
    })
    .get("/me", signedIn, (c) => {
      const account = c.get("account");
      return c.json({ account: { ...summarise(account), recoveryCodesLeft: account.recoveryCodeHashes.length } });
    })
    .post("/invites/check", validate("json", z.object({ token: TokenSchema })), async (c) => {
      const { email, grants } = await auth.checkInvite(c.req.valid("json").token);
      // The invited person has no session yet to look names up: say where they will work.
      const [organisations, areas] = await Promise.all([
        directory.getOrganisations(grants.flatMap((g) => (g.organisationId ? [g.organisationId] : []))),
        directory.getAreas(grants.flatMap((g) => (g.areaId ? [g.areaId] : []))),
      ]);
      const named = grants.map((g) => ({
        ...g,
        ...(g.organisationId ? { organisationName: organisations.get(g.organisationId)?.name } : {}),
        ...(g.areaId ? { areaName: areas.get(g.areaId)?.name } : {}),
      }));
      return c.json({ email, grants: named });
    })
    .post("/invites/start", validate("json", z.object({ token: TokenSchema, name: StaffNameSchema, password: PasswordSchema })), async (c) => {
      const { token, ...input } = c.req.valid("json");
      return c.json(await auth.startInvite(token, input));
    })
    .post("/invites/complete", validate("json", z.object({ token: TokenSchema, code: CodeSchema })), async (c) => {
      const { token, code } = c.req.valid("json");
      const result = await auth.completeInvite(token, code, { address: sourceAddress(c) });
      setSessionCookie(c, result.token);
      return c.json({ account: result.account, recoveryCodes: result.recoveryCodes });
    })
    .post(
      "/account/password",
      signedIn,
      validate("json", z.object({ currentPassword: PasswordSchema, newPassword: PasswordSchema })),
      async (c) => {
        authorize(c.get("actor"), "account.manage_own", { accountId: c.get("actor").accountId });
        const { currentPassword, newPassword } = c.req.valid("json");
        await auth.changePassword(c.get("account"), currentPassword, newPassword, { address: sourceAddress(c) });
        return c.json({ changed: true });
      },
    )
    .post("/account/recovery-codes", signedIn, validate("json", z.object({ password: PasswordSchema })), async (c) => {
      authorize(c.get("actor"), "account.manage_own", { accountId: c.get("actor").accountId });
      const codes = await auth.regenerateRecoveryCodes(c.get("account"), c.req.valid("json").password, { address: sourceAddress(c) });
      return c.json({ recoveryCodes: codes });
    });
};
