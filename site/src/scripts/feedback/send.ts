import type { Agreement } from "../../../../functions/domain/feedback-labels";
import { FEEDBACK_USAGE } from "../../../../functions/domain/feedback-labels";
import { one, type Answers } from "../answers";
import { callApi, type ApiResult } from "../api";
import { equalityBody } from "../equality";
import { OUTCOMES } from "./steps";

/** What the API says back: whether a person reads the words first, and whether to show the helplines. */
export type FeedbackReceived = { moderated: boolean; safeguarding: boolean };

const isScore = (value: number): value is Agreement => Number.isInteger(value) && value >= 1 && value <= 5;

/**
 * The feedback the API takes (FeedbackSchema in functions/domain/feedback.ts), from the
 * answers: only what was answered, and the equality answers only if the person chose to give them.
 */
export function feedbackBody(answers: Answers) {
  const scores: Partial<Record<(typeof OUTCOMES)[number], Agreement>> = {};
  for (const statement of OUTCOMES) {
    const score = Number(one(answers, `scores.${statement}`));
    if (isScore(score)) scores[statement] = score;
  }
  const usage = one(answers, "usage");
  return {
    serviceId: one(answers, "serviceId") ?? "",
    usage: usage && usage in FEEDBACK_USAGE ? usage : undefined,
    scores,
    text: one(answers, "text"),
    // Only a clear yes, and only with words to show.
    mayShowPublicly: !!one(answers, "text")?.trim() && one(answers, "mayShowPublicly") === "yes",
    equality: equalityBody(answers),
  };
}
export type FeedbackBody = ReturnType<typeof feedbackBody>;

/**
 * POSTs feedback: anonymously to /api/feedback, or from /check-in/ with its session cookie, so
 * it counts as from someone who asked that service. The key stays the same for the same answers.
 */
export const sendFeedback = (body: FeedbackBody, idempotencyKey: string, from: "anyone" | "check-in" = "anyone"): Promise<ApiResult<FeedbackReceived>> =>
  callApi<FeedbackReceived>("POST", from === "check-in" ? "/api/check-in/feedback" : "/api/feedback", { body, headers: { "Idempotency-Key": idempotencyKey } });
