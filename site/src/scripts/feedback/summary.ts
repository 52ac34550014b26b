import { OUTCOME_STATEMENTS } from "../../../../functions/domain/feedback-labels";
import { one, type Answers } from "../answers";
import { EQUALITY_ROWS } from "../equality";
import { summaryRow } from "../question-pages";
import { words, type LabelFor, type SummaryRow } from "../safe-contact";
import { ANSWERING_EQUALITY, applies, OUTCOMES, outcomeStep, type FeedbackQuestion } from "./steps";

const ROWS: SummaryRow<FeedbackQuestion>[] = [
  { part: "service", label: "The service", value: words("serviceId") },
  { part: "usage", label: "How you know it", value: words("usage") },
  ...OUTCOMES.map((statement) => ({ part: outcomeStep(statement), label: OUTCOME_STATEMENTS[statement], value: words(`scores.${statement}`) })),
  { part: "text", label: "What you want to tell them", value: words("text") },
  { part: "public", label: "Show your words on the service's page", value: words("mayShowPublicly") },
  // Shown only when they were skipped: otherwise each answer has its own row.
  { part: "equality", label: "Questions about you", value: () => "You skipped these" },
  ...EQUALITY_ROWS,
];

/** Check your answers for feedback: one row a question, each with a Change link back to it. */
export function summaryRows(answers: Answers, label: LabelFor, onChange: (step: FeedbackQuestion) => void): HTMLElement[] {
  const answering = one(answers, ANSWERING_EQUALITY) === "yes";
  return ROWS.filter((row) => applies(row.part, answers) && !(row.part === "equality" && answering)).map((row) =>
    summaryRow(row.label, row.value(answers, label) || "Not answered", "/feedback/", () => onChange(row.part)),
  );
}
