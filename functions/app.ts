import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { routePath } from "hono/route";
import type { Database } from "./db/client";
import { directoryRepository } from "./db/directory";
import { AppError, errorBody, isDatabaseUnavailable } from "./errors";
import { directoryFeature } from "./features/directory";
import { jsonLogger, type Logger } from "./http/log";
import { securityHeaders } from "./http/security-headers";
import { areaRoutes } from "./routes/areas";
import { healthRoutes } from "./routes/health";
import { openReferralRoutes } from "./routes/openreferral";
import { serviceRoutes } from "./routes/services";

/** What the app needs from outside: the same in Lambda, in `npm start` and in tests. */
export type AppDeps = { db: Database; logger?: Logger };

/** Builds the OneDoor HTTP API. Knows nothing of Lambda, SST or the local server. */
export function createApp(deps: AppDeps) {
  const log = deps.logger ?? jsonLogger;
  const directory = directoryFeature(directoryRepository(deps.db));

  const app = new Hono()
    .use(requestId())
    .use(securityHeaders())
    .use(async (c, next) => {
      const started = performance.now();
      await next();
      c.header("Cache-Control", "no-store");
      log({
        level: c.res.status >= 500 ? "error" : "info",
        event: "request",
        requestId: c.get("requestId"),
        method: c.req.method,
        route: routePath(c),
        status: c.res.status,
        durationMs: Math.round(performance.now() - started),
      });
    })
    .use(bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new AppError("request.too_large", 413, "That was too much to send at once."); } }))
    .route("/api/health", healthRoutes(deps.db))
    .route("/api/services", serviceRoutes(directory))
    .route("/api/areas", areaRoutes(directory))
    .route("/openreferral", openReferralRoutes(directory));

  app.notFound(() => {
    throw new AppError("route.not_found", 404, "There is nothing at this address.");
  });

  app.onError((error, c) => {
    const id = c.get("requestId");
    let known = error instanceof AppError ? error : undefined;
    if (!known && isDatabaseUnavailable(error)) {
      known = new AppError("database.unavailable", 503, "OneDoor cannot reach its records right now. Please try again in a minute.");
    }
    if (known) {
      if (known.status >= 500) log({ level: "warn", event: "unavailable", requestId: id, code: known.code });
      return c.json(errorBody(known, id), known.status);
    }
    log({ level: "error", event: "unhandled", requestId: id, route: routePath(c), errorName: error.name });
    return c.json(errorBody(new AppError("server.error", 500, "Something went wrong on our side. Please try again."), id), 500);
  });

  return app;
}

export type OneDoorApp = ReturnType<typeof createApp>;
