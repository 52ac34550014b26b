import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { requestSource } from "./http/source";
import { routePath } from "hono/route";
import type { Database } from "./db/client";
import { directoryRepository } from "./db/directory";
import { AppError, errorBody, isDatabaseUnavailable } from "./errors";
import { directoryFeature } from "./features/directory";
import { jsonLogger, type Logger } from "./log";
import { securityHeaders } from "./http/security-headers";
import { auditRepository } from "./db/audit";
import { rateLimitRepository } from "./db/rate-limits";
import { staffRepository } from "./db/staff";
import type { Mailer } from "./email/mailer";
import { staffAuthFeature } from "./features/staff-auth";
import { sameOriginOnly } from "./http/origin-check";
import { withSiteOrigin } from "./http/site";
import { siteOrigin } from "./domain/site-origin";
import { rateLimit } from "./http/rate-limit";
import { areaRoutes } from "./routes/areas";
import { staffAdminRoutes } from "./routes/staff-admin";
import { staffAuthRoutes } from "./routes/staff-auth";
import { healthRoutes } from "./routes/health";
import { openReferralRoutes } from "./routes/openreferral";
import { serviceRoutes } from "./routes/services";
import { requestRoutes } from "./routes/requests";
import { inboxRoutes } from "./routes/inbox";
import { requestRepository } from "./db/requests";
import { askForSupportFeature } from "./features/ask-for-support";
import { inboxFeature } from "./features/inbox";
import { checkInRepository } from "./db/check-in";
import { checkInFeature } from "./features/check-in";
import { DEFAULT_RETENTION_MONTHS, retentionFeature } from "./features/retention";
import { checkInRoutes } from "./routes/check-in";
import { approvedFeedbackRoutes, feedbackRoutes, moderationRoutes } from "./routes/feedback";
import { feedbackFeature } from "./features/feedback";
import { feedbackRepository } from "./db/feedback";
import { groupRepository } from "./db/groups";
import { groupsFeature } from "./features/groups";
import { groupRoutes } from "./routes/groups";
import { responseRepository } from "./db/responses";
import { responsesFeature } from "./features/responses";
import { insightsFeature } from "./features/insights";
import { insightsRepository } from "./db/insights";
import { insightsRoutes } from "./routes/insights";
import { responseRoutes } from "./routes/responses";
import { voiceRepository } from "./db/voice";
import { voiceFeature } from "./features/voice";
import { voiceRoutes } from "./routes/voice";
import { coordinationFeature } from "./features/coordination";
import { coordinationRoutes } from "./routes/coordination";
import { subjectAccessFeature } from "./features/subject-access";
import { subjectAccessRoutes } from "./routes/subject-access";
import type { FieldCipher } from "./security/field-encryption";
import { API_CACHE_CONTROL } from "./http/edge-caching";

/** What the app needs from outside: the same in Lambda, in `npm start` and in tests. */
export type AppDeps = {
  db: Database;
  /** The secret key for keyed hashes of addresses and emails (SST secret in AWS, a local file otherwise). */
  hashKey: Buffer;
  /** Where email goes: SES in AWS, the local outbox under `npm start`, memory in tests. */
  mailer: Mailer;
  logger?: Logger;
  /** Encrypts identifying answers field by field: KMS in AWS, a local key file otherwise. */
  fieldCipher: FieldCipher;
  /**
   * The one origin this deployment's pages are on (`https://onedoor.example.org`): every link in
   * an email, the Origin check and the cookies' Secure flag come from it, never from the request.
   */
  publicOrigin: string;
  /** The clock, in epoch milliseconds: tests move it to expire sessions and invites. */
  now?: () => number;
  /** Months personal data is kept after a request has finished (default 12). */
  retentionMonths?: number;
  /** Per-address limits, if not the defaults (the benchmark sends more than a person could). */
  limits?: Partial<typeof UNAUTHENTICATED_LIMITS>;
  /**
   * Deployed behind CloudFront: the secret it adds to every request (http/source.ts). Set, and
   * anything without it is refused and the viewer's address is CloudFront's; unset (locally),
   * the socket's address is used.
   */
  originSecret?: string;
};

/** Per-address limits on requests that need no sign-in. */
export const UNAUTHENTICATED_LIMITS = {
  signIn: { bucket: "signin", limit: 20, windowSeconds: 60 },
  invites: { bucket: "invite", limit: 30, windowSeconds: 60 },
  // Generous: a school or a refuge may send many people's requests from one address.
  requests: { bucket: "ask", limit: 60, windowSeconds: 600 },
  // A contributors' group may give feedback together from one room's address.
  feedback: { bucket: "feedback", limit: 60, windowSeconds: 600 },
};

