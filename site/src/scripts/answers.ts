/**
 * A person's answers on a form, by field name ("contact.phone"): every value is a list, so a
 * radio, a text box and a set of checkboxes are kept the same way. They live in the page's
 * memory only: never in storage, cookies or the address.
 */
export type Answers = Record<string, string[]>;

/** The first answer to a field, if there is one. */
export const one = (answers: Answers, field: string): string | undefined => answers[field]?.[0];

/** A yes-or-no question's answer as the API takes it: true, false, or not answered. */
export const yesNo = (value: string | undefined) => (value === undefined ? undefined : value === "yes");
/** The other way from yesNo: what to tick for a saved answer. */
export const fromYesNo = (value: boolean | undefined): string[] => (value === undefined ? [] : [value ? "yes" : "no"]);

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const isChoice = (field: Field): field is HTMLInputElement => field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox");

/** Every named field in a part of the form, as answers. Empty boxes and unticked choices give nothing. */
export function readFields(root: ParentNode): Answers {
  const read: Answers = {};
  for (const field of Array.from(root.querySelectorAll<Field>("input[name], select[name], textarea[name]"))) {
    const values = (read[field.name] ??= []);
    if (isChoice(field)) {
      if (field.checked && field.value) values.push(field.value);
    } else if (field.value.trim()) {
      values.push(field.value.trim());
    }
  }
  return read;
}

/** Puts answers into a part of the form: the other way from readFields. Fields with no answer are emptied. */
export function fillFields(root: ParentNode, answers: Answers): void {
  for (const field of Array.from(root.querySelectorAll<Field>("input[name], select[name], textarea[name]"))) {
    const values = answers[field.name] ?? [];
    if (isChoice(field)) field.checked = values.includes(field.value);
    else field.value = values[0] ?? "";
  }
}

/** Empties every field in a part of the form: the boxes, the ticks and the lists. */
export function clearFields(root: ParentNode): void {
  for (const field of Array.from(root.querySelectorAll<Field>("input, select, textarea"))) {
    if (isChoice(field)) field.checked = false;
    else if (field instanceof HTMLSelectElement) field.selectedIndex = 0;
    else field.value = "";
  }
}

/** The words an answer was chosen by, read from the form itself: its radio's or checkbox's label, or its option. */
export function labelIn(parts: Iterable<ParentNode>) {
  return (field: string, value: string): string => {
    for (const part of parts) {
      const input = Array.from(part.querySelectorAll<HTMLInputElement>(`input[name="${field}"]`)).find((i) => i.value === value);
      if (input && (input.type === "radio" || input.type === "checkbox")) return part.querySelector(`label[for="${input.id}"]`)?.textContent?.trim() ?? value;
      const option = Array.from(part.querySelectorAll<HTMLOptionElement>(`select[name="${field}"] option`)).find((o) => o.value === value);
      if (option) return option.textContent?.trim() ?? value;
    }
    return value;
  };
}
