import { randomUUID } from "node:crypto";
import { CRISIS_LINES } from "../data/crisis-lines";
import type { DirectoryRepository } from "../db/directory";
import type { ApprovedFeedback, FeedbackRepository, StoredFeedback } from "../db/feedback";
import type { StaffRepository } from "../db/staff";
import type { AuditAction, Source } from "../domain/audit";
import { authorize, notFound, readingScope, scopesFor } from "../domain/authorize";
import { areaCountersOf, monthOf, serviceCountersOf, type Feedback, type ModerationDecision } from "../domain/feedback";
import type { Actor } from "../domain/policy";
import { applyRedactions, loadProposals } from "../domain/redaction";
import { spansOf, withWords } from "../domain/redaction-labels";
import { retentionEnds } from "../domain/retention";
import { needsSafeguarding } from "../domain/safeguarding";
import type { StaffActing } from "../domain/staff";
import { AppError } from "../errors";
import type { FieldCipher } from "../security/field-encryption";
import { openFields, sealFields } from "../security/sealed-fields";
import { keyedHash } from "../security/tokens";

type Deps = {
  feedback: FeedbackRepository;
  directory: DirectoryRepository;
  staff: StaffRepository;
  /** Pieces one source address may send in a window. */
  limit: { bucket: string; limit: number; windowSeconds: number };
  cipher: FieldCipher;
  hashKey: Buffer;
  now: () => number;
  /** Months a piece (its original text included) is kept: the deployment's retention period. */
  retentionMonths: number;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string; organisationId?: string }) => Promise<void>;
};

/** What the thank-you page needs: whether a person will read it first, and whether to show the crisis lines. */
export type FeedbackReceived = { created: boolean; moderated: boolean; safeguarding: boolean };

const IDEMPOTENCY_SECONDS = 24 * 60 * 60;
const MAX_ATTEMPTS = 5;
const record = (id: string) => `feedback:${id}`;

/**
 * J4 and J9: feedback arrives anonymous, its scores and equality answers count at once, and its
 * free text waits, encrypted, for a moderator. Only a redacted copy a moderator approved is ever
 * shown to a provider or a commissioner.
 */
