import { randomUUID } from "node:crypto";
import type { CheckInRepository } from "../db/check-in";
import type { DirectoryRepository } from "../db/directory";
import type { RateLimitRepository } from "../db/rate-limits";
import type { RequestRepository, StoredRequest } from "../db/requests";
import { CHECK_IN_LIMITS, CHECK_IN_SESSION, stageFor } from "../domain/check-in";
import type { Service } from "../domain/directory";
import { newCheckInCode } from "../domain/request-codes";
import type { Route, RouteEvent } from "../domain/route";
import { LOWEST_FEELING, type Feeling } from "../domain/route-labels";
import { changeRoute, isOpen, type RouteChange } from "../domain/route-status";
import { contactFingerprints, splitIdentifying, type ContactChange } from "../domain/support-request";
import { AppError } from "../errors";
import type { FieldCipher } from "../security/field-encryption";
import { hashCheckInCode, verifyPassword } from "../security/passwords";
import { sealFields } from "../security/sealed-fields";
import { keyedHash, randomToken, tokenHash } from "../security/tokens";
import { openAnswers, openEventTexts, sealEventTexts } from "./open-request";
import { minutesInWords, signInLockout } from "./sign-in-lockout";
import type { RetentionFeature } from "./retention";
import type { Source } from "../domain/audit";

type Deps = {
  requests: RequestRepository;
  checkIns: CheckInRepository;
  limits: RateLimitRepository;
  directory: DirectoryRepository;
  cipher: FieldCipher;
  hashKey: Buffer;
  now: () => number;
  retention: RetentionFeature;
};

/**
 * The wait a person on a waiting list is told: what the service said when it put them on the
 * list, unless the service has since updated the expected wait in its listing (then that).
 */
function currentWait(route: Route, events: RouteEvent[], service: Service | undefined): number | undefined {
  const setAt = events.filter((e) => e.serviceId === route.serviceId && e.action === "wait").at(-1)?.at ?? "";
  const listed = service?.expectedWaitWeeks;
  return listed !== null && listed !== undefined && service!.waitUpdatedAt > setAt ? listed : route.expectedWaitWeeks;
}

const busy = () => new AppError("check_in.busy", 409, "Something changed just now. Please try again.");

/** A change the person's own action makes; refused only if the route changed under them. */
const changed = (result: ReturnType<typeof changeRoute>): RouteChange => {
  if (!result.ok) throw busy();
  return result.change;
};

/** A request read whole, known to exist. */
type Whole = { request: StoredRequest; routes: Route[]; events: RouteEvent[] };

/** One message for a wrong reference, a wrong code or both: it never says which. */
const FAILED = "That reference and check-in code do not work together. Check them and try again.";

/**
 * J3: checking in with a reference and a check-in code. Wrong tries are counted per reference
 * and per source address in DynamoDB, and lock both well before the codes are at risk.
 */
