import { el } from "../dom";
import { one, type Answers } from "./answers";
import { applies, type Question } from "./steps";

/** The words a field's answer was chosen by: the label of its radio or checkbox, or its option. */
export type LabelFor = (field: string, value: string) => string;

type Row = { step: Question; label: string; childLabel?: string; value: (a: Answers, label: LabelFor) => string };

const NOT_ANSWERED = "Not answered";

/** A field's answers in words, one to a line. */
const words =
  (field: string, empty = NOT_ANSWERED) =>
  (a: Answers, label: LabelFor) =>
    (a[field] ?? []).map((v) => label(field, v)).join("\n") || empty;

function contactWords(a: Answers, label: LabelFor): string {
  const method = one(a, "contact.method");
  if (!method) return NOT_ANSWERED;
  const how = label("contact.method", method);
  if (method === "phone" || method === "text") return `${how}\n${one(a, "contact.phone") ?? ""}`;
  if (method === "email") return `${how}\n${one(a, "contact.email") ?? ""}`;
  if (method === "trusted-adult") return `${how}\n${one(a, "contact.trustedAdult.name") ?? ""}, ${one(a, "contact.trustedAdult.phone") ?? ""}`;
  return how;
}

const ROWS: Row[] = [
  { step: "who", label: "Who the support is for", value: words("asker") },
  { step: "age", label: "Your age", childLabel: "The child's age", value: words("ageBand") },
  { step: "child-knows", label: "Does the child know", value: words("childKnows") },
  { step: "me-too", label: "Support for you too", value: words("supportForMeToo") },
  { step: "area", label: "Where you live", value: words("areaId") },
  { step: "needs", label: "Help you would like", value: words("needs") },
  { step: "services", label: "Services to ask", value: words("serviceIds") },
  { step: "message", label: "What you want them to know", value: words("message") },
  { step: "contact", label: "How to get in touch", value: contactWords },
  { step: "when", label: "Safe days", value: words("contact.safeDays", "Any day") },
  { step: "when", label: "Safe times", value: words("contact.safeTimes", "Any time") },
  { step: "safety", label: "Voice message", value: words("contact.voicemailOk") },
  { step: "safety", label: "Say which service they are from", value: words("contact.sayWhoWeAre") },
  { step: "safety", label: "Code word", value: words("contact.codeWord") },
  { step: "preferences", label: "A woman or a man", value: words("preferences.workerGender") },
  { step: "preferences", label: "Language", value: words("preferences.language") },
  { step: "preferences", label: "Interpreter", value: words("preferences.interpreter") },
  { step: "preferences", label: "Anything else that helps", value: words("preferences.accessibilityNeeds") },
  { step: "safe-now", label: "Safe right now", value: words("safeNow") },
  { step: "consent", label: "Services that can see your answers", value: words("consentServiceIds", "None yet") },
  { step: "consent", label: "A navigator can help", value: words("consentToCoordination") },
];

/**
 * The GOV.UK summary list for check-your-answers: one row a question, each with a Change link
 * that takes the person back to that question (`onChange`).
 */
export function summaryRows(answers: Answers, label: LabelFor, onChange: (step: Question) => void): HTMLElement[] {
  const child = one(answers, "asker") === "child";
  return ROWS.filter((row) => applies(row.step, answers)).map((row) => {
    const name = child && row.childLabel ? row.childLabel : row.label;
    const change = el("a", { href: "/ask/" }, "Change", el("span", { class: "visually-hidden" }, ` ${name.toLowerCase()}`));
    change.addEventListener("click", (event) => {
      event.preventDefault();
      onChange(row.step);
    });
    return el(
      "div",
      { class: "summary-list__row" },
      el("dt", {}, name),
      el("dd", {}, row.value(answers, label)),
      el("dd", { class: "summary-list__actions" }, change),
    );
  });
}
