import { createHash, timingSafeEqual } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "../errors";

declare module "hono" {
  interface ContextVariableMap {
    sourceAddress: string;
  }
}

/**
 * The header CloudFront adds to every request it sends the API (stacks/router.ts, from the
 * `OriginSecret` secret). The function URL is public, so anyone can call it directly and write
 * any header they like, `CloudFront-Viewer-Address` included; this secret is how the API tells a
 * request that came through CloudFront (and its WAF) from one that did not.
 */
export const ORIGIN_SECRET_HEADER = "x-onedoor-origin-secret";

const digest = (value: string) => createHash("sha256").update(value).digest();
const same = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/**
 * Where each request came from, put on the context for `sourceAddress`. Deployed (`originSecret`
 * set), a request without the secret is refused before anything else runs, and the address is
 * the `CloudFront-Viewer-Address` header CloudFront itself sets. Locally (no secret) it is the
 * socket's address, and no header is believed: `X-Forwarded-For` never is, anywhere.
 */
export function requestSource(originSecret: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (originSecret !== undefined) {
      const sent = c.req.header(ORIGIN_SECRET_HEADER);
      if (!sent || !same(sent, originSecret)) throw new AppError("request.not_through_site", 403, "Please use OneDoor through its own website.");
      c.set("sourceAddress", (c.req.header("cloudfront-viewer-address") ?? "unknown").replace(/:\d+$/, ""));
    } else {
      const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
      c.set("sourceAddress", incoming?.socket?.remoteAddress ?? "unknown");
    }
    await next();
  };
}

/** The address a request came from (set by `requestSource`). It is only ever stored as a keyed hash. */
export function sourceAddress(c: Context): string {
  return c.get("sourceAddress") ?? "unknown";
}
