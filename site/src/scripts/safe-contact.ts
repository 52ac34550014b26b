import type { ContactChange } from "../../../functions/domain/support-request";
import { isUkPhone, UK_PHONE_MESSAGE } from "../../../functions/domain/phone";
import { fromYesNo, one, yesNo, type Answers } from "./answers";

/**
 * How and when it is safe to reach a person, and what would make it easier: the questions of
 * components/contact/*, asked on /ask/ and changed later on /check-in/. The rules for them are
 * here once, for both pages.
 */

/** The parts the questions come in, in order: on /ask/ each is a step of its own. */
export const CONTACT_PARTS = ["contact", "when", "safety", "preferences"] as const;
export type ContactPart = (typeof CONTACT_PARTS)[number];
export const isContactPart = (value: string): value is ContactPart => (CONTACT_PARTS as readonly string[]).includes(value);

/** The form's fields, each answered in one part. */
export const CONTACT_FIELDS: Record<string, ContactPart> = {
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
};

/** API error fields that are not a box of their own, and the box they are shown on. */
const API_ALIASES: Record<string, string> = {
  "contact.trustedAdult": "contact.trustedAdult.name",
  contact: "contact.method",
  preferences: "preferences.workerGender",
};

/** Where an API field error belongs among these boxes: the box itself, its alias, or the box it is part of ("contact.safeDays.0"). */
export function boxFor(apiField: string, boxes: readonly string[]): string | undefined {
  if (boxes.includes(apiField)) return apiField;
  const alias = API_ALIASES[apiField];
  if (alias && boxes.includes(alias)) return alias;
  return boxes.find((box) => apiField.startsWith(`${box}.`));
}

/**
 * Whether a part is asked. Someone who will check in themselves is not contacted, so when and
 * how privately do not matter.
 */
export function partApplies(part: ContactPart, answers: Answers): boolean {
  if (part === "when" || part === "safety") return one(answers, "contact.method") !== "check-in-only";
  return true;
}

/** Shows the box the chosen way of contact needs, and only the parts that apply (on /check-in/, `data-contact-part`). */
export function showMethodBoxes(root: ParentNode, answers: Answers): void {
  const method = one(answers, "contact.method") ?? "";
  for (const box of Array.from(root.querySelectorAll<HTMLElement>("[data-when-method]"))) {
    box.hidden = !box.dataset.whenMethod!.split(" ").includes(method);
  }
  for (const part of Array.from(root.querySelectorAll<HTMLElement>("[data-contact-part]"))) {
    part.hidden = !partApplies(part.dataset.contactPart as ContactPart, answers);
  }
}

/** The same checks the API makes (support-request.ts), so mistakes show before sending. */
export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254;

export type FieldError = { field: string; message: string };

/** An error when a field's answer is longer than the API takes. */
export const tooLong = (answers: Answers, field: string, max: number, message: string): FieldError[] =>
  (one(answers, field)?.length ?? 0) > max ? [{ field, message }] : [];

function phoneErrors(answers: Answers, field: string, missing: string): FieldError[] {
  const value = one(answers, field);
  if (!value) return [{ field, message: missing }];
  return isUkPhone(value) ? [] : [{ field, message: UK_PHONE_MESSAGE }];
}

/** What must be fixed in one part before it is saved, in the words the API would use. */
export function partErrors(part: ContactPart, answers: Answers): FieldError[] {
  switch (part) {
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
    default:
      return [];
  }
}

/** Every part that applies, checked at once (the /check-in/ form asks them all together). */
export const contactErrors = (answers: Answers): FieldError[] =>
  CONTACT_PARTS.filter((part) => partApplies(part, answers)).flatMap((part) => partErrors(part, answers));

const text = (value: string | undefined) => (value ? [value] : []);

/**
 * `contact` and `preferences` as the API takes them (ContactChangeSchema in
 * functions/domain/support-request.ts). Contact details are only sent for the way of contact
 * chosen, and the parts that do not apply are left out.
 */
