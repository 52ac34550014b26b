import type { AuditRepository } from "../db/audit";
import type { DirectoryRepository } from "../db/directory";
import type { RequestRepository } from "../db/requests";
import type { AuditAction } from "../domain/audit";
import type { Actor } from "../domain/policy";
import { authorize, notFound } from "../domain/authorize";
import type { FieldCipher } from "../security/field-encryption";
import { openAnswers, openEventTexts } from "./open-request";
import type { Source } from "../domain/audit";

type Deps = {
  requests: RequestRepository;
  directory: DirectoryRepository;
  audit: AuditRepository;
  cipher: FieldCipher;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string }) => Promise<void>;
  now: () => number;
};

/**
 * A subject access export (UK GDPR Art. 15): everything OneDoor holds about one request, as
 * JSON, for an admin to give to the person. The export itself is audited.
 */
export function subjectAccessFeature({ requests, directory, audit, cipher, record, now }: Deps) {
  return {
    async export(actor: Actor, reference: string, source: Source) {
      authorize(actor, "request.export");
      const whole = await requests.getWhole(reference);
      if (!whole.request) throw notFound();
      await record("request.exported", source, { actorId: actor.accountId, record: `request:${reference}` });
      const services = await directory.getServices(whole.routes.map((r) => r.serviceId));
      const accesses = await audit.ofRequest(reference);
      const { checkInCodeHash: _h, contactHashes, idempotencyKeyHash: _k, sealed: _s, ...clear } = whole.request;
      return {
        exportedAt: new Date(now()).toISOString(),
        reference,
        about: "Everything OneDoor holds about this request. The check-in code is kept only as a one-way hash, so it cannot be shown.",
        request: { ...clear, answers: await openAnswers(cipher, whole.request), contactDetailFingerprints: contactHashes.length },
        services: whole.routes.map((route) => ({ ...route, serviceName: services.get(route.serviceId)?.name })),
        history: await Promise.all(
          whole.events.map(async (event) => {
            const { sealed: _e, ...rest } = event;
            return { ...rest, ...(await openEventTexts(cipher, event)) };
          }),
        ),
        // Who has looked at or acted on it, this export included.
        access: accesses.map(({ at, action, actorId }) => ({ at, action, actorId })),
      };
    },
  };
}

export type SubjectAccessFeature = ReturnType<typeof subjectAccessFeature>;

/** The export as the API sends it (its JSON), for the admin page that offers it as a download. */
export type SubjectAccessExport = Awaited<ReturnType<SubjectAccessFeature["export"]>>;
