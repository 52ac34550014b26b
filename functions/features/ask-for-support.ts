import { createHmac } from "node:crypto";
import type { DirectoryRepository } from "../db/directory";
import type { RequestRepository, StoredRequest } from "../db/requests";
import type { StaffRepository } from "../db/staff";
import type { Service } from "../domain/directory";
import { CHECK_IN_CODE_LENGTH, newReference } from "../domain/request-codes";
import type { Route } from "../domain/route";
import { isOpen } from "../domain/route-status";
import { takesRequests } from "../domain/takes-requests";
import { contactFingerprints, isUrgent, splitIdentifying, type SupportRequest } from "../domain/support-request";
import type { Mailer } from "../email/mailer";
import { AppError } from "../errors";
import type { Logger } from "../http/log";
import type { FieldCipher } from "../security/field-encryption";
import { hashCheckInCode } from "../security/passwords";
import { sealFields } from "../security/sealed-fields";
import { keyedHash } from "../security/tokens";

type Deps = {
  requests: RequestRepository;
  directory: DirectoryRepository;
  staff: StaffRepository;
  mailer: Mailer;
  cipher: FieldCipher;
  hashKey: Buffer;
  now: () => number;
  log: Logger;
};

export type Submitted = { created: boolean; reference: string; checkInCode: string; urgent: boolean };

/** How long a retried submission is still answered with the same reference. */
const IDEMPOTENCY_SECONDS = 24 * 60 * 60;
const MAX_ATTEMPTS = 8;
const MAX_DUPLICATE_LOOKUPS = 10;
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
export function askForSupportFeature({ requests, directory, staff, mailer, cipher, hashKey, now, log }: Deps) {
  /**
   * The check-in code is derived from the submission's idempotency key with the secret hash key,
   * so a retry can be given the same code again without OneDoor ever storing it.
   */
  const checkInCodeFor = (idempotencyKey: string) => {
    const digest = createHmac("sha256", hashKey).update(`check-in-code:${idempotencyKey}`).digest();
    return (BigInt(`0x${digest.toString("hex")}`) % 10n ** BigInt(CHECK_IN_CODE_LENGTH)).toString().padStart(CHECK_IN_CODE_LENGTH, "0");
  };

  async function chosenServices(ids: string[]): Promise<Service[]> {
    const services = await Promise.all(ids.map((id) => directory.getService(id)));
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

  async function notify(organisationIds: string[], origin: string) {
    const accounts = await staff.listAccounts();
    const to = accounts.filter((a) => a.grants.some((g) => (g.role === "worker" || g.role === "manager") && organisationIds.includes(g.organisationId ?? "")));
    const sent = await Promise.allSettled(to.map((a) => mailer.send({ to: a.email, subject: NEW_REQUEST_EMAIL.subject, text: NEW_REQUEST_EMAIL.text(origin) })));
    const failed = sent.filter((s) => s.status === "rejected").length;
    if (failed) log({ level: "warn", event: "notification.failed", code: `${failed} of ${sent.length}` });
  }

  return {
    async submit(answers: SupportRequest, idempotencyKey: string, origin: string): Promise<Submitted> {
      const keyHash = keyedHash(hashKey, `idempotency:${idempotencyKey}`);
      const answersHash = keyedHash(hashKey, `answers:${JSON.stringify(answers)}`);
      const checkInCode = checkInCodeFor(idempotencyKey);
      const already = await replay(keyHash, answersHash, idempotencyKey);
      if (already) return already;

      const services = await chosenServices(answers.serviceIds);
      const contactHashes = contactFingerprints(answers).map((p) => keyedHash(hashKey, `contact:${p}`));
      const checkInCodeHash = await hashCheckInCode(checkInCode);
      const organisationIds = new Set(services.map((s) => s.organisationId));
      const urgent = isUrgent(answers);
      const { clear, identifying } = splitIdentifying(answers);

      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        // Both sides of a possible duplicate are marked: the new routes, and the open ones they match.
        const earlier = (await openRoutesWithSameContact(contactHashes)).filter((r) => organisationIds.has(r.organisationId)).slice(0, MAX_DUPLICATE_MARKS);
        const reference = newReference();
        const createdAt = new Date(now()).toISOString();
        const request: StoredRequest = {
          ...clear,
          reference,
          createdAt,
          urgent,
          sealed: await sealFields(cipher, `request:${reference}`, identifying),
          checkInCodeHash,
          contactHashes,
        };
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
          routes,
          duplicatesOf: earlier,
          idempotencyKeyHash: keyHash,
          idempotency: { reference, answersHash, urgent },
          expiresAt: Math.floor(now() / 1000) + IDEMPOTENCY_SECONDS,
        });
        if (outcome === "created") {
          await notify([...new Set(routes.map((r) => r.organisationId))], origin).catch((e: Error) =>
            log({ level: "warn", event: "notification.failed", errorName: e.name }),
          );
          return { created: true, reference, checkInCode, urgent };
        }
        // A new reference, or a marked route changed meanwhile: try again with fresh reads.
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
