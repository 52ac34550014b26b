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

/**
 * The origin the person's browser is on. Behind the CDN the API sees its own Lambda host, so
 * the router's `X-Forwarded-Host` names the site; locally it is the request's own host.
 */
export function publicOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const host = c.req.header("x-forwarded-host") ?? c.req.header("host") ?? url.host;
  const proto = c.req.header("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/** Whether the browser is on this machine, where a cookie cannot be Secure over plain http. */
export function isLocalhost(c: Context): boolean {
  const host = new URL(publicOrigin(c)).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}
