import type { Context, MiddlewareHandler } from "hono";
import type { AppError } from "../errors";
import type { sessionCookie } from "./session-cookie";

type SessionCookie = ReturnType<typeof sessionCookie>;

/**
 * Lets a request through only with a live session under `cookie`. `authenticate` turns the token
 * into what the routes need, set as context variables beside `sessionToken`; undefined means the
 * session is over, and its cookie is cleared. Staff and people checking in each use it with their
 * own cookie, and so will any later sign-in.
 */
export function requireSession<Found extends Record<string, unknown>>(
  cookie: SessionCookie,
  authenticate: (token: string, c: Context) => Promise<Found | undefined>,
  refuse: () => AppError,
): MiddlewareHandler<{ Variables: Found & { sessionToken: string } }> {
  return async (c, next) => {
    const token = cookie.read(c);
    const found = token ? await authenticate(token, c) : undefined;
    if (!token || !found) {
      if (token) cookie.clear(c);
      throw refuse();
    }
    const set = c.set as (key: string, value: unknown) => void;
    for (const [key, value] of Object.entries(found)) set(key, value);
    set("sessionToken", token);
    await next();
  };
}
