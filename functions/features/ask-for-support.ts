import { createHmac } from "node:crypto";
import type { DirectoryRepository } from "../db/directory";
import type { RequestRepository, StoredRequest } from "../db/requests";
import type { StaffRepository } from "../db/staff";
import type { Service } from "../domain/directory";
import { CHECK_IN_CODE_LENGTH, newReference } from "../domain/request-codes";
import type { Route } from "../domain/route";
import { mayWorkOnRequests } from "../domain/policy";
import { isOpen } from "../domain/route-status";
import { takesRequests } from "../domain/takes-requests";
import { contactFingerprints, isUrgent, splitIdentifying, type SupportRequest } from "../domain/support-request";
import { factsOf } from "../domain/request-stats";
import type { Mailer } from "../email/mailer";
import { AppError } from "../errors";
import { freshFor } from "./fresh-for";
import type { Logger } from "../log";
import type { FieldCipher } from "../security/field-encryption";
import { hashCheckInCode } from "../security/passwords";
import { sealFields } from "../security/sealed-fields";
import { keyedHash } from "../security/tokens";

type Deps = {
  requests: RequestRepository;
  /** Requests one source address may send in a window. */
  limit: { bucket: string; limit: number; windowSeconds: number };
  directory: DirectoryRepository;
  staff: StaffRepository;
  mailer: Mailer;
  cipher: FieldCipher;
  hashKey: Buffer;
  now: () => number;
  log: Logger;
  /** The deployment's configured site origin: the only thing a link in an email is built from. */
  siteOrigin: string;
};

export type Submitted = { created: boolean; reference: string; checkInCode: string; urgent: boolean };

/** How long a retried submission is still answered with the same reference. */
const IDEMPOTENCY_SECONDS = 24 * 60 * 60;
const MAX_ATTEMPTS = 8;
const MAX_DUPLICATE_LOOKUPS = 10;
const FRESH_MS = 60_000;
/** Keeps the transaction well under DynamoDB's 100 items (request, idempotency, 10 routes, 3 hashes, these). */
const MAX_DUPLICATE_MARKS = 20;

/** The words of every new-request email: nothing about the topic, the person or the service. */
export const NEW_REQUEST_EMAIL = {
  subject: "You have a new request in OneDoor",
  text: (origin: string) => `You have a new request in OneDoor.\n\nSign in to see it: ${origin}/staff/inbox/\n`,
};

/**
 * J2: a person asks once, and each service they chose receives a route. The request, its routes
 * and the answer for retries are written in one transaction; identifying answers are encrypted
 * first; the check-in code is kept only as a slow hash.
 */
