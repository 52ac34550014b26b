import { randomUUID } from "node:crypto";
import type { DirectoryRepository } from "../db/directory";
import type { RequestRepository } from "../db/requests";
import type { StaffRepository } from "../db/staff";
import type { AuditAction } from "../domain/audit";
import { mayWorkOnRequests, scopeOf, type Actor } from "../domain/policy";
import { DEFAULT_CHECK_IN_WEEKS, isCheckInOverdue, type Route, type RouteActionInput, type RouteEvent } from "../domain/route";
import { actionsFrom, changeRoute, isOpen, type RouteChangeOf, type RouteStatus } from "../domain/route-status";
import type { StaffActing } from "../domain/staff";
import { openAnswers, openEventTexts, sealEventTexts, type EventTexts } from "./open-request";
import type { RetentionFeature } from "./retention";
import type { Source } from "../domain/audit";
import { AppError } from "../errors";
import { authorize, notFound } from "../domain/authorize";
import type { FieldCipher } from "../security/field-encryption";

type Deps = {
  requests: RequestRepository;
  directory: DirectoryRepository;
  staff: StaffRepository;
  cipher: FieldCipher;
  /** Writes an audit entry (staff-auth.ts `record`). */
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string; organisationId: string }) => Promise<void>;
  now: () => number;
  retention: RetentionFeature;
};

export type InboxFilters = { view: "open" | "closed"; status?: RouteStatus; serviceId?: string };


/** Urgent first, then those owed a check-in, then oldest: the order every inbox shows. */
const inboxOrder = (t: number) => (a: Route, b: Route) =>
  Number(b.urgent) - Number(a.urgent) || Number(isCheckInOverdue(b, t)) - Number(isCheckInOverdue(a, t)) || a.createdAt.localeCompare(b.createdAt);

/** Closing because they could not be reached needs a failed attempt and a follow-up after it. */
function hasSafeFollowUp(events: RouteEvent[]): boolean {
  const attempts = events.filter((e) => e.action === "contact");
  const firstFailure = attempts.findIndex((e) => e.outcome !== "reached");
  return firstFailure >= 0 && attempts.length > firstFailure + 1;
}

/**
 * J6: the provider inbox. Staff see only the routes to their own organisation's services; every
 * read of a person's details is audited; every action goes through route-status.ts.
 */
