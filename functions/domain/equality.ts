import * as z from "zod";
import {
  DISABILITY,
  EQUALITY_AGE_BANDS,
  ETHNICITIES,
  GENDERS,
  RELIGIONS,
  SEXUAL_ORIENTATIONS,
  TRANS_HISTORY,
  type EqualityQuestion,
} from "./equality-labels";
import { codesOf } from "./vocabulary";

export * from "./equality-labels";

const answerTo = <T extends Record<string, string>>(answers: T) =>
  z.enum(codesOf(answers), { error: "Choose an answer from the list, or skip the question." }).optional();

/**
 * The answers to the equality questions: every one optional, codes only. Unknown questions are
 * refused rather than dropped, so nothing a person typed can be stored beside them by mistake.
 */
export const EqualityAnswersSchema = z.strictObject(
  {
    ageBand: answerTo(EQUALITY_AGE_BANDS),
    gender: answerTo(GENDERS),
    transHistory: answerTo(TRANS_HISTORY),
    ethnicity: answerTo(ETHNICITIES),
    disability: answerTo(DISABILITY),
    sexualOrientation: answerTo(SEXUAL_ORIENTATIONS),
    religion: answerTo(RELIGIONS),
  } satisfies Record<EqualityQuestion, z.ZodType>,
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `These are not questions OneDoor asks: ${issue.keys.join(", ")}.`
        : "Send the equality answers as each question with its answer.",
  },
);
export type EqualityAnswers = z.infer<typeof EqualityAnswersSchema>;
