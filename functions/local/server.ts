import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { OneDoorApp } from "../app";
import { securityHeaders } from "../http/security-headers";

/** Paths the API answers; everything else is the built site. The same split the CDN makes. */
export const API_PREFIXES = ["/api/", "/openreferral/"] as const;

/**
 * One origin for the site and the API, as in production: the built Astro site from `siteDir`,
 * and every API path handed to the very Hono app Lambda runs.
 */
export function localServer(api: OneDoorApp, siteDir: string) {
  const root = relative(process.cwd(), siteDir) || ".";
  const notFoundPage = readFileSync(join(siteDir, "404.html"), "utf8");
  const server = new Hono();
  for (const prefix of API_PREFIXES) server.all(`${prefix}*`, (c) => api.fetch(c.req.raw, c.env));
  server.use(requestId());
  server.use(securityHeaders());
  server.use(async (c, next) => {
    await next();
    // Hashed build assets never change; pages must always be fetched fresh (waits change).
    c.header("Cache-Control", c.req.path.startsWith("/_astro/") ? "public, max-age=31536000, immutable" : "no-cache");
  });
  server.use(serveStatic({ root }));
  server.notFound((c) => c.html(notFoundPage, 404));
  return server;
}

/** Answers every request with 503 until the database is ready; health says so too. */
export function notReadyServer() {
  return new Hono().all("*", (c) =>
    c.json({ status: "starting", database: false, error: { code: "database.starting", message: "OneDoor is starting. Try again in a few seconds." } }, 503),
  );
}
