import { EQUALITY_ANSWERS, type EqualityQuestion } from "../../../functions/domain/equality-labels";
import { one, type Answers } from "./answers";
import { words, type SummaryRow } from "./safe-contact";

/**
 * The optional equality questions (components/equality/*), read from the form: asked by
 * /feedback/ and, later, /ask/. Each answer is kept as "equality.<question>", the name the API
 * gives a field error about it.
 */

/** The questions in the order they are asked. */
export const EQUALITY_ORDER = ["ageBand", "gender", "transHistory", "ethnicity", "disability", "sexualOrientation", "religion"] as const satisfies readonly EqualityQuestion[];

/** A question's step, where each is a page of its own. */
export type EqualityStep = `equality-${EqualityQuestion}`;
export const equalityStep = (question: EqualityQuestion): EqualityStep => `equality-${question}`;
export const EQUALITY_STEPS: readonly EqualityStep[] = EQUALITY_ORDER.map(equalityStep);

/** The form's name for a question's answer. */
export const equalityField = (question: EqualityQuestion) => `equality.${question}`;

/** The step each answer is given on: API field errors are shown there. */
export const EQUALITY_FIELD_STEPS: Record<string, EqualityStep> = Object.fromEntries(EQUALITY_ORDER.map((q) => [equalityField(q), equalityStep(q)]));

/** The equality answers as the API takes them (EqualityAnswersSchema): the questions answered, or nothing. */
export function equalityBody(answers: Answers): Partial<Record<EqualityQuestion, string>> | undefined {
  const body: Partial<Record<EqualityQuestion, string>> = {};
  for (const question of EQUALITY_ORDER) {
    const answer = one(answers, equalityField(question));
    if (answer && answer in EQUALITY_ANSWERS[question]) body[question] = answer;
  }
  return Object.keys(body).length ? body : undefined;
}

/** Each question as check your answers names it. */
const SUMMARY_LABELS: Record<EqualityQuestion, string> = {
  ageBand: "Your age",
  gender: "Your gender",
  transHistory: "Gender the same as when you were born",
  ethnicity: "Your ethnic group",
  disability: "Disability or long-term condition",
  sexualOrientation: "Sexual orientation",
  religion: "Religion",
};

/** The equality answers as lines of check your answers. */
export const EQUALITY_ROWS: SummaryRow<EqualityStep>[] = EQUALITY_ORDER.map((question) => ({
  part: equalityStep(question),
  label: SUMMARY_LABELS[question],
  value: words(equalityField(question)),
}));
