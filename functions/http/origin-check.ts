import type { MiddlewareHandler } from "hono";
import { AppError } from "../errors";
import { publicOrigin } from "./source";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * CSRF protection: a request that changes anything must come from a page on OneDoor's own
 * origin. Browsers always send `Origin` on these; a missing or foreign one is refused.
 */
export const sameOriginOnly = (): MiddlewareHandler => async (c, next) => {
  if (UNSAFE.has(c.req.method) && c.req.header("origin") !== publicOrigin(c)) {
    throw new AppError("request.cross_origin", 403, "This request did not come from a OneDoor page, so it was refused.");
  }
  await next();
};
