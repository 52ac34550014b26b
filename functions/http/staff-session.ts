import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Actor } from "../domain/policy";
import type { StaffAccount } from "../domain/staff";
import { SESSION_ABSOLUTE_MS } from "../domain/staff";
import { AppError } from "../errors";
import type { StaffAuthFeature } from "../features/staff-auth";
import { isLocalhost, sourceAddress } from "./source";

/**
 * The staff session cookie: `__Host-` prefixed, HttpOnly, Secure and SameSite=Strict. On
 * localhost over plain http a Secure cookie cannot be set, so there (only) it drops the prefix
 * and Secure, which the prefix requires.
 */
function cookieSettings(c: Context) {
  const local = isLocalhost(c);
  return {
    name: local ? "onedoor_staff" : "__Host-onedoor_staff",
    options: { path: "/", httpOnly: true, secure: !local, sameSite: "Strict" as const },
  };
}

export function setSessionCookie(c: Context, token: string): void {
  const { name, options } = cookieSettings(c);
  setCookie(c, name, token, { ...options, maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

export function clearSessionCookie(c: Context): void {
  const { name, options } = cookieSettings(c);
  deleteCookie(c, name, options);
}

export function sessionToken(c: Context): string | undefined {
  return getCookie(c, cookieSettings(c).name);
}

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
