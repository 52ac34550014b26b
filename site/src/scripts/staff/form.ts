import { clearErrors, showErrors } from "../form-errors";
import type { ApiError } from "./api";

export type FieldError = { field: string; message: string };

/**
 * Messages that do not say which field they are about ("This cannot be empty."): in the error
 * summary they would be ambiguous, so the form's own message for that field is shown instead.
 */
const GENERIC_MESSAGE = /^(Too small|Too big|Invalid|Expected|Required|This cannot be empty|Enter some text here)/i;

/** Removes errors from every form on the page: the error summary is shared by them all. */
export function clearAllErrors(): void {
  for (const form of Array.from(document.forms)) clearErrors(form);
}

function focusOnClick(link: HTMLAnchorElement, target: HTMLElement): void {
  link.setAttribute("href", `#${target.id}`);
  link.addEventListener("click", (event) => {
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  });
}

/**
 * The GOV.UK error summary and inline errors (form-errors.ts), plus errors that belong to no
 * one field (a failed sign-in), which link to `firstField`.
 */
export function showFormErrors(
  form: HTMLFormElement,
  errors: FieldError[],
  options: { firstField?: string; messages?: Record<string, string> } = {},
): void {
  const plain = errors.map(({ field, message }) => ({
    field,
    message: GENERIC_MESSAGE.test(message) && options.messages?.[field] ? options.messages[field] : message,
  }));
  clearAllErrors();
  showErrors(form, plain);
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("[data-error-summary] li a"));
  plain.forEach((_error, index) => {
    const link = links[index];
    if (!link || link.getAttribute("href") !== "#main") return;
    const first = options.firstField ? document.getElementById(options.firstField) : form.querySelector<HTMLElement>("input, select, textarea");
    if (first) focusOnClick(link, first);
  });
}

/** An API error on a form: field errors by field, anything else as one message in the summary. */
export function showApiError(
  form: HTMLFormElement,
  error: ApiError,
  options: { fieldFor?: (apiField: string) => string; firstField?: string; messages?: Record<string, string> } = {},
): void {
  const fields = error.fields.length
    ? error.fields.map((f) => ({ field: options.fieldFor?.(f.field) ?? f.field, message: f.message }))
    : [{ field: "", message: error.message }];
  // One message a field: two API fields can share one box on the form.
  const firstEach = fields.filter((f, i) => fields.findIndex((g) => g.field === f.field) === i);
  showFormErrors(form, firstEach, options);
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