export function feedbackFeature({ feedback, directory, staff, limit, cipher, hashKey, now, retentionMonths, record: audit }: Deps) {
  const iso = () => new Date(now()).toISOString();

  async function moderatable(actor: Actor, id: string): Promise<StoredFeedback> {
    authorize(actor, "feedback.moderate");
    const piece = await feedback.get(id);
    if (!piece || piece.state === "no-text") throw notFound();
    return piece;
  }

  const decidedAlready = () => new AppError("feedback.decided", 409, "A moderator has already decided on this piece. Go back to the list.");
  const changedMeanwhile = () => new AppError("feedback.changed", 409, "Someone else changed this piece just now. Open it again, then try again.");

  /** The words in a piece that must not be removed (its services' names, the national lines) and the names that must (its staff). */
  async function redactionContext(piece: StoredFeedback) {
    const [{ items: services }, accounts] = await Promise.all([directory.allServices(), staff.listAccounts()]);
    return {
      serviceNames: [...services.filter((s) => s.organisationId === piece.organisationId).map((s) => s.name), ...CRISIS_LINES.map((l) => l.name)],
      staffNames: accounts.filter((a) => a.grants.some((g) => g.organisationId === piece.organisationId)).map((a) => a.name),
    };
  }

  return {
    /** `sender` is a keyed hash of the source address, for the per-address limit. */
    async submit(answers: Feedback, idempotencyKey: string, sender: string, options: { fromCheckIn: boolean }): Promise<FeedbackReceived> {
      const service = await directory.getService(answers.serviceId);
      if (!service || service.status === "closed") {
        const message = "Choose a service that is in OneDoor.";
        throw new AppError("request.invalid", 400, message, [{ field: "serviceId", message }]);
      }
      const keyHash = keyedHash(hashKey, `feedback-idempotency:${idempotencyKey}`);
      const answersHash = keyedHash(hashKey, `feedback:${JSON.stringify(answers)}:${options.fromCheckIn}`);
      const risk = needsSafeguarding({ text: answers.text, feltSafe: answers.scores.safe });
      const received = { moderated: !!answers.text, safeguarding: risk.needed };
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const id = randomUUID();
        const createdAt = iso();
        const piece: StoredFeedback = {
          id,
          serviceId: service.id,
          organisationId: service.organisationId,
          areaIds: service.areaIds,
          usage: answers.usage,
          scores: answers.scores,
          fromCheckIn: options.fromCheckIn,
          mayShowPublicly: answers.mayShowPublicly,
          createdAt,
          version: 1,
          state: answers.text ? "pending" : "no-text",
          // Equality answers are counted below and not kept with the piece: beside its text they could pick someone out.
          sealed: await sealFields(cipher, record(id), { text: answers.text, phrases: risk.phrases.length ? JSON.stringify(risk.phrases) : undefined }),
          ...(risk.needed ? { safeguarding: { feltUnsafe: risk.reasons.includes("felt-unsafe") } } : {}),
          expiresAt: retentionEnds(createdAt, retentionMonths),
        };
        const outcome = await feedback.create({
          feedback: piece,
          idempotencyKeyHash: keyHash,
          idempotency: { feedbackId: id, answersHash, safeguarding: risk.needed },
          idempotencyExpiresAt: Math.floor(now() / 1000) + IDEMPOTENCY_SECONDS,
          limit: { ...limit, key: sender, now: now() },
          counters: { service: serviceCountersOf({ ...answers, fromCheckIn: options.fromCheckIn }), area: areaCountersOf(answers) },
        });
        if (outcome === "created") return { created: true, ...received };
        if (outcome === "rate-limited") {
          throw new AppError("feedback.rate_limited", 429, "A lot of feedback has come from where you are. Your answers are still here. Wait a few minutes, then try again.");
        }
        if (outcome === "busy") await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt));
        const earlier = await feedback.getIdempotency(keyHash);
        if (earlier) {
          if (earlier.answersHash !== answersHash) {
            throw new AppError("idempotency.reused", 409, "These answers were sent with a key already used for different answers. Reload the page and send them again.");
          }
          return { created: false, ...received };
        }
      }
      throw new AppError("feedback.busy", 503, "OneDoor is very busy right now. Your answers are still here. Please try again in a minute.");
    },

    /** What waits for a moderator: anything that may mean someone is at risk first. No text in the list. */
    async queue(actor: Actor) {
      authorize(actor, "feedback.moderate");
      const pieces = await feedback.moderationQueue();
      const services = await directory.getServices([...new Set(pieces.map((p) => p.serviceId))]);
      return {
        pieces: pieces.map((p) => ({
          kind: "feedback" as const,
          id: p.id,
          serviceName: services.get(p.serviceId)?.name ?? "A service no longer listed",
          receivedAt: p.createdAt,
          safeguarding: p.safeguarding ? { actioned: !!p.safeguarding.actioned } : undefined,
        })),
      };
    },

    /** Opens one piece for a moderator: the original text, audited, with the redactions OneDoor proposes. */
    async open({ actor, source }: StaffActing, id: string) {
      const piece = await moderatable(actor, id);
      const [opened, context, service] = await Promise.all([openFields(cipher, record(id), piece.sealed), redactionContext(piece), directory.getService(piece.serviceId)]);
      await audit("feedback.opened", source, { actorId: actor.accountId, record: record(id), organisationId: piece.organisationId });
      const text = opened.text ?? "";
      return {
        id,
        serviceName: service?.name ?? "A service no longer listed",
        receivedAt: piece.createdAt,
        state: piece.state,
        usage: piece.usage,
        scores: piece.scores,
        fromCheckIn: piece.fromCheckIn,
        text,
        proposals: piece.state === "pending" ? (await loadProposals())(text, context) : [],
        redactions: piece.redactions && withWords(text, piece.redactions),
        redactedText: piece.redactedText,
        decided: piece.decided && { ...piece.decided, reason: opened.rejectReason },
        safeguarding: piece.safeguarding && {
          phrases: opened.phrases ? (JSON.parse(opened.phrases) as string[]) : [],
          feltUnsafe: piece.safeguarding.feltUnsafe,
          actioned: piece.safeguarding.actioned && { ...piece.safeguarding.actioned, action: opened.safeguardingAction },
        },
      };
    },

    /** Records what a moderator did about a piece that suggests someone may be at risk. */
    async recordSafeguarding({ actor, account, source }: StaffActing, id: string, action: string) {
      const piece = await moderatable(actor, id);
      if (!piece.safeguarding) throw new AppError("feedback.not_flagged", 409, "This piece has no safeguarding flag, so there is nothing to record.");
      if (piece.state !== "pending") throw decidedAlready();
      const sealed = { ...piece.sealed, ...(await sealFields(cipher, record(id), { safeguardingAction: action })) };
      const after: StoredFeedback = {
        ...piece,
        version: piece.version + 1,
        sealed,
        safeguarding: { ...piece.safeguarding, actioned: { by: { accountId: account.id, name: account.name }, at: iso() } },
      };
      if (!(await feedback.change(piece, after))) throw changedMeanwhile();
      await audit("feedback.safeguarding_recorded", source, { actorId: actor.accountId, record: record(id), organisationId: piece.organisationId });
    },

    /** Approves a redacted copy, or rejects the piece with a reason. A flagged piece needs its safeguarding action first. */
    async decide({ actor, account, source }: StaffActing, id: string, decision: ModerationDecision) {
      const piece = await moderatable(actor, id);
      if (piece.state !== "pending") throw decidedAlready();
      if (piece.safeguarding && !piece.safeguarding.actioned) {
        throw new AppError("feedback.safeguarding_first", 409, "This piece may mean someone is at risk. Record what you did about it first.");
      }
      const at = iso();
      const decided = { by: { accountId: account.id, name: account.name }, at };
      let after: StoredFeedback;
      let approved: ApprovedFeedback | undefined;
      if (decision.decision === "approve") {
        const { text = "" } = await openFields(cipher, record(id), piece.sealed);
        let redactedText: string;
        try {
          redactedText = applyRedactions(text, decision.redactions);
        } catch {
          const message = "These redactions do not fit the text. Open the piece again and redo them.";
          throw new AppError("request.invalid", 400, message, [{ field: "redactions", message }]);
        }
        after = { ...piece, version: piece.version + 1, state: "approved", redactedText, redactions: spansOf(decision.redactions), decided };
        approved = { id, serviceId: piece.serviceId, organisationId: piece.organisationId, usage: piece.usage, scores: piece.scores, mayShowPublicly: piece.mayShowPublicly, month: monthOf(piece.createdAt), text: redactedText, approvedAt: at };
      } else {
        after = { ...piece, version: piece.version + 1, state: "rejected", decided, sealed: { ...piece.sealed, ...(await sealFields(cipher, record(id), { rejectReason: decision.reason })) } };
      }
      if (!(await feedback.change(piece, after, approved))) throw changedMeanwhile();
      await audit(decision.decision === "approve" ? "feedback.approved" : "feedback.rejected", source, { actorId: actor.accountId, record: record(id), organisationId: piece.organisationId });
      return { state: after.state };
    },

    /**
     * Approved, redacted feedback: a provider's staff see their own organisation's, a commissioner
     * the services in their area. Without a scope named, the first the actor holds.
     */
    async approved({ actor, source }: StaffActing, query: { organisationId?: string; areaId?: string; before?: string }) {
      const scope = readingScope(actor, "feedback.read", query);
      const page = await feedback.approved(scope, { limit: 50, before: query.before });
      const services = await directory.getServices([...new Set(page.items.map((p) => p.serviceId))]);
      await audit("feedback.read", source, { actorId: actor.accountId, record: "organisationId" in scope ? `organisation:${scope.organisationId}` : `area:${scope.areaId}`, organisationId: "organisationId" in scope ? scope.organisationId : undefined });
      return {
        scope,
        scopes: scopesFor(actor, "feedback.read"),
        pieces: page.items.map(({ approvedAt: _a, organisationId: _o, ...p }) => ({ ...p, serviceName: services.get(p.serviceId)?.name ?? "A service no longer listed" })),
        before: page.before,
      };
    },
  };
}

export type FeedbackFeature = ReturnType<typeof feedbackFeature>;
