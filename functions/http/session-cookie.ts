import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { siteOf } from "./site";

/**
 * A session cookie: `__Host-` prefixed, HttpOnly, Secure and SameSite=Strict. On a deployment
 * configured for plain http on localhost a Secure cookie cannot be set, so there (only) it drops
 * the prefix and Secure, which the prefix requires. What the request says its host is never
 * decides this. Staff and people checking in each have one, under their own name.
 */
export function sessionCookie(name: string, maxAgeMs: number) {
  const settings = (c: Context) => {
    const { local } = siteOf(c);
    return { name: local ? name : `__Host-${name}`, options: { path: "/", httpOnly: true, secure: !local, sameSite: "Strict" as const } };
  };
  return {
    set(c: Context, token: string): void {
      const { name: cookie, options } = settings(c);
      setCookie(c, cookie, token, { ...options, maxAge: maxAgeMs / 1000 });
    },
    clear(c: Context): void {
      const { name: cookie, options } = settings(c);
      deleteCookie(c, cookie, options);
    },
    read(c: Context): string | undefined {
      return getCookie(c, settings(c).name);
    },
  };
}
