/**
 * A person's answers while they ask for support, by field name ("contact.phone"): every value
 * is a list, so a radio, a text box and a set of checkboxes are kept the same way. They live in
 * this page's memory only: never in storage, cookies or the address.
 */
export type Answers = Record<string, string[]>;

/** The first answer to a field, if there is one. */
export const one = (answers: Answers, field: string): string | undefined => answers[field]?.[0];

const PHONE = /^(\+44|0)\d{9,10}$/;
/** The same tidy-up and check the API makes (support-request.ts), so mistakes show before sending. */
export const tidyPhone = (value: string) => value.replace(/[\s()-]/g, "");
export const isPhone = (value: string) => PHONE.test(tidyPhone(value));
export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) && value.length <= 254;

/** Every named field in a part of the form, as answers. Empty boxes and unticked choices give nothing. */
export function readFields(root: ParentNode): Answers {
  const read: Answers = {};
  for (const field of Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input[name], select[name], textarea[name]"))) {
    const values = (read[field.name] ??= []);
    if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox")) {
      if (field.checked && field.value) values.push(field.value);
    } else if (field.value.trim()) {
      values.push(field.value.trim());
    }
  }
  return read;
}

/** Empties every field in a part of the form: the boxes, the ticks and the lists. */
export function clearFields(root: ParentNode): void {
  for (const field of Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea"))) {
    if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox")) field.checked = false;
    else if (field instanceof HTMLSelectElement) field.selectedIndex = 0;
    else field.value = "";
  }
}

const yesNo = (value: string | undefined) => (value === undefined ? undefined : value === "yes");

/**
 * The request the API takes (functions/domain/support-request.ts), from the answers to the
 * steps that apply. Questions for a parent or carer are left out for anyone else: the API
 * refuses them. Contact details are only sent for the way of contact chosen.
 */
export function requestBody(answers: Answers, applies: (field: string) => boolean): Record<string, unknown> {
  const get = (field: string) => (applies(field) ? one(answers, field) : undefined);
  const all = (field: string) => (applies(field) ? (answers[field] ?? []) : []);
  const method = get("contact.method");
  const phone = get("contact.phone");
  const adultName = get("contact.trustedAdult.name");
  const adultPhone = get("contact.trustedAdult.phone");
  const asker = get("asker");
  return {
    asker,
    ageBand: get("ageBand"),
    areaId: get("areaId"),
    needs: all("needs"),
    serviceIds: all("serviceIds"),
    message: get("message"),
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
    safeNow: get("safeNow"),
    childKnows: asker === "child" ? get("childKnows") : undefined,
    supportForMeToo: asker === "child" ? yesNo(get("supportForMeToo")) : undefined,
    consentServiceIds: all("consentServiceIds").filter((id) => all("serviceIds").includes(id)),
    consentToCoordination: get("consentToCoordination") === "yes",
  };
}