export function checkInFeature({ requests, checkIns, limits, directory, cipher, hashKey, now, retention }: Deps) {
  /** A hash of a code nobody has, so an unknown reference costs the same time as a known one. */
  let decoy: Promise<string> | undefined;

  const lockout = signInLockout(limits, now, {
    counters: {
      reference: { kind: "reference", lockAfter: CHECK_IN_LIMITS.referenceLockAfter, lockMs: CHECK_IN_LIMITS.referenceLockMs },
      address: { kind: "check-in-address", lockAfter: CHECK_IN_LIMITS.addressLockAfter, lockMs: CHECK_IN_LIMITS.addressLockMs },
    },
    forgetAfterSeconds: CHECK_IN_LIMITS.forgetAfterSeconds,
    locked: (minutes) => new AppError("check_in.locked", 429, `There have been too many tries. To keep your request safe, wait ${minutesInWords(minutes)}, then try again.`),
  });

  /** What the person sees: each service they asked, its stage in plain words, and where to go if declined. */
  async function view(reference: string) {
    const whole = await requests.getWhole(reference);
    return whole.request ? viewOf({ ...whole, request: whole.request }) : undefined;
  }

  /** The person's view of a request already read (and changed), without reading it again. */
  async function viewOf(whole: Whole) {
    const { reference } = whole.request;
    const signpostIds = whole.events.flatMap((e) => (e.action === "decline" && e.signpostServiceId ? [e.signpostServiceId] : []));
    const services = await directory.getServices([...new Set([...whole.routes.map((r) => r.serviceId), ...signpostIds])]);
    const routes = await Promise.all(
      whole.routes.map(async (route) => {
        const declined = whole.events.filter((e) => e.serviceId === route.serviceId && e.action === "decline").at(-1);
        const text = declined ? (await openEventTexts(cipher, declined)).signpostText : undefined;
        const signpostId = declined?.signpostServiceId;
        const expectedWaitWeeks = route.status === "waiting" ? currentWait(route, whole.events, services.get(route.serviceId)) : undefined;
        return {
          serviceId: route.serviceId,
          serviceName: services.get(route.serviceId)?.name ?? "A service no longer listed",
          status: route.status,
          stage: stageFor({ status: route.status, expectedWaitWeeks }),
          expectedWaitWeeks,
          updatedAt: route.updatedAt,
          signpost: declined ? { serviceId: signpostId, serviceName: signpostId ? services.get(signpostId)?.name : undefined, text } : undefined,
        };
      }),
    );
    return { reference, createdAt: whole.request.createdAt, services: routes };
  }

  /**
   * A person's own change, worked out from a fresh read of their request and worked out again if a
   * service (or another request's duplicate hint) changed it meanwhile: what they asked for does
   * not depend on that, so they are not asked to try again. `change` answers undefined when its
   * conditional write found the request changed.
   */
  async function onFreshRequest<T>(reference: string, change: (whole: Whole) => Promise<T | undefined>): Promise<T> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const done = await change(await wholeOf(reference));
      if (done !== undefined) return done;
    }
    throw busy();
  }

  function afterChanges(whole: Whole, changes: RouteChange[]) {
    const changed = new Map(changes.map((c) => [c.after.serviceId, c.after]));
    return viewOf({ ...whole, routes: whole.routes.map((r) => changed.get(r.serviceId) ?? r), events: [...whole.events, ...changes.map((c) => c.event)] });
  }

  /** The request, with its routes and history, or a "look again" if it went meanwhile. */
  async function wholeOf(reference: string): Promise<Whole> {
    const whole = await requests.getWhole(reference);
    if (!whole.request) throw busy();
    return { ...whole, request: whole.request };
  }

  return {
    async signIn(input: { reference: string; code: string }, source: Source) {
      const hashes = { reference: keyedHash(hashKey, `reference:${input.reference}`), address: keyedHash(hashKey, `address:${source.address}`) };
      await lockout.refuseIfLocked(hashes);
      const whole = await requests.getWhole(input.reference);
      decoy ??= hashCheckInCode(newCheckInCode());
      const matches = await verifyPassword(input.code, whole.request?.checkInCodeHash ?? (await decoy));
      // A request whose services have all finished cannot be opened again: its code stops working.
      if (!whole.request || !matches || whole.request.closedAt) {
        await lockout.recordFailure(hashes);
        throw new AppError("check_in.failed", 401, FAILED);
      }
      await lockout.clear("reference", hashes.reference);
      const token = randomToken();
      const t = now();
      await checkIns.saveSession({ tokenHash: tokenHash(token), reference: input.reference, createdAt: t, lastSeenAt: t, expiresAt: Math.ceil((t + CHECK_IN_SESSION.absoluteMs) / 1000) });
      return { token, request: await viewOf({ ...whole, request: whole.request }) };
    },

    /** The reference a live session opens, or undefined (ended sessions are removed). */
    async authenticate(token: string): Promise<string | undefined> {
      const hash = tokenHash(token);
      const session = await checkIns.getSession(hash);
      if (!session) return undefined;
      const t = now();
      if (t >= session.createdAt + CHECK_IN_SESSION.absoluteMs || t >= session.lastSeenAt + CHECK_IN_SESSION.idleMs) {
        await checkIns.deleteSession(hash);
        return undefined;
      }
      if (t - session.lastSeenAt > 30_000) await checkIns.touchSession(hash, t);
      return session.reference;
    },

    view,

    /**
     * "How are you doing" and "contact me sooner" reach every service still working on the
     * request. The lowest feeling, or "sooner" when it is not safe right now, marks each route
     * urgent, which puts it at the top of the service's inbox.
     */
    async tell(reference: string, update: { action: "feeling"; feeling: Feeling; note?: string } | { action: "sooner"; notSafeNow: boolean; note?: string }) {
      return onFreshRequest(reference, async (whole) => {
        const open = whole.routes.filter((r) => isOpen(r.status));
        if (!open.length) throw new AppError("check_in.nothing_open", 409, "None of your services is still working on your request, so there is nobody to tell.");
        const urgent = update.action === "feeling" ? update.feeling === LOWEST_FEELING : update.notSafeNow;
        const at = new Date(now()).toISOString();
        const changes = await Promise.all(
          open.map(async (route) => {
            const id = randomUUID();
            const said = update.action === "feeling" ? { outcome: update.feeling } : { notSafeNow: update.notSafeNow };
            const sealed = await sealEventTexts(cipher, reference, id, { note: update.note });
            return changed(changeRoute(route, { action: update.action, id, at, set: { urgent: route.urgent || urgent }, record: { ...said, sealed } }));
          }),
        );
        return (await requests.changeRoutes(changes)) ? afterChanges(whole, changes) : undefined;
      });
    },

    /** Their own safe-contact details and preferences, to change them (only with their session). */
    async contactOf(reference: string): Promise<ContactChange> {
      const whole = await wholeOf(reference);
      const { contact, preferences } = await openAnswers(cipher, whole.request);
      return { contact, preferences };
    },

    /**
     * New safe-contact details and preferences: encrypted like the first ones, duplicate hints
     * recomputed, and each service still working on it told (the details are in the request).
     */
    async changeContact(reference: string, change: ContactChange) {
      return onFreshRequest(reference, async (whole) => {
        const answers = { ...(await openAnswers(cipher, whole.request)), contact: change.contact, preferences: change.preferences };
        const { clear, identifying } = splitIdentifying(answers);
        const at = new Date(now()).toISOString();
        const request: StoredRequest = {
          ...whole.request,
          ...clear,
          sealed: await sealFields(cipher, `request:${reference}`, identifying),
          contactHashes: contactFingerprints(answers).map((p) => keyedHash(hashKey, `contact:${p}`)),
        };
        const changes = whole.routes
          .filter((r) => isOpen(r.status))
          .map((route) => changed(changeRoute(route, { action: "contact-changed", id: randomUUID(), at })));
        const organisationIds = [...new Set(whole.routes.map((r) => r.organisationId))];
        return (await requests.changeAnswers(request, whole.request, organisationIds, changes)) ? afterChanges({ ...whole, request }, changes) : undefined;
      });
    },

    /** Stops asking one service. The others carry on. */
    async withdraw(reference: string, serviceId: string) {
      const done = await onFreshRequest(reference, async (whole) => {
        const route = whole.routes.find((r) => r.serviceId === serviceId);
        if (!route) throw new AppError("check_in.no_such_service", 404, "You did not ask that service.");
        const withdrawn = changeRoute(route, { action: "withdraw", id: randomUUID(), at: new Date(now()).toISOString() });
        if (!withdrawn.ok) throw new AppError("route.not_allowed", 409, "This service has already finished with your request, so there is nothing to stop.");
        return (await requests.changeRoutes([withdrawn.change])) ? afterChanges(whole, [withdrawn.change]) : undefined;
      });
      await retention.afterRouteFinished(reference);
      return done;
    },

    /** Deletes the whole request and everything OneDoor holds about it, at once. */
    async deleteRequest(reference: string, token: string): Promise<void> {
      await requests.deleteWhole(reference, new Date(now()).toISOString());
      await checkIns.deleteSession(tokenHash(token));
    },

    async signOut(token: string): Promise<void> {
      await checkIns.deleteSession(tokenHash(token));
    },
  };
}

export type CheckInFeature = ReturnType<typeof checkInFeature>;
