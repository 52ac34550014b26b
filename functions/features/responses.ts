import type { DirectoryRepository } from "../db/directory";
import type { FeedbackRepository } from "../db/feedback";
import type { GroupRepository } from "../db/groups";
import type { ResponseRepository, StoredResponse } from "../db/responses";
import type { VoiceRepository } from "../db/voice";
import type { AuditAction, Source } from "../domain/audit";
import { authorize, authorizeAny, notFound, readingScope } from "../domain/authorize";
import { decide, type Actor } from "../domain/policy";
import { applyRedactions, loadProposals } from "../domain/redaction";
import { UNANSWERED_AFTER_DAYS, type ResponseDecision, type ResponseInput, type ResponseTarget } from "../domain/responses";
import type { StaffActing } from "../domain/staff";
import { AppError } from "../errors";
import type { FieldCipher } from "../security/field-encryption";
import { openFields, sealFields } from "../security/sealed-fields";

type Deps = {
  responses: ResponseRepository;
  voice: VoiceRepository;
  feedback: FeedbackRepository;
  groups: GroupRepository;
  directory: DirectoryRepository;
  cipher: FieldCipher;
  now: () => number;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string; organisationId?: string }) => Promise<void>;
};

/** What a response is to: a piece of feedback, or a group report (whose key needs its group). */
export type TargetRef = { target: ResponseTarget; targetId: string; groupId?: string };

const recordOf = (r: { target: string; targetId: string; organisationId: string }) => `response:${r.target}:${r.targetId}:${r.organisationId}`;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * "You said, we did": a provider's manager answers approved feedback or a report addressed to
 * them, with a status; a moderator checks it for personal data; the history of answers is kept.
 */
