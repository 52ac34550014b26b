import type { MiddlewareHandler } from "hono";
import type { RateLimitRepository } from "../db/rate-limits";
import { AppError } from "../errors";
import { keyedHash } from "../security/tokens";
import { sourceAddress } from "./source";

/** Limits requests per source address, counted in DynamoDB so every Lambda instance shares the count. */
export function rateLimit(
  limits: RateLimitRepository,
  options: { bucket: string; limit: number; windowSeconds: number; hashKey: Buffer; now: () => number },
): MiddlewareHandler {
  return async (c, next) => {
    const key = keyedHash(options.hashKey, `address:${sourceAddress(c)}`);
    if (!(await limits.take(options.bucket, key, options.limit, options.windowSeconds, options.now()))) {
      c.header("Retry-After", String(options.windowSeconds));
      throw new AppError("request.rate_limited", 429, "Too many requests. Wait a minute, then try again.");
    }
    await next();
  };
}
