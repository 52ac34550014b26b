import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import { siteOf } from "./site";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF protection: a request that changes anything must come from a page on OneDoor's own
 * origin, the one the deployment was configured with. Browsers always send `Origin` on these;
 * a missing or foreign one is refused. Host and X-Forwarded-* play no part: a script can write
 * them to match any Origin it sends.
 */
export const sameOriginOnly = (): MiddlewareHandler => async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.req.header("origin") !== siteOf(c).origin) {
    throw new AppError("request.cross_origin", 403, "This request did not come from a OneDoor page, so it was refused.");
  }
  await next();
};
