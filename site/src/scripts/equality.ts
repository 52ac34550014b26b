import { EQUALITY_ANSWERS, type EqualityQuestion } from "../../../functions/domain/equality-labels";
import { one, type Answers } from "./answers";
import { words, type SummaryRow } from "./safe-contact";

/**
 * The optional equality questions (components/equality/*), read from the form: asked by
 * /feedback/ and /ask/. First a page says what they are for ("equality"), with a choice to answer
 * them or skip them all; each question is then a page of its own. Each answer is kept as
 * "equality.<question>", the name the API gives a field error about it.
 */

/** The questions in the order they are asked. */
export const EQUALITY_ORDER = ["ageBand", "gender", "transHistory", "ethnicity", "disability", "sexualOrientation", "religion"] as const satisfies readonly EqualityQuestion[];

/** The page before the questions, where the person chooses to answer them or skip them all. */
export const EQUALITY_INTRO = "equality";

/** Set when the person chose to answer the questions (not sent: it only says which pages to ask). */
export const ANSWERING_EQUALITY = "equality.answering";
export const answeringEquality = (answers: Answers) => one(answers, ANSWERING_EQUALITY) === "yes";

/** Remembers the choice made on the intro page: Continue answers the questions, Skip skips them all. */
export function noteEqualityChoice(answers: Answers, skipped: boolean): void {
  answers[ANSWERING_EQUALITY] = skipped ? [] : ["yes"];
}

/** A question's step, where each is a page of its own. */
export type EqualityStep = `equality-${EqualityQuestion}`;
export const equalityStep = (question: EqualityQuestion): EqualityStep => `equality-${question}`;
export const EQUALITY_STEPS: readonly EqualityStep[] = EQUALITY_ORDER.map(equalityStep);
export const isEqualityStep = (step: string): step is EqualityStep => (EQUALITY_STEPS as readonly string[]).includes(step);

/** The form's name for a question's answer. */
export const equalityField = (question: EqualityQuestion) => `equality.${question}`;

/** The step each answer is given on: API field errors are shown there. */
export const EQUALITY_FIELD_STEPS: Record<string, EqualityStep> = Object.fromEntries(EQUALITY_ORDER.map((q) => [equalityField(q), equalityStep(q)]));

/**
 * The equality answers as the API takes them (EqualityAnswersSchema): the questions answered,
 * or nothing when the person skipped them all or answered none.
 */
export function equalityBody(answers: Answers): Partial<Record<EqualityQuestion, string>> | undefined {
  if (!answeringEquality(answers)) return undefined;
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

/**
 * The equality answers as lines of check your answers: one line a question when the person
 * answered them, or one line saying they skipped them.
 */
export const EQUALITY_ROWS: SummaryRow<EqualityStep | typeof EQUALITY_INTRO>[] = [
  { part: EQUALITY_INTRO, label: "Questions about you", value: () => "You skipped these" },
  ...EQUALITY_ORDER.map((question) => ({ part: equalityStep(question), label: SUMMARY_LABELS[question], value: words(equalityField(question)) })),
];

/** Whether a line of EQUALITY_ROWS is shown: the "skipped" line only when they were skipped. */
export const equalityRowShown = (part: string, answers: Answers) => (part === EQUALITY_INTRO ? !answeringEquality(answers) : !isEqualityStep(part) || answeringEquality(answers));
