import { el } from "./dom";

/** One box's problem, by the box's name on the form (its data-field). */
export type FieldError = { field: string; message: string };

/** How the summary shows a problem that is no one box's (showErrors). */
export type SummaryOptions = {
  /** The box it links to, by id; false for the words alone, with nothing to follow. By default the form's first box. */
  linkTo?: string | false;
  /** A paragraph after the list: what else the person can do. */
  extra?: string;
};

/** Where a field's error links to: the field itself, or the first choice in a group. */
function targetOf(form: HTMLFormElement, field: string): HTMLElement | null {
  return form.querySelector<HTMLElement>(
    `[data-field="${field}"] input, [data-field="${field}"] select, [data-field="${field}"] textarea`,
  );
}

/** Removes every error from the page and restores the title. */
export function clearErrors(form: HTMLFormElement): void {
  document.querySelector("[data-error-summary]")?.remove();
  for (const wrapper of Array.from(form.querySelectorAll<HTMLElement>(".field--error"))) {
    wrapper.classList.remove("field--error");
    wrapper.querySelector(".error-message")?.remove();
    for (const input of Array.from(wrapper.querySelectorAll<HTMLElement>("input, select, textarea, fieldset"))) {
      input.removeAttribute("aria-invalid");
      const describedBy = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && !id.endsWith("-error"));
      if (describedBy.length) input.setAttribute("aria-describedby", describedBy.join(" "));
      else input.removeAttribute("aria-describedby");
    }
  }
  document.title = document.title.replace(/^Error: /, "");
}

/** Removes errors from every form on the page: the error summary is shared by them all. */
export function clearAllErrors(): void {
  for (const form of Array.from(document.forms)) clearErrors(form);
}

/** Where the summary links a problem that is no one box's: the box named, or the form's first. */
function fallbackOf(form: HTMLFormElement, linkTo: SummaryOptions["linkTo"]): HTMLElement | null {
  return typeof linkTo === "string" ? document.getElementById(linkTo) : form.querySelector<HTMLElement>("input, select, textarea");
}

/**
 * Shows the GOV.UK error summary above the heading, with a link to each field, marks each
 * field, and moves focus to the summary so a screen reader announces it. A problem that is no
 * one box's (an empty field name) links to `linkTo`, or is just words.
 */
export function showErrors(form: HTMLFormElement, errors: FieldError[], options: SummaryOptions = {}): void {
  clearErrors(form);
  const items = errors.map(({ field, message }) => {
    const wrapper = form.querySelector<HTMLElement>(`[data-field="${field}"]`);
    const own = targetOf(form, field);
    if (!own && options.linkTo === false) return el("li", {}, message);
    const target = own ?? fallbackOf(form, options.linkTo);
    if (wrapper && own) {
      const errorId = `${field}-error`;
      wrapper.classList.add("field--error");
      const messageNode = el("p", { class: "error-message", id: errorId }, el("span", { class: "visually-hidden" }, "Error: "), message);
      const described = wrapper.querySelector("fieldset") ?? own;
      // Above a lone tick box's row, not squeezed between the box and its label.
      (own.closest(".choice") ?? described).before(messageNode);
      if (wrapper.querySelector("fieldset")) wrapper.querySelector("legend")?.after(messageNode);
      described.setAttribute("aria-describedby", `${described.getAttribute("aria-describedby") ?? ""} ${errorId}`.trim());
      if (!wrapper.querySelector("fieldset")) own.setAttribute("aria-invalid", "true");
    }
    const link = el("a", { href: target ? `#${target.id}` : "#main" }, message);
    link.addEventListener("click", (event) => {
      if (!target) return;
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "center" });
    });
    return el("li", {}, link);
  });
  const summary = el(
    "div",
    { class: "error-summary", "data-error-summary": "", tabindex: "-1", role: "alert", "aria-labelledby": "error-summary-title" },
    el("h2", { id: "error-summary-title" }, "There is a problem"),
    el("ul", {}, ...items),
    options.extra ? el("p", {}, options.extra) : null,
  );
  document.querySelector("[data-error-summary-slot]")?.append(summary);
  document.title = `Error: ${document.title}`;
  summary.focus();
}
