import type { MiddlewareHandler } from "hono";
import type { Actor } from "../domain/policy";
import type { StaffAccount } from "../domain/staff";
import { SESSION_ABSOLUTE_MS } from "../domain/staff";
import { AppError } from "../errors";
import type { StaffAuthFeature } from "../features/staff-auth";
import { sessionCookie } from "./session-cookie";
import { sourceAddress } from "./source";

/** The staff session cookie (`__Host-onedoor_staff`; `onedoor_staff` on localhost). */
const staffCookie = sessionCookie("onedoor_staff", SESSION_ABSOLUTE_MS);
export const setSessionCookie = staffCookie.set;
export const clearSessionCookie = staffCookie.clear;
export const sessionToken = staffCookie.read;

export type StaffVariables = { actor: Actor; account: StaffAccount; sessionToken: string };

/** Lets a request through only with a live staff session; sets `actor` and `account`. */
export function requireStaff(auth: StaffAuthFeature): MiddlewareHandler<{ Variables: StaffVariables }> {
  return async (c, next) => {
    const token = sessionToken(c);
    const found = token ? await auth.authenticate(token, { address: sourceAddress(c) }) : undefined;
    if (!token || !found) {
      if (token) clearSessionCookie(c);
      throw new AppError("session.required", 401, "Please sign in to continue.");
    }
    c.set("actor", found.actor);
    c.set("account", found.account);
    c.set("sessionToken", token);
    await next();
  };
}
