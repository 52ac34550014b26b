import { OUTCOME_STATEMENTS } from "../../../../functions/domain/feedback-labels";
import { one, type Answers } from "../answers";
import { EQUALITY_ROWS, equalityRowShown } from "../equality";
import { summaryRow } from "../question-pages";
import { words, type LabelFor, type SummaryRow } from "../safe-contact";
import { applies, OUTCOMES, outcomeStep, type FeedbackQuestion } from "./steps";

const ROWS: SummaryRow<FeedbackQuestion>[] = [
  { part: "service", label: "The service", value: words("serviceId") },
  { part: "usage", label: "How you know it", value: words("usage") },
  ...OUTCOMES.map((statement) => ({ part: outcomeStep(statement), label: OUTCOME_STATEMENTS[statement], value: words(`scores.${statement}`) })),
  { part: "text", label: "What you want to tell them", value: words("text") },
  { part: "public", label: "Show your words on the service's page", value: words("mayShowPublicly") },
  ...EQUALITY_ROWS,
];

/** Check your answers for feedback: one row a question, each with a Change link back to it. */
export function summaryRows(answers: Answers, label: LabelFor, onChange: (step: FeedbackQuestion) => void): HTMLElement[] {
  return ROWS.filter((row) => applies(row.part, answers) && equalityRowShown(row.part, answers)).map((row) =>
    summaryRow(row.label, row.value(answers, label) || "Not answered", "/feedback/", () => onChange(row.part)),
  );
}
