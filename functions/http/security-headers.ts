import type { MiddlewareHandler } from "hono";

/**
 * The response headers every OneDoor response carries, defined once: the Hono middleware below
 * sets them on the API and on every page `npm start` serves, and `stacks/site.ts` sets the same
 * record on the CDN, so local and deployed responses cannot drift.
 *
 * Nothing may load from another origin: no fonts, analytics or scripts from elsewhere
 * (PRODUCT.md, safety first). No inline scripts or styles: Astro's are built to files.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
};

/** Hono middleware: sets every security header on the response, whatever route answered. */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
};
