import type { Context } from "hono";

/**
 * The address a request came from. Behind CloudFront this is the `CloudFront-Viewer-Address`
 * header CloudFront itself sets; `X-Forwarded-For` is never trusted, because a client can write
 * it. Locally it is the socket's address. It is only ever stored as a keyed hash.
 */
export function sourceAddress(c: Context): string {
  const viewer = c.req.header("cloudfront-viewer-address");
  if (viewer) return viewer.replace(/:\d+$/, "");
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}
