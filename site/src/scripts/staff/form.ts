import { clearAllErrors, showErrors, type FieldError } from "../form-errors";

export { clearAllErrors, type FieldError };

/** The GOV.UK error summary and inline errors (form-errors.ts) for a page's own checks; any other form's errors go. */
export function showFormErrors(form: HTMLFormElement, errors: FieldError[]): void {
  clearAllErrors();
  showErrors(form, errors);
}

/** The value of a named text field, trimmed. */
export function textOf(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field && "value" in field ? String(field.value).trim() : "";
}

/** The values of the checked boxes with this name. */
export function checkedOf(form: HTMLFormElement, name: string): string[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)).map((i) => i.value);
}

/** Ticks exactly the boxes (or the radio) whose values are given. */
export function setChecked(form: HTMLFormElement, name: string, values: readonly string[]): void {
  for (const input of Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`))) input.checked = values.includes(input.value);
}

/** Sets a named text field. */
export function setText(form: HTMLFormElement, name: string, value: string | number | null | undefined): void {
  const field = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  if (field) field.value = value === null || value === undefined ? "" : String(value);
}

/** Runs a submit handler once at a time, with the button saying it is busy. */
export function onSubmit(form: HTMLFormElement, handler: () => Promise<void>): void {
  let busy = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    button?.setAttribute("aria-disabled", "true");
    void handler().finally(() => {
      busy = false;
      button?.removeAttribute("aria-disabled");
    });
  });
}
