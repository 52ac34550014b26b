import { one, type Answers } from "../answers";
import { EQUALITY_ROWS, equalityRowShown } from "../equality";
import { summaryRow } from "../question-pages";
import { CONTACT_ROWS, words, type LabelFor, type SummaryRow } from "../safe-contact";
import { applies, QUESTIONS, type Question } from "./steps";

const NOT_ANSWERED = "Not answered";

const ROWS: SummaryRow<Question>[] = [
  { part: "who", label: "Who the support is for", value: words("asker") },
  { part: "age", label: "Your age", childLabel: "The child's age", value: words("ageBand") },
  { part: "child-knows", label: "Does the child know", value: words("childKnows") },
  { part: "me-too", label: "Support for you too", value: words("supportForMeToo") },
  { part: "area", label: "Where you live", value: words("areaId") },
  { part: "needs", label: "Help you would like", value: words("needs") },
  { part: "services", label: "Services to ask", value: words("serviceIds") },
  { part: "message", label: "What you want them to know", value: words("message") },
  ...CONTACT_ROWS,
  { part: "safe-now", label: "Safe right now", value: words("safeNow") },
  { part: "consent", label: "Services that can see your answers", value: words("consentServiceIds"), empty: "None yet" },
  { part: "consent", label: "A navigator can help", value: words("consentToCoordination") },
  ...(EQUALITY_ROWS.filter((row) => (QUESTIONS as readonly string[]).includes(row.part)) as SummaryRow<Question>[]),
];

/**
 * The GOV.UK summary list for check-your-answers: one row a question, each with a Change link
 * that takes the person back to that question (`onChange`).
 */
export function summaryRows(answers: Answers, label: LabelFor, onChange: (step: Question) => void): HTMLElement[] {
  const child = one(answers, "asker") === "child";
  return ROWS.filter((row) => applies(row.part, answers) && equalityRowShown(row.part, answers)).map((row) => {
    const name = child && row.childLabel ? row.childLabel : row.label;
    return summaryRow(name, row.value(answers, label) || (row.empty ?? NOT_ANSWERED), "/ask/", () => onChange(row.part));
  });
}