export function contactChange(answers: Answers) {
  const get = (field: string) => (partApplies(CONTACT_FIELDS[field]!, answers) ? one(answers, field) : undefined);
  const all = (field: string) => (partApplies(CONTACT_FIELDS[field]!, answers) ? (answers[field] ?? []) : []);
  const method = get("contact.method");
  const phone = get("contact.phone");
  const adultName = get("contact.trustedAdult.name");
  const adultPhone = get("contact.trustedAdult.phone");
  return {
    contact: {
      method,
      phone: method === "phone" || method === "text" ? phone : undefined,
      email: method === "email" ? get("contact.email") : undefined,
      trustedAdult: method === "trusted-adult" && (adultName || adultPhone) ? { name: adultName ?? "", phone: adultPhone ?? "" } : undefined,
      safeDays: all("contact.safeDays"),
      safeTimes: all("contact.safeTimes"),
      voicemailOk: yesNo(get("contact.voicemailOk")),
      sayWhoWeAre: yesNo(get("contact.sayWhoWeAre")),
      codeWord: get("contact.codeWord"),
    },
    preferences: {
      workerGender: get("preferences.workerGender"),
      language: get("preferences.language"),
      interpreter: yesNo(get("preferences.interpreter")),
      accessibilityNeeds: get("preferences.accessibilityNeeds"),
    },
  };
}
export type ContactChangeBody = ReturnType<typeof contactChange>;

/** Saved details as answers, to fill the form with them: the other way from contactChange. */
export function answersOf({ contact, preferences }: ContactChange): Answers {
  return {
    "contact.method": [contact.method],
    "contact.phone": text(contact.phone),
    "contact.email": text(contact.email),
    "contact.trustedAdult.name": text(contact.trustedAdult?.name),
    "contact.trustedAdult.phone": text(contact.trustedAdult?.phone),
    "contact.safeDays": [...(contact.safeDays ?? [])],
    "contact.safeTimes": [...(contact.safeTimes ?? [])],
    "contact.voicemailOk": fromYesNo(contact.voicemailOk),
    "contact.sayWhoWeAre": fromYesNo(contact.sayWhoWeAre),
    "contact.codeWord": text(contact.codeWord),
    "preferences.workerGender": text(preferences.workerGender),
    "preferences.language": text(preferences.language),
    "preferences.interpreter": fromYesNo(preferences.interpreter),
    "preferences.accessibilityNeeds": text(preferences.accessibilityNeeds),
  };
}

/** The words a field's answer was chosen by (answers.ts labelIn). */
export type LabelFor = (field: string, value: string) => string;

/** One line of a summary: what it is, and the answer in words ("" when there is none, then `empty` if given). */
export type SummaryRow<Part extends string = ContactPart> = {
  part: Part;
  label: string;
  childLabel?: string;
  value: (answers: Answers, label: LabelFor) => string;
  empty?: string;
  /** Shown instead of the answer where others may be looking (the /check-in/ summary). */
  secret?: string;
};

/** A field's answers in words, one to a line. */
export const words = (field: string) => (answers: Answers, label: LabelFor) => (answers[field] ?? []).map((v) => label(field, v)).join("\n");

function howWords(answers: Answers, label: LabelFor): string {
  const method = one(answers, "contact.method");
  if (!method) return "";
  const how = label("contact.method", method);
  if (method === "phone" || method === "text") return `${how}\n${one(answers, "contact.phone") ?? ""}`;
  if (method === "email") return `${how}\n${one(answers, "contact.email") ?? ""}`;
  if (method === "trusted-adult") return `${how}\n${one(answers, "contact.trustedAdult.name") ?? ""}, ${one(answers, "contact.trustedAdult.phone") ?? ""}`;
  return how;
}

/** The contact and preference answers as summary lines: check your answers on /ask/, the summary on /check-in/. */
export const CONTACT_ROWS: SummaryRow[] = [
  { part: "contact", label: "How to get in touch", value: howWords },
  { part: "when", label: "Safe days", value: words("contact.safeDays"), empty: "Any day" },
  { part: "when", label: "Safe times", value: words("contact.safeTimes"), empty: "Any time" },
  { part: "safety", label: "Can leave a voice message", value: words("contact.voicemailOk") },
  { part: "safety", label: "Say which service they are from", value: words("contact.sayWhoWeAre") },
  {
    part: "safety",
    label: "Code word",
    value: words("contact.codeWord"),
    secret: 'You have one. We hide it here so nobody near you can see it. To see it, choose "Change these details".',
  },
  { part: "preferences", label: "Would rather talk to", value: words("preferences.workerGender") },
  { part: "preferences", label: "Language", value: words("preferences.language") },
  { part: "preferences", label: "Interpreter", value: words("preferences.interpreter") },
  { part: "preferences", label: "Anything else that helps", value: words("preferences.accessibilityNeeds") },
];
