import type { Source } from "../domain/audit";
import type { Context } from "hono";
import type { StaffActing, StaffIdentity } from "../domain/staff";
import { SESSION_ABSOLUTE_MS } from "../domain/staff";
import { AppError } from "../errors";
import { requireSession } from "./require-session";
import { sessionCookie } from "./session-cookie";
import { sourceAddress } from "./source";

/** The staff session cookie (`__Host-onedoor_staff`; `onedoor_staff` on localhost). */
const staffCookie = sessionCookie("onedoor_staff", SESSION_ABSOLUTE_MS);
export const setSessionCookie = staffCookie.set;
export const clearSessionCookie = staffCookie.clear;

export type StaffVariables = StaffIdentity & { sessionToken: string };

/** Lets a request through only with a live staff session; sets `actor`, `account` and `sessionToken`. */
export const requireStaff = (authenticate: (token: string, source: Source) => Promise<StaffIdentity | undefined>) =>
  requireSession(
    staffCookie,
    (token, c) => authenticate(token, { address: sourceAddress(c) }),
    () => new AppError("session.required", 401, "Please sign in to continue."),
  );

/** The member of staff a request is from, and where from: what features take to act and audit. */
export const staffOf = (c: Context<{ Variables: StaffVariables }>): StaffActing => ({ actor: c.get("actor"), account: c.get("account"), source: { address: sourceAddress(c) } });
