import { FEEDBACK_TEXT_MAX, OUTCOME_STATEMENTS, type OutcomeStatement } from "../../../../functions/domain/feedback-labels";
import { one, type Answers } from "../answers";
import { answeringEquality, EQUALITY_FIELD_STEPS, EQUALITY_INTRO, EQUALITY_STEPS, isEqualityStep, type EqualityStep } from "../equality";
import type { FieldError } from "../form-errors";
import { tooLong } from "../safe-contact";

/**
 * The questions of "Tell us how it went" (J4), in the order they are asked. The five outcome
 * statements are a page each: on a phone one statement and its five answers fit on one screen,
 * with nothing to scroll past or lose your place in, and each can be skipped on its own.
 */
export const OUTCOMES = Object.keys(OUTCOME_STATEMENTS) as OutcomeStatement[];
export type OutcomeStep = `score-${OutcomeStatement}`;
export const outcomeStep = (statement: OutcomeStatement): OutcomeStep => `score-${statement}`;

export const QUESTIONS = ["service", "usage", ...OUTCOMES.map(outcomeStep), "text", "public", EQUALITY_INTRO, ...EQUALITY_STEPS] as const;
export type FeedbackQuestion = "service" | "usage" | OutcomeStep | "text" | "public" | typeof EQUALITY_INTRO | EqualityStep;

/** The question each field is answered on: API field errors are shown on that question. */
export const FIELD_STEP: Record<string, FeedbackQuestion> = {
  serviceId: "service",
  usage: "usage",
  scores: outcomeStep(OUTCOMES[0]!),
  ...Object.fromEntries(OUTCOMES.map((s) => [`scores.${s}`, outcomeStep(s)])),
  text: "text",
  mayShowPublicly: "public",
  equality: EQUALITY_INTRO,
  ...EQUALITY_FIELD_STEPS,
};

/** The equality questions are asked only if the person chose to answer them; showing their words only if they wrote some. */
export const applies = (step: FeedbackQuestion, answers: Answers) =>
  step === "public" ? !!one(answers, "text")?.trim() : !isEqualityStep(step) || answeringEquality(answers);

export const CHOOSE_SERVICE = "Choose the service you want to tell us about.";
/** The same problem before there is a list to choose from: it is shown on the name box. */
export const FIND_SERVICE = "Find the service you want to tell us about, and choose it.";
export const TOO_LONG = `What you wrote is too long. Use ${FEEDBACK_TEXT_MAX.toLocaleString("en-GB")} characters or fewer.`;

/** What must be fixed on a question before moving on: only the service must be chosen. */
export function validate(step: FeedbackQuestion, answers: Answers): FieldError[] {
  if (step === "service") return one(answers, "serviceId") ? [] : [{ field: "serviceId", message: CHOOSE_SERVICE }];
  if (step === "text") return tooLong(answers, "text", FEEDBACK_TEXT_MAX, TOO_LONG);
  return [];
}