export function inboxFeature({ requests, directory, staff, cipher, record, now, retention }: Deps) {
  const iso = () => new Date(now()).toISOString();

  async function serviceNames(ids: string[]): Promise<Map<string, string>> {
    const services = await Promise.all([...new Set(ids)].map((id) => directory.getService(id)));
    return new Map(services.filter((s) => !!s).map((s) => [s.id, s.name]));
  }

  /** Everyone who may act on the organisation's routes: who a route can be allocated to. */
  async function colleaguesIn(organisationId: string) {
    const accounts = await staff.listAccounts();
    return accounts
      .filter((a) => mayWorkOnRequests(a, organisationId))
      .map((a) => ({ accountId: a.id, name: a.name }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
  }

  const summary = (route: Route, names: Map<string, string>) => ({
    ...route,
    serviceName: names.get(route.serviceId) ?? "A service no longer listed",
    possibleDuplicate: route.possibleDuplicateOf.length > 0,
    checkInOverdue: isCheckInOverdue(route, now()),
  });

  async function routeInScope(actor: Actor, action: "route.read" | "route.act", reference: string, serviceId: string): Promise<Route> {
    const route = await requests.getRoute(reference, serviceId);
    if (!route) throw notFound();
    authorize(actor, action, { organisationId: route.organisationId });
    return route;
  }

  /** Everything one service may see of a request, decrypted, with its history and what can be done next. */
  async function detail(reference: string, serviceId: string) {
    const whole = await requests.getWhole(reference);
    const route = whole.routes.find((r) => r.serviceId === serviceId);
    if (!whole.request || !route) throw notFound();
    const answers = await openAnswers(cipher, whole.request);
    const events = whole.events.filter((e) => e.serviceId === serviceId);
    const names = await serviceNames([serviceId, ...events.flatMap((e) => (e.signpostServiceId ? [e.signpostServiceId] : []))]);
    const history = [
      { at: route.createdAt, action: "received" as const },
      ...(await Promise.all(
        events.map(async (full) => {
          const { sealed: _s, id: _id, reference: _ref, serviceId: _sid, version: _v, signpostServiceId, ...event } = full;
          const { reason, note, signpostText } = await openEventTexts(cipher, full);
          const signpost = signpostServiceId || signpostText ? { serviceId: signpostServiceId, serviceName: signpostServiceId ? names.get(signpostServiceId) : undefined, text: signpostText } : undefined;
          return { ...event, reason, note, signpost };
        }),
      )),
    ];
    const { method, safeDays, safeTimes, voicemailOk, sayWhoWeAre, codeWord, phone, email, trustedAdult } = answers.contact;
    return {
      ...summary(route, names),
      safeContact: { method, safeDays, safeTimes, voicemailOk, sayWhoWeAre, codeWord },
      contact: { phone, email, trustedAdult },
      message: answers.message,
      preferences: answers.preferences,
      safeNow: answers.safeNow,
      childKnows: answers.childKnows,
      supportForMeToo: answers.supportForMeToo,
      history,
      actions: [...actionsFrom(route.status).filter((a) => a !== "withdraw"), ...(isOpen(route.status) ? ["contact" as const] : [])],
      colleagues: await colleaguesIn(route.organisationId),
    };
  }

  return {
    async list(actor: Actor, filters: InboxFilters) {
      const scope = scopeOf(actor, "route.list");
      const organisationIds = scope.everywhere ? [] : [...new Set(scope.organisationIds)];
      // No organisation to read requests in: a role that never reads them (403).
      if (!organisationIds.length) authorize(actor, "route.list");
      const all = (await Promise.all(organisationIds.map((id) => requests.inbox(id, filters.view === "open")))).flat().sort(inboxOrder(now()));
      const { items } = await directory.allServices();
      const services = items.filter((s) => organisationIds.includes(s.organisationId)).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
      const names = new Map(services.map((s) => [s.id, s.name]));
      const count = (pick: (r: Route) => string) => all.reduce<Record<string, number>>((n, r) => ({ ...n, [pick(r)]: (n[pick(r)] ?? 0) + 1 }), {});
      const shown = all.filter((r) => (!filters.status || r.status === filters.status) && (!filters.serviceId || r.serviceId === filters.serviceId));
      return {
        routes: shown.map((r) => summary(r, names)),
        counts: {
          all: all.length,
          urgent: all.filter((r) => r.urgent).length,
          checkInOverdue: all.filter((r) => isCheckInOverdue(r, now())).length, byStatus: count((r) => r.status), byService: count((r) => r.serviceId) },
        services: services.map((s) => ({ id: s.id, name: s.name })),
      };
    },

    /** Opens a route: the read of a person's details is audited before they are returned. */
    async read({ actor, source }: StaffActing, reference: string, serviceId: string) {
      const route = await routeInScope(actor, "route.read", reference, serviceId);
      await record("route.read", source, { actorId: actor.accountId, record: `route:${reference}:${serviceId}`, organisationId: route.organisationId });
      return detail(reference, serviceId);
    },

    async act({ actor, account, source }: StaffActing, reference: string, serviceId: string, input: RouteActionInput) {
      const route = await routeInScope(actor, "route.act", reference, serviceId);
      const at = iso();
      const id = randomUUID();
      const notAllowed = (reason: string) => new AppError("route.not_allowed", 409, reason);
      // Refused before anything is looked up for the action, as the same action on any route would be.
      const allowed = changeRoute(route, { action: input.action, id, at });
      if (!allowed.ok) throw notAllowed(allowed.reason);
      const set: RouteChangeOf["set"] = {};
      const recorded: RouteChangeOf["record"] = { by: { accountId: account.id, name: account.name } };

      if (input.action === "wait") {
        set.expectedWaitWeeks = recorded.expectedWaitWeeks = input.expectedWaitWeeks;
        set.checkInEveryWeeks = input.checkInEveryWeeks ?? route.checkInEveryWeeks ?? DEFAULT_CHECK_IN_WEEKS;
        // The check-in clock starts when they join the list.
        set.lastContactAt = route.status === "waiting" ? route.lastContactAt : at;
      }
      if (input.action === "allocate") {
        const colleague = (await colleaguesIn(route.organisationId)).find((c) => c.accountId === input.accountId);
        if (!colleague) throw new AppError("request.invalid", 400, "Choose a worker from the list.", [{ field: "accountId", message: "Choose a worker from your organisation." }]);
        set.allocatedTo = recorded.allocatedTo = colleague;
      }
      if (input.action === "contact") {
        recorded.outcome = input.outcome;
        recorded.channel = input.channel;
        set.lastContactAt = at; // a check-in: the clock starts again
      }
      if (input.action === "close" && input.outcome === "unable-to-contact") {
        const { events } = await requests.getWhole(reference);
        if (!hasSafeFollowUp(events.filter((e) => e.serviceId === serviceId))) {
          throw new AppError(
            "route.needs_follow_up",
            409,
            "Before closing because you could not reach them, record a failed contact attempt and then a safe follow-up attempt. Nobody is closed for missing one call.",
          );
        }
      }
      if (input.action === "close") recorded.outcome = input.outcome;
      if (input.action === "decline" && input.signpostServiceId) {
        const signposted = await directory.getService(input.signpostServiceId);
        if (!signposted || signposted.status === "closed") {
          throw new AppError("request.invalid", 400, "That service is not in OneDoor.", [{ field: "signpost", message: "Choose a service that is in OneDoor, or type where they can go." }]);
        }
        recorded.signpostServiceId = input.signpostServiceId;
      }
      if (input.action === "decline" && input.reasonCode) recorded.reasonCode = input.reasonCode;
      const { reason, note, signpostText } = input as EventTexts;
      recorded.sealed = await sealEventTexts(cipher, reference, id, { reason, note, signpostText });

      const changed = changeRoute(route, { action: input.action, id, at, set, record: recorded });
      if (!changed.ok) throw notAllowed(changed.reason);
      const { after } = changed.change;
      if (!(await requests.changeRoutes([changed.change]))) {
        throw new AppError("route.changed", 409, "Someone else changed this request just now. Look at it again, then try again.");
      }
      await record(`route.${input.action}`, source, { actorId: actor.accountId, record: `route:${reference}:${serviceId}`, organisationId: route.organisationId });
      if (!isOpen(after.status)) await retention.afterRouteFinished(reference);
      return detail(reference, serviceId);
    },
  };
}

export type InboxFeature = ReturnType<typeof inboxFeature>;