export function responsesFeature({ responses, voice, feedback, groups, directory, cipher, now, record: audit }: Deps) {
  /** A moderator's reason, opened; one saved in clear before reasons were sealed is read as it is. */
  const sentBackReason = async (sentBack: NonNullable<StoredResponse["sentBack"]> & { reason?: string }, record: string) =>
    sentBack.reason ?? (await openFields(cipher, record, sentBack.sealed ?? {})).reason ?? "";

  const iso = () => new Date(now()).toISOString();

  /**
   * The approved target: the organisations that may answer it, the areas whose commissioners read
   * it, when it was approved, and the public service pages an answer appears on (by organisation).
   */
  async function approvedTarget(
    ref: TargetRef,
  ): Promise<{ organisationIds: string[]; areaIds: string[]; approvedAt: string; expiresAt: number; publicServices: (organisationId: string) => Promise<string[]> }> {
    if (ref.target === "feedback") {
      const piece = await feedback.get(ref.targetId);
      if (!piece || piece.state !== "approved" || !piece.decided) throw notFound();
      return { organisationIds: [piece.organisationId], areaIds: piece.areaIds, approvedAt: piece.decided.at, expiresAt: piece.expiresAt, publicServices: async () => [piece.serviceId] };
    }
    const report = ref.groupId ? await groups.getReport(ref.groupId, ref.targetId) : undefined;
    if (!report || report.state !== "approved" || !report.decided) throw notFound();
    return {
      organisationIds: report.addressedOrganisationIds ?? [],
      areaIds: report.addressedTo.commissioners ? [report.areaId] : [],
      approvedAt: report.decided.at,
      expiresAt: report.expiresAt,
      publicServices: async (organisationId) =>
        report.mayShowPublicly ? [...(await directory.getServices(report.addressedTo.serviceIds)).values()].filter((s) => s.organisationId === organisationId).map((s) => s.id) : [],
    };
  }

  async function inQueue(actor: Actor, ref: TargetRef, organisationId: string) {
    authorize(actor, "feedback.moderate");
    const response = await responses.get(ref.target, ref.targetId, organisationId);
    if (!response?.pending) throw notFound();
    return response;
  }

  const changedMeanwhile = () => new AppError("response.changed", 409, "Someone else changed this response just now. Look again, then try again.");
  const publicOf = ({ pending: _p, ...r }: StoredResponse) => r;

  return {
    /** Saves a manager's answer for their organisation; it waits for a moderator before anyone else reads it. */
    async respond({ actor, account, source }: StaffActing, ref: TargetRef, input: ResponseInput, asked?: string) {
      const target = await approvedTarget(ref);
      const mine = target.organisationIds.filter((o) => decide(actor, "response.write", { organisationId: o }) === "allow");
      const organisationId = asked ?? mine[0] ?? target.organisationIds[0] ?? "none";
      authorize(actor, "response.write", { organisationId });
      if (!target.organisationIds.includes(organisationId)) throw notFound();
      const before = await responses.get(ref.target, ref.targetId, organisationId);
      const at = iso();
      const name = recordOf({ ...ref, organisationId });
      const after: StoredResponse = {
        ...(before ?? { target: ref.target, targetId: ref.targetId, groupId: ref.groupId, organisationId, targetApprovedAt: target.approvedAt, history: [], version: 0, expiresAt: target.expiresAt }),
        pending: { status: input.status, sealed: await sealFields(cipher, name, { text: input.text, why: input.why }), at, by: { accountId: account.id, name: account.name } },
        sentBack: undefined,
        version: (before?.version ?? 0) + 1,
      };
      if (!(await responses.save(after, before))) throw changedMeanwhile();
      await audit("response.saved", source, { actorId: actor.accountId, record: name, organisationId });
      return { waitingForModerator: true };
    },

    /** Responses waiting for a moderator, for the shared queue. */
    async queue(actor: Actor) {
      authorize(actor, "feedback.moderate");
      const waiting = await responses.inModeration();
      const organisations = await directory.getOrganisations([...new Set(waiting.map((r) => r.organisationId))]);
      return waiting.map((r) => ({
        kind: "response" as const,
        target: r.target,
        targetId: r.targetId,
        groupId: r.groupId,
        organisationId: r.organisationId,
        organisationName: organisations.get(r.organisationId)?.name ?? "An organisation",
        receivedAt: r.pending!.at,
      }));
    },

    /** Opens a waiting response for a moderator (audited): its words, and the personal data OneDoor proposes to take out. */
    async open({ actor, source }: StaffActing, ref: TargetRef, organisationId: string) {
      const response = await inQueue(actor, ref, organisationId);
      await audit("response.opened", source, { actorId: actor.accountId, record: recordOf(response), organisationId });
      const texts = await openFields(cipher, recordOf(response), response.pending!.sealed);
      const names = [...(await directory.getOrganisations([organisationId])).values()].map((o) => o.name);
      const proposeRedactions = await loadProposals();
      return {
        ...publicOf(response),
        pending: { status: response.pending!.status, at: response.pending!.at, text: texts.text ?? "", why: texts.why },
        proposals: { text: proposeRedactions(texts.text ?? "", { serviceNames: names }), why: proposeRedactions(texts.why ?? "", { serviceNames: names }) },
      };
    },

    /** Approves the waiting answer (redacted) as the live one, keeping the earlier ones, or sends it back. */
    async decide({ actor, source }: StaffActing, ref: TargetRef, organisationId: string, decision: ResponseDecision) {
      const before = await inQueue(actor, ref, organisationId);
      const name = recordOf(before);
      if (decision.decision === "reject") {
        const after = { ...before, pending: undefined, sentBack: { sealed: await sealFields(cipher, name, { reason: decision.reason }), at: iso() }, version: before.version + 1 };
        if (!(await responses.save(after, before))) throw changedMeanwhile();
        await audit("response.rejected", source, { actorId: actor.accountId, record: name, organisationId });
        return { state: "rejected" as const };
      }
      const texts = await openFields(cipher, name, before.pending!.sealed);
      let version;
      try {
        version = {
          status: before.pending!.status,
          text: applyRedactions(texts.text ?? "", decision.redactions.text),
          ...(texts.why ? { why: applyRedactions(texts.why, decision.redactions.why) } : {}),
          at: before.pending!.at,
        };
      } catch {
        const message = "These redactions do not fit the text. Open it again and redo them.";
        throw new AppError("request.invalid", 400, message, [{ field: "redactions", message }]);
      }
      const after = { ...before, pending: undefined, current: version, history: [...before.history, version], version: before.version + 1 };
      const target = await approvedTarget(ref);
      const also = (await target.publicServices(organisationId)).map((s) => voice.put(s, { kind: "response", target: ref.target, targetId: ref.targetId, organisationId, current: version }, target.expiresAt));
      if (!(await responses.save(after, before, { answered: !before.current, also }))) throw changedMeanwhile();
      await audit("response.approved", source, { actorId: actor.accountId, record: name, organisationId });
      return { state: "approved" as const };
    },

    /**
     * The approved answers to one target, with their history: for everyone who may read the
     * target. A manager who may answer for an organisation also gets `yours`: their organisation's
     * answer waiting for a moderator (`waiting`), or sent back with the reason (`sentBack`).
     */
    async answersTo(actor: Actor, ref: TargetRef) {
      const target = await approvedTarget(ref);
      const action = ref.target === "feedback" ? "feedback.read" : "group_report.read";
      authorizeAny(actor, action, [...target.organisationIds.map((organisationId) => ({ organisationId })), ...target.areaIds.map((areaId) => ({ areaId }))]);
      const all = await responses.responsesTo(ref.target, ref.targetId);
      // A manager's own answer waiting for a moderator, or sent back, is theirs alone: nobody
      // else learns that an answer is on its way, nor a moderator's reason.
      const yours = await Promise.all(
        all
          .filter((r) => (r.pending || r.sentBack) && decide(actor, "response.write", { organisationId: r.organisationId }) === "allow")
          .map(async (r) => ({
            organisationId: r.organisationId,
            ...(r.pending ? { waiting: { at: r.pending.at, status: r.pending.status } } : {}),
            ...(r.sentBack ? { sentBack: { reason: await sentBackReason(r.sentBack, recordOf(r)), at: r.sentBack.at } } : {}),
          })),
      );
      return { responses: all.filter((r) => r.current).map(publicOf).map(({ sentBack: _s, ...r }) => r), ...(yours.length ? { yours } : {}) };
    },

    /**
     * What is still unanswered more than 28 days after approval, per provider: an area's
     * commissioners see every organisation with services there; a manager their own.
     */
    async unanswered(actor: Actor, query: { organisationId?: string; areaId?: string }) {
      const scope = readingScope(actor, "response.unanswered", query);
      const organisationIds =
        "organisationId" in scope
          ? [scope.organisationId]
          : [...new Set((await directory.servicesForAreas([scope.areaId])).items.filter((s) => !s.national).map((s) => s.organisationId))];
      const before = new Date(now() - UNANSWERED_AFTER_DAYS * DAY_MS).toISOString();
      const organisations = await directory.getOrganisations(organisationIds);
      const providers = await Promise.all(
        organisationIds.map(async (organisationId) => ({
          organisationId,
          organisationName: organisations.get(organisationId)?.name ?? "An organisation",
          // An area's commissioners see only what is about their area (a report only if addressed to them).
          unanswered: (await responses.unanswered(organisationId, before)).filter((u) => "organisationId" in scope || u.areaIds.includes(scope.areaId)),
        })),
      );
      return { scope, providers: providers.filter((p) => p.unanswered.length) };
    },
  };
}

export type ResponsesFeature = ReturnType<typeof responsesFeature>;