/** Builds the OneDoor HTTP API. Knows nothing of Lambda, SST or the local server. */
export function createApp(deps: AppDeps) {
  const site = siteOrigin(deps.publicOrigin);
  const log = deps.logger ?? jsonLogger;
  const now = deps.now ?? Date.now;
  const directoryStore = directoryRepository(deps.db);
  const directory = directoryFeature(directoryStore, now);
  const staff = staffRepository(deps.db);
  const audit = auditRepository(deps.db);
  const limits = rateLimitRepository(deps.db);
  const auth = staffAuthFeature({ mailer: deps.mailer, staff, audit, limits, hashKey: deps.hashKey, cipher: deps.fieldCipher, now, siteOrigin: site.origin });
  const limit = (which: keyof typeof UNAUTHENTICATED_LIMITS) =>
    rateLimit(limits, { ...UNAUTHENTICATED_LIMITS[which], ...deps.limits?.[which], hashKey: deps.hashKey, now });
  const requests = requestRepository(deps.db);
  // Asking is counted per address inside the transaction that stores the request (not by a
  // middleware's separate write): one write per request, and nothing stored over the limit.
  const ask = askForSupportFeature({
    requests,
    limit: { ...UNAUTHENTICATED_LIMITS.requests, ...deps.limits?.requests },
    directory: directoryStore,
    staff,
    mailer: deps.mailer,
    cipher: deps.fieldCipher,
    hashKey: deps.hashKey,
    now,
    log,
    siteOrigin: site.origin,
  });
  const feedback = feedbackFeature({
    feedback: feedbackRepository(deps.db),
    directory: directoryStore,
    staff,
    limit: { ...UNAUTHENTICATED_LIMITS.feedback, ...deps.limits?.feedback },
    cipher: deps.fieldCipher,
    hashKey: deps.hashKey,
    now,
    retentionMonths: deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
    record: auth.record,
  });
  const voiceStore = voiceRepository(deps.db);
  const voice = voiceFeature({ voice: voiceStore, feedback: feedbackRepository(deps.db), directory: directoryStore, record: auth.record });
  const groups = groupsFeature({ groups: groupRepository(deps.db), voice: voiceStore, directory: directoryStore, staff, cipher: deps.fieldCipher, now, retentionMonths: deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS, record: auth.record });
  const responses = responsesFeature({ responses: responseRepository(deps.db), voice: voiceStore, feedback: feedbackRepository(deps.db), groups: groupRepository(deps.db), directory: directoryStore, cipher: deps.fieldCipher, now, record: auth.record });
  const insights = insightsFeature({ insights: insightsRepository(deps.db), directory: directoryStore, feedback: feedbackRepository(deps.db), groups: groupRepository(deps.db), responses, now, record: auth.record, hashKey: deps.hashKey });
  const retention = retentionFeature({ requests, now, retentionMonths: deps.retentionMonths ?? DEFAULT_RETENTION_MONTHS });
  const checkIn = checkInFeature({ requests, checkIns: checkInRepository(deps.db), limits, directory: directoryStore, cipher: deps.fieldCipher, hashKey: deps.hashKey, now, retention });
  const inbox = inboxFeature({
    requests,
    directory: directoryStore,
    staff,
    cipher: deps.fieldCipher,
    now,
    record: auth.record,
    retention,
  });

  const app = new Hono()
    .use(requestId())
    .use(securityHeaders())
    .use(async (c, next) => {
      const started = performance.now();
      await next();
      c.header("Cache-Control", API_CACHE_CONTROL);
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
    .use(requestSource(deps.originSecret))
    .use(bodyLimit({ maxSize: 64 * 1024, onError: () => { throw new AppError("request.too_large", 413, "That was too much to send at once."); } }))
    .use(withSiteOrigin(site))
    .use(sameOriginOnly())
    .use("/api/staff/sign-in", limit("signIn"))
    .use("/api/staff/invites/check", limit("invites"))
    .use("/api/staff/invites/start", limit("invites"))
    .use("/api/staff/invites/complete", limit("invites"))
    .route("/api/health", healthRoutes(deps.db))
    .route("/api/services", serviceRoutes(directory))
    .route("/api/services", voiceRoutes(voice))
    .route("/api/areas", areaRoutes(directory))
    .route("/openreferral", openReferralRoutes(directory))
    .route("/api/requests", requestRoutes(ask, deps.hashKey))
    .route("/api/feedback", feedbackRoutes(feedback, deps.hashKey))
    .route("/api/check-in", checkInRoutes(checkIn, feedback, deps.hashKey))
    .route("/api/staff/moderation", moderationRoutes(auth, feedback, groups, responses))
    .route("/api/staff/responses", responseRoutes(auth, responses))
    .route("/api/staff/insights", insightsRoutes(auth, insights, now))
    .route("/api/staff/feedback", approvedFeedbackRoutes(auth, feedback, voice))
    .route("/api/staff", groupRoutes(auth, groups))
    .route("/api/staff/inbox", inboxRoutes(auth, inbox))
    .route("/api/staff/requests", subjectAccessRoutes(auth, subjectAccessFeature({ requests, directory: directoryStore, audit, cipher: deps.fieldCipher, record: auth.record, now })))
    .route("/api/staff/coordination", coordinationRoutes(auth, coordinationFeature({ requests, directory: directoryStore, record: auth.record, now })))
    .route("/api/staff", staffAuthRoutes(auth, directoryStore))
    .route("/api/staff", staffAdminRoutes({ auth, staff, directory: directoryStore, audit, now }));

  app.notFound(() => {
    throw new AppError("route.not_found", 404, "There is nothing at this address.");
  });

  app.onError((error, c) => {
    const id = c.get("requestId");
    let known = error instanceof AppError ? error : undefined;
    if (!known && error instanceof HTTPException && error.status === 400) {
      // Hono's own validator: a body that says it is JSON but cannot be parsed.
      known = new AppError("request.malformed", 400, "We could not read what was sent. Send it as JSON.");
    }
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
