import { one, type Answers } from "../answers";
import { answeringEquality, EQUALITY_FIELD_STEPS, EQUALITY_INTRO, EQUALITY_ORDER, equalityStep, isEqualityStep } from "../equality";
import { boxFor, CONTACT_FIELDS, isContactPart, partApplies, partErrors, tooLong, type FieldError } from "../safe-contact";

/**
 * The optional questions about the person (principle 7), after everything the request needs.
 * Not their age: that is asked already, and insights count it from the request.
 */
export const ASKED_EQUALITY = EQUALITY_ORDER.filter((question) => question !== "ageBand");
const EQUALITY_PAGES = ASKED_EQUALITY.map(equalityStep);

/** The questions, in the order they are asked. "start", "check" and "done" are not questions. */
export const QUESTIONS = [
  "who",
  "age",
  "child-knows",
  "me-too",
  "area",
  "needs",
  "services",
  "message",
  "contact",
  "when",
  "safety",
  "preferences",
  "safe-now",
  "consent",
  EQUALITY_INTRO,
  ...EQUALITY_PAGES,
] as const;
export type Question = (typeof QUESTIONS)[number];

/** The question each field is answered on: API field errors are shown on that question. */
export const FIELD_STEP: Record<string, Question> = {
  asker: "who",
  ageBand: "age",
  childKnows: "child-knows",
  supportForMeToo: "me-too",
  areaId: "area",
  needs: "needs",
  serviceIds: "services",
  message: "message",
  ...CONTACT_FIELDS,
  safeNow: "safe-now",
  consentServiceIds: "consent",
  consentToCoordination: "consent",
  equality: EQUALITY_INTRO,
  ...Object.fromEntries(Object.entries(EQUALITY_FIELD_STEPS).filter(([, step]) => (EQUALITY_PAGES as string[]).includes(step))),
};

/** Where an API field error belongs on the form ("contact.trustedAdult" is the adult's name box). */
export const formFieldFor = (apiField: string): string | undefined => boxFor(apiField, Object.keys(FIELD_STEP));

/**
 * Whether a question is asked, given the answers so far. A parent or carer is not asked the
 * questions about the person: they are about the one answering, and some (sexual orientation,
 * gender) are not a parent's to answer for a child.
 */
export function applies(step: Question, answers: Answers): boolean {
  if (step === "child-knows" || step === "me-too") return one(answers, "asker") === "child";
  if (step === EQUALITY_INTRO) return one(answers, "asker") !== "child";
  if (isEqualityStep(step)) return one(answers, "asker") !== "child" && answeringEquality(answers);
  if (isContactPart(step)) return partApplies(step, answers);
  return true;
}

/** The questions asked, given the answers so far: "Question 3 of 12" counts these. */
export const questionsFor = (answers: Answers) => QUESTIONS.filter((step) => applies(step, answers));

/** Whether a field's answer is sent: only answers to questions that were asked. */
export const fieldApplies = (answers: Answers) => (field: string) => {
  const step = FIELD_STEP[field];
  return step !== undefined && applies(step, answers);
};

/** The questions that cannot be skipped: the request cannot work without them. */
export const REQUIRED: readonly Question[] = ["who", "services", "contact", "consent"];

export const MAX_SERVICES = 10;

/** What must be fixed on a question before moving on, in the words the API would use. */
export function validate(step: Question, answers: Answers): FieldError[] {
  switch (step) {
    case "who":
      return one(answers, "asker") ? [] : [{ field: "asker", message: "Choose who the support is for." }];
    case "services": {
      const count = answers.serviceIds?.length ?? 0;
      if (count === 0) return [{ field: "serviceIds", message: "Choose at least 1 service to ask." }];
      if (count > MAX_SERVICES) return [{ field: "serviceIds", message: `Choose ${MAX_SERVICES} services or fewer. Untick some.` }];
      return [];
    }
    case "message":
      return tooLong(answers, "message", 2000, "Your message is too long. Use 2,000 characters or fewer.");
    case "contact":
    case "when":
    case "safety":
    case "preferences":
      return partErrors(step, answers);
    case "consent": {
      const agreed = answers.consentServiceIds ?? [];
      return (answers.serviceIds ?? []).every((id) => agreed.includes(id))
        ? []
        : [{ field: "consentServiceIds", message: "Tick each service to say they can see your answers, or go back and take it off your list." }];
    }
    default:
      return [];
  }
}
