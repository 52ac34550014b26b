import { isEmail, isPhone, one, type Answers } from "./answers";

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
] as const;
export type Question = (typeof QUESTIONS)[number];
export type StepId = Question | "start" | "check" | "done";

export const isStep = (value: unknown): value is StepId =>
  typeof value === "string" && ((QUESTIONS as readonly string[]).includes(value) || ["start", "check", "done"].includes(value));

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
  "contact.method": "contact",
  "contact.phone": "contact",
  "contact.email": "contact",
  "contact.trustedAdult.name": "contact",
  "contact.trustedAdult.phone": "contact",
  "contact.safeDays": "when",
  "contact.safeTimes": "when",
  "contact.voicemailOk": "safety",
  "contact.sayWhoWeAre": "safety",
  "contact.codeWord": "safety",
  "preferences.workerGender": "preferences",
  "preferences.language": "preferences",
  "preferences.interpreter": "preferences",
  "preferences.accessibilityNeeds": "preferences",
  safeNow: "safe-now",
  consentServiceIds: "consent",
  consentToCoordination: "consent",
};

/** Where an API field error belongs on the form ("contact.trustedAdult" is the adult's name box). */
export function formFieldFor(apiField: string): string | undefined {
  if (apiField in FIELD_STEP) return apiField;
  const aliases: Record<string, string> = {
    "contact.trustedAdult": "contact.trustedAdult.name",
    contact: "contact.method",
    preferences: "preferences.workerGender",
  };
  if (apiField in aliases) return aliases[apiField];
  return Object.keys(FIELD_STEP).find((field) => apiField.startsWith(`${field}.`));
}

/** Whether a question is asked, given the answers so far. */
export function applies(step: Question, answers: Answers): boolean {
  if (step === "child-knows" || step === "me-too") return one(answers, "asker") === "child";
  // Someone who will check in themselves is not contacted, so when and how do not matter.
  if (step === "when" || step === "safety") return one(answers, "contact.method") !== "check-in-only";
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

type FieldError = { field: string; message: string };

const tooLong = (answers: Answers, field: string, max: number, message: string): FieldError[] =>
  (one(answers, field)?.length ?? 0) > max ? [{ field, message }] : [];

function phoneErrors(answers: Answers, field: string, missing: string): FieldError[] {
  const value = one(answers, field);
  if (!value) return [{ field, message: missing }];
  return isPhone(value) ? [] : [{ field, message: "Enter a UK phone number, like 07700 900123." }];
}

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
    case "contact": {
      const method = one(answers, "contact.method");
      if (!method) return [{ field: "contact.method", message: "Choose how a service should get in touch." }];
      if (method === "phone" || method === "text") return phoneErrors(answers, "contact.phone", "Enter the phone number they should use.");
      if (method === "email") {
        const email = one(answers, "contact.email");
        if (!email) return [{ field: "contact.email", message: "Enter the email address they should use." }];
        return isEmail(email) ? [] : [{ field: "contact.email", message: "Enter an email address, like name@example.org." }];
      }
      if (method === "trusted-adult") {
        const name = one(answers, "contact.trustedAdult.name");
        return [
          ...(name ? tooLong(answers, "contact.trustedAdult.name", 100, "Use 100 characters or fewer for their name.") : [{ field: "contact.trustedAdult.name", message: "Enter the name of the adult you trust." }]),
          ...phoneErrors(answers, "contact.trustedAdult.phone", "Enter the phone number of the adult you trust."),
        ];
      }
      return [];
    }
    case "safety":
      return tooLong(answers, "contact.codeWord", 40, "Your code word is too long. Use 40 characters or fewer.");
    case "preferences":
      return tooLong(answers, "preferences.accessibilityNeeds", 500, "This is too long. Use 500 characters or fewer.");
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