export function askForSupportFeature({ requests, limit, directory, staff, mailer, cipher, hashKey, now, log, siteOrigin }: Deps) {
  /**
   * The check-in code is derived from the submission's idempotency key with the secret hash key,
   * so a retry can be given the same code again without OneDoor ever storing it.
   */
  const checkInCodeFor = (idempotencyKey: string) => {
    const digest = createHmac("sha256", hashKey).update(`check-in-code:${idempotencyKey}`).digest();
    return (BigInt(`0x${digest.toString("hex")}`) % 10n ** BigInt(CHECK_IN_CODE_LENGTH)).toString().padStart(CHECK_IN_CODE_LENGTH, "0");
  };

  /**
   * The chosen services and the staff to notify change rarely and every request reads them, so
   * each is read at most once a minute per instance. A service paused in the last minute may
   * still receive a request; someone invited in the last minute misses that minute's notices.
   */
  const recentServices = freshFor(FRESH_MS, now, (ids) => directory.getServices(ids));
  const recentAccounts = freshFor(FRESH_MS, now, async () => new Map([["all", await staff.listAccounts()]]));

  async function chosenServices(ids: string[]): Promise<Service[]> {
    const found = await recentServices(ids);
    const services = ids.map((id) => found.get(id));
    const missing = services.some((s) => !s || s.status === "closed");
    if (missing) {
      throw new AppError("request.invalid", 400, "One of the services you chose is no longer in OneDoor.", [
        { field: "serviceIds", message: "One of the services you chose is no longer in OneDoor. Go back and choose again." },
      ]);
    }
    const refusing = services.find((s) => !takesRequests(s!));
    if (refusing) {
      const why = refusing.status === "active" ? "only takes requests from professionals, like a doctor or a social worker" : "is not taking new requests right now";
      throw new AppError("request.invalid", 400, `${refusing.name} ${why}.`, [
        { field: "serviceIds", message: `${refusing.name} ${why}. Go back and choose another service.` },
      ]);
    }
    return services as Service[];
  }

  /** Open routes of other requests with the same contact details (at most a few dozen are looked at). */
  async function openRoutesWithSameContact(contactHashes: string[]): Promise<Route[]> {
    const matches = (await Promise.all(contactHashes.map((h) => requests.contactMatches(h)))).flat();
    const references = [...new Set(matches.map((m) => m.reference))].slice(0, MAX_DUPLICATE_LOOKUPS);
    const wholes = await Promise.all(references.map((r) => requests.getWhole(r)));
    return wholes.flatMap((w) => w.routes.filter((r) => isOpen(r.status)));
  }

  async function replay(keyHash: string, answersHash: string, idempotencyKey: string): Promise<Submitted | undefined> {
    const earlier = await requests.getIdempotency(keyHash);
    if (!earlier) return undefined;
    if (earlier.answersHash !== answersHash) {
      throw new AppError("idempotency.reused", 409, "These answers were sent with a key already used for different answers. Reload the page and send them again.");
    }
    return { created: false, reference: earlier.reference, checkInCode: checkInCodeFor(idempotencyKey), urgent: earlier.urgent };
  }

  async function notify(organisationIds: string[]) {
    const accounts = (await recentAccounts(["all"])).get("all") ?? [];
    const to = accounts.filter((a) => organisationIds.some((id) => mayWorkOnRequests(a, id)));
    const sent = await Promise.allSettled(to.map((a) => mailer.send({ to: a.email, subject: NEW_REQUEST_EMAIL.subject, text: NEW_REQUEST_EMAIL.text(siteOrigin) })));
    const failed = sent.filter((s) => s.status === "rejected").length;
    if (failed) log({ level: "warn", event: "notification.failed", code: `${failed} of ${sent.length}` });
  }

  return {
    /** `sender` is a keyed hash of the source address, for the per-address limit. */
    async submit(answers: SupportRequest, idempotencyKey: string, sender: string): Promise<Submitted> {
      const keyHash = keyedHash(hashKey, `idempotency:${idempotencyKey}`);
      const answersHash = keyedHash(hashKey, `answers:${JSON.stringify(answers)}`);
      const checkInCode = checkInCodeFor(idempotencyKey);
      // No read first: a retry is rare, and the transaction's condition on the idempotency item
      // finds it anyway ("already-submitted" below), saving every new request a round trip.
      const contactHashes = contactFingerprints(answers).map((p) => keyedHash(hashKey, `contact:${p}`));
      const urgent = isUrgent(answers);
      const { clear, identifying } = splitIdentifying(answers);
      // The slow parts do not depend on each other, so they run side by side.
      let reference = newReference();
      let [services, checkInCodeHash, sameContact, sealed] = await Promise.all([
        chosenServices(answers.serviceIds),
        hashCheckInCode(checkInCode),
        openRoutesWithSameContact(contactHashes),
        sealFields(cipher, `request:${reference}`, identifying),
      ]);
      const organisationIds = new Set(services.map((s) => s.organisationId));

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        if (attempt > 1) {
          reference = newReference();
          [sameContact, sealed] = await Promise.all([openRoutesWithSameContact(contactHashes), sealFields(cipher, `request:${reference}`, identifying)]);
        }
        // Both sides of a possible duplicate are marked: the new routes, and the open ones they match.
        const earlier = sameContact.filter((r) => organisationIds.has(r.organisationId)).slice(0, MAX_DUPLICATE_MARKS);
        const createdAt = new Date(now()).toISOString();
        const request: StoredRequest = { ...clear, reference, createdAt, urgent, sealed, checkInCodeHash, contactHashes, idempotencyKeyHash: keyHash };
        const routes: Route[] = services.map((service) => ({
          reference,
          serviceId: service.id,
          organisationId: service.organisationId,
          status: "received",
          urgent,
          createdAt,
          updatedAt: createdAt,
          version: 1,
          asker: answers.asker,
          ageBand: answers.ageBand,
          areaId: answers.areaId,
          needs: answers.needs,
          possibleDuplicateOf: [...new Set(earlier.filter((r) => r.organisationId === service.organisationId).map((r) => r.reference))],
        }));
        const outcome = await requests.create({
          request,
          facts: factsOf({ ...answers, reference, createdAt, urgent }),
          routes,
          duplicatesOf: earlier,
          idempotencyKeyHash: keyHash,
          idempotency: { reference, answersHash, urgent },
          expiresAt: Math.floor(now() / 1000) + IDEMPOTENCY_SECONDS,
          limit: { ...limit, key: sender, now: now() },
        });
        if (outcome === "rate-limited") {
          throw new AppError("request.rate_limited", 429, "A lot of requests have come from where you are. Your answers are still here. Wait a few minutes, then try again.");
        }
        if (outcome === "created") {
          await notify([...organisationIds]).catch((e: Error) => log({ level: "warn", event: "notification.failed", errorName: e.name }));
          return { created: true, reference, checkInCode, urgent };
        }
        // A reference already taken, or a marked route changed meanwhile: again, with fresh reads.
        if (outcome === "reference-taken" || outcome === "stale") continue;
        // The same submission is being (or has been) written by a twin request: answer as it did.
        if (outcome === "busy") await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt));
        const twin = await replay(keyHash, answersHash, idempotencyKey);
        if (twin) return twin;
      }
      throw new AppError("request.busy", 503, "OneDoor is very busy right now. Your answers are still here. Please try again in a minute.");
    },
  };
}

export type AskForSupportFeature = ReturnType<typeof askForSupportFeature>;
