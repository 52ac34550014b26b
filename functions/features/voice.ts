import type { DirectoryRepository } from "../db/directory";
import type { FeedbackRepository } from "../db/feedback";
import type { VoiceRepository } from "../db/voice";
import type { AuditAction, Source } from "../domain/audit";
import { authorize, notFound } from "../domain/authorize";
import { OUTCOME_STATEMENTS, monthOf, type OutcomeStatement } from "../domain/feedback";
import type { StaffActing } from "../domain/staff";
import { AppError } from "../errors";

type Deps = {
  voice: VoiceRepository;
  feedback: FeedbackRepository;
  directory: DirectoryRepository;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string; organisationId?: string }) => Promise<void>;
};

/** Below this many approved pieces a service page says there is not enough feedback yet, so no one person's view can be picked out. */
export const VOICE_MINIMUM = 5;
/** The most excerpts a provider may choose to show on its page. */
export const MAX_EXCERPTS = 3;

/**
 * "What people said" on a public service page: average scores (each from at least five answers),
 * the excerpts its provider chose, group reports marked public and the provider's answers.
 */
export function voiceFeature({ voice, feedback, directory, record: audit }: Deps) {
  return {
    /** A provider's manager shows or hides an approved, redacted piece on the service's public page. */
    async chooseExcerpt({ actor, source }: StaffActing, feedbackId: string, shown: boolean) {
      const piece = await feedback.get(feedbackId);
      if (!piece || piece.state !== "approved" || !piece.redactedText) throw notFound();
      authorize(actor, "feedback.feature", { organisationId: piece.organisationId });
      if (shown && !piece.mayShowPublicly) {
        throw new AppError("voice.not_agreed", 409, "The person did not agree to their words being shown on the service's page, so they cannot be.");
      }
      if (!shown) {
        await voice.hideExcerpt(piece.serviceId, feedbackId);
      } else {
        const chosen = await voice.excerpts(piece.serviceId);
        if (chosen.length >= MAX_EXCERPTS && !chosen.some((e) => e.feedbackId === feedbackId)) {
          throw new AppError("voice.too_many", 409, `A service page shows at most ${MAX_EXCERPTS} excerpts. Hide one first.`);
        }
        await voice.showExcerpt(piece.serviceId, { kind: "excerpt", feedbackId, text: piece.redactedText, month: monthOf(piece.createdAt), scores: piece.scores }, piece.expiresAt);
      }
      await audit("feedback.excerpt_chosen", source, { actorId: actor.accountId, record: `feedback:${feedbackId}`, organisationId: piece.organisationId });
      return { shown };
    },

    /** What the public page shows. Nothing but "not enough yet" below the minimum. */
    async forService(serviceId: string) {
      const service = await directory.getService(serviceId);
      if (!service || service.status === "closed") throw notFound();
      const totals = await voice.totals(serviceId);
      const approved = totals.approved ?? 0;
      if (approved < VOICE_MINIMUM) return { enough: false as const, minimum: VOICE_MINIMUM };
      const scores = (Object.keys(OUTCOME_STATEMENTS) as OutcomeStatement[]).flatMap((statement) => {
        const counts = [1, 2, 3, 4, 5].map((v) => totals[`score.${statement}.${v}`] ?? 0);
        const answered = counts.reduce((a, b) => a + b, 0);
        if (answered < VOICE_MINIMUM) return [];
        const average = counts.reduce((sum, n, i) => sum + n * (i + 1), 0) / answered;
        return [{ statement, average: Math.round(average * 10) / 10, answered }];
      });
      const items = await voice.of(serviceId);
      return {
        enough: true as const,
        approved,
        scores,
        excerpts: items.flatMap((i) => (i.kind === "excerpt" ? [{ text: i.text, month: i.month }] : [])),
        reports: items.flatMap((i) => (i.kind === "report" ? [{ groupName: i.groupName, date: i.report.date, participants: i.report.participants, themes: i.report.themes, ...i.report.redacted }] : [])),
        responses: items.flatMap((i) => (i.kind === "response" ? [{ target: i.target, ...i.current }] : [])),
      };
    },
  };
}

export type VoiceFeature = ReturnType<typeof voiceFeature>;
