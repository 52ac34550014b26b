import { LOWEST_FEELING, type Feeling } from "../../../../functions/domain/route-labels";
import { isOpen } from "../../../../functions/domain/route-status";
import type { ContactChange } from "../../../../functions/domain/support-request";
import { clearFields, fillFields, labelIn, readFields } from "../answers";
import { ON_OUR_SIDE, showApiError, type ApiResult } from "../api";
import { byId, el } from "../dom";
import { clearErrors, showErrors } from "../form-errors";
import { answersOf, boxFor, CONTACT_FIELDS, CONTACT_ROWS, contactChange, contactErrors, partApplies, showMethodBoxes } from "../safe-contact";
import {
  askSooner,
  changeContact,
  contactDetails,
  deleteRequest,
  sendFeeling,
  withdrawFrom,
  type CheckInService,
  type CheckInView,
} from "./api";

type Hooks = {
  /** The session ended on the server: back to the sign-in form, saying why. */
  signedOut: () => void;
  /** The request is gone: back to an empty sign-in form, saying so. */
  deleted: () => void;
  /** Shows the request as the API now gives it. */
  render: (request: CheckInView) => void;
  /** Exit this page was pressed: answers that arrive after it are ignored. */
  exited: () => boolean;
};

const URGENT_NOW = "If you are in danger now, call 999. Free helplines are listed below.";

/** The words of an API error a person should read: its own for the expected ones, ours for the rest. */
function messageOf(result: Extract<ApiResult<unknown>, { ok: false }>): string {
  return [0, 404, 409].includes(result.status) ? result.error.message : ON_OUR_SIDE;
}

/** Where an API field error is shown: a box of the form, by the API's name for it. */
type Boxes = Record<string, string> | ((apiField: string) => string | undefined);

const chosen = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "";

/**
 * What a signed-in person can do (J3): say how they are doing, ask to be contacted sooner, change
 * how they are contacted, stop asking one service, and delete the whole request. Take hold of
 * the page's parts before the view is taken out of the page (getElementById cannot find them there).
 */
export function checkInActions(hooks: Hooks) {
  const nothingOpen = byId("checkin-nothing-open");
  const openOnly = Array.from(byId("checkin-actions").querySelectorAll<HTMLElement>("[data-open-only]"));
  const feelingForm = byId<HTMLFormElement>("feeling-form");
  const feelingNote = byId<HTMLTextAreaElement>("feeling-note");
  const feelingUrgent = byId("feeling-urgent");
  const feelingUrgentStatus = byId("feeling-urgent-status");
  const feelingDone = byId("feeling-done");
  const feelingUrgentDone = byId("feeling-urgent-done");
  const soonerForm = byId<HTMLFormElement>("sooner-form");
  const soonerNote = byId<HTMLTextAreaElement>("sooner-note");
  const soonerUrgent = byId("sooner-urgent");
  const soonerUrgentStatus = byId("sooner-urgent-status");
  const soonerDone = byId("sooner-done");
  const soonerUrgentDone = byId("sooner-urgent-done");
  const deleteStart = byId<HTMLButtonElement>("delete-start");
  const deleteForm = byId<HTMLFormElement>("delete-form");
  const deleteHeading = byId("delete-confirm-heading");
  const deleteCancel = byId<HTMLButtonElement>("delete-cancel");
  const contactSection = byId("safe-contact-section");
  const contactDone = byId("safe-contact-done");
  const contactCurrent = byId("safe-contact-current");
  const contactStatus = byId("safe-contact-status");
  const contactSummary = byId("safe-contact-summary");
  const contactStart = byId<HTMLButtonElement>("safe-contact-start");
  const contactForm = byId<HTMLFormElement>("safe-contact-form");
  const contactHeading = byId("safe-contact-form-heading");
  const contactCancel = byId<HTMLButtonElement>("safe-contact-cancel");
  const contactLabel = labelIn([contactForm]);
  const contactBoxes = Object.keys(CONTACT_FIELDS);
  const services = byId("checkin-services");
  const forms = [feelingForm, soonerForm, contactForm, deleteForm];
  let busy = false;
  /** Goes up on every reset: an answer to a call made before it belongs to someone who has gone. */
  let generation = 0;

  /** Every error on every form goes: only the latest problem is on the page. */
  function clearAll() {
    for (const form of [...forms, ...Array.from(services.querySelectorAll("form"))]) clearErrors(form);
  }

  /**
   * Handles a failed answer; the API's field names are mapped to this form's boxes. A problem
   * that is not one box's fault: the summary says it in words, with nothing to follow.
   */
  function failed(form: HTMLFormElement, result: Extract<ApiResult<unknown>, { ok: false }>, boxes: Boxes = {}) {
    if (result.status === 401) return hooks.signedOut();
    const fieldFor = typeof boxes === "function" ? boxes : (field: string) => boxes[field];
    showApiError(form, result.error, { fieldFor, message: messageOf(result), linkTo: false });
  }

  /** Runs one call at a time, with its button marked busy; ignores the answer after Exit. */
  async function run<T>(button: HTMLButtonElement | null, send: () => Promise<ApiResult<T>>): Promise<ApiResult<T> | undefined> {
    if (busy) return undefined;
    busy = true;
    button?.setAttribute("aria-disabled", "true");
    const result = await send();
    busy = false;
    button?.removeAttribute("aria-disabled");
    return hooks.exited() ? undefined : result;
  }

  const submitButton = (form: HTMLFormElement) => form.querySelector<HTMLButtonElement>("button[type=submit]");

  function showUrgent(panel: HTMLElement, status: HTMLElement, urgent: boolean) {
    if (panel.hidden === !urgent) return;
    panel.hidden = !urgent;
    status.textContent = urgent ? URGENT_NOW : "";
  }

  function done(panel: HTMLElement, urgentPanel: HTMLElement, urgent: boolean) {
    panel.hidden = false;
    urgentPanel.hidden = !urgent;
    panel.focus();
  }

  async function tellFeeling() {
    clearAll();
    const feeling = chosen(feelingForm, "feeling") as Feeling | "";
    if (!feeling) return showErrors(feelingForm, [{ field: "feeling", message: "Choose how you are doing." }]);
    const result = await run(submitButton(feelingForm), () => sendFeeling(feeling, feelingNote.value.trim() || undefined));
    if (!result) return;
    if (!result.ok) return failed(feelingForm, result, { feeling: "feeling", note: "feeling-note" });
    hooks.render(result.data.request);
    feelingForm.reset();
    showUrgent(feelingUrgent, feelingUrgentStatus, false);
    done(feelingDone, feelingUrgentDone, feeling === LOWEST_FEELING);
  }

  async function tellSooner() {
    clearAll();
    const safe = chosen(soonerForm, "safe-now");
    if (!safe) return showErrors(soonerForm, [{ field: "safe-now", message: "Say if you are safe right now." }]);
    const notSafeNow = safe === "no";
    const result = await run(submitButton(soonerForm), () => askSooner(notSafeNow, soonerNote.value.trim() || undefined));
    if (!result) return;
    if (!result.ok) return failed(soonerForm, result, { notSafeNow: "safe-now", note: "sooner-note" });
    hooks.render(result.data.request);
    soonerForm.reset();
    showUrgent(soonerUrgent, soonerUrgentStatus, false);
    done(soonerDone, soonerUrgentDone, notSafeNow);
  }

  /** The saved details in words, as a summary list. Only the page's text holds them, until reset. */
  function showContactSummary(details: ContactChange) {
    const answers = answersOf(details);
    const rows = CONTACT_ROWS.filter((row) => partApplies(row.part, answers)).flatMap((row) => {
      const given = row.value(answers, contactLabel);
      const value = (given && row.secret) || given || row.empty;
      return value ? [el("div", { class: "summary-list__row" }, el("dt", {}, row.label), el("dd", {}, value))] : [];
    });
    contactSummary.replaceChildren(...rows);
    contactSummary.hidden = false;
    contactStatus.textContent = "";
  }

  /** Reads the saved details for the summary. The form is filled from a fresh read when it opens. */
  async function loadContact() {
    if (contactSection.hidden) return;
    const mine = generation;
    if (contactSummary.hidden) {
      contactStatus.textContent = "Just a moment…";
    }
    const result = await contactDetails();
    if (mine !== generation || hooks.exited()) return;
    if (result.ok) return showContactSummary(result.data);
    if (result.status === 401) return hooks.signedOut();
    contactSummary.replaceChildren();
    contactSummary.hidden = true;
    contactStatus.textContent = "We cannot show your details right now. You can still change them.";
  }

  async function openContact() {
    clearAll();
    const mine = generation;
    const result = await run(contactStart, () => contactDetails());
    if (!result || mine !== generation) return;
    if (!result.ok) return failed(contactForm, result);
    showContactSummary(result.data);
    fillFields(contactForm, answersOf(result.data));
    showMethodBoxes(contactForm, readFields(contactForm));
    contactDone.hidden = true;
    contactCurrent.hidden = true;
    contactForm.hidden = false;
    contactHeading.focus();
  }

  /** Closes the form and forgets what was typed in it. */
  function closeContact(focus: boolean) {
    clearErrors(contactForm);
    clearFields(contactForm);
    showMethodBoxes(contactForm, {});
    contactForm.hidden = true;
    contactCurrent.hidden = false;
    if (focus) contactStart.focus();
  }

  async function saveContact() {
    clearAll();
    const answers = readFields(contactForm);
    const errors = contactErrors(answers);
    if (errors.length) return showErrors(contactForm, errors);
    const mine = generation;
    const result = await run(submitButton(contactForm), () => changeContact(contactChange(answers)));
    if (!result || mine !== generation) return;
    if (!result.ok) return failed(contactForm, result, (field) => boxFor(field, contactBoxes));
    hooks.render(result.data.request);
    closeContact(false);
    contactSummary.hidden = true; // the old details, until the saved ones are read back
    contactDone.hidden = false;
    contactDone.focus();
    // The summary shows the details as they were saved (the API tidies phone numbers).
    await loadContact();
  }

  function closeDelete(focus: boolean) {
    clearErrors(deleteForm);
    deleteForm.hidden = true;
    deleteStart.parentElement!.hidden = false;
    if (focus) deleteStart.focus();
  }

  async function deleteAll() {
    clearAll();
    const result = await run(submitButton(deleteForm), () => deleteRequest());
    if (!result) return;
    if (!result.ok) return failed(deleteForm, result);
    hooks.deleted();
  }

  /** "Stop asking this service", and the question that checks they mean it. */
  function withdrawControls(service: CheckInService, othersOpen: boolean): HTMLElement[] {
    const questionId = `withdraw-${service.serviceId}-question`;
    const start = el(
      "button",
      { class: "button button--secondary", type: "button" },
      "Stop asking this service",
      el("span", { class: "visually-hidden" }, `: ${service.serviceName}`),
    );
    const question = el("p", { class: "checkin-confirm__question", id: questionId, tabindex: "-1" }, `Are you sure you want to stop asking ${service.serviceName}?`);
    const cancel = el("button", { class: "button button--secondary", type: "button" }, "No, keep asking");
    const form = el(
      "form",
      { class: "checkin-confirm", novalidate: "", "aria-labelledby": questionId, hidden: "" },
      question,
      el("p", {}, "They will not get in touch with you about this request any more."),
      othersOpen ? el("p", {}, "Your other services will carry on.") : null,
      el("p", {}, "You can still ask again later."),
      el("div", { class: "checkin-buttons" }, el("button", { class: "button button--warning", type: "submit" }, "Yes, stop asking"), cancel),
    );
    start.addEventListener("click", () => {
      start.hidden = true;
      form.hidden = false;
      question.focus();
    });
    cancel.addEventListener("click", () => {
      clearErrors(form);
      form.hidden = true;
      start.hidden = false;
      start.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void withdraw(form, service, othersOpen);
    });
    return [start, form];
  }

  async function withdraw(form: HTMLFormElement, service: CheckInService, othersOpen: boolean) {
    clearAll();
    const result = await run(submitButton(form), () => withdrawFrom(service.serviceId));
    if (!result) return;
    if (!result.ok) return failed(form, result);
    hooks.render(result.data.request);
    const slot = services.querySelector<HTMLElement>(`li[data-service-id="${CSS.escape(service.serviceId)}"] [data-service-actions]`);
    if (!slot) return;
    const note = el(
      "div",
      { class: "panel panel--calm checkin-done", tabindex: "-1" },
      el("p", {}, `You have stopped asking ${service.serviceName}.`),
      othersOpen ? el("p", {}, "Your other services will carry on.") : null,
      el("p", {}, "You can still ask again later."),
    );
    slot.replaceChildren(note);
    slot.hidden = false;
    note.focus();
  }

  feelingForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void tellFeeling();
  });
  feelingForm.addEventListener("change", () => showUrgent(feelingUrgent, feelingUrgentStatus, chosen(feelingForm, "feeling") === LOWEST_FEELING));
  soonerForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void tellSooner();
  });
  soonerForm.addEventListener("change", () => showUrgent(soonerUrgent, soonerUrgentStatus, chosen(soonerForm, "safe-now") === "no"));
  contactStart.addEventListener("click", () => void openContact());
  contactCancel.addEventListener("click", () => closeContact(true));
  contactForm.addEventListener("change", () => showMethodBoxes(contactForm, readFields(contactForm)));
  contactForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void saveContact();
  });
  deleteStart.addEventListener("click", () => {
    deleteStart.parentElement!.hidden = true;
    deleteForm.hidden = false;
    deleteHeading.focus();
  });
  deleteCancel.addEventListener("click", () => closeDelete(true));
  deleteForm.addEventListener("submit", (event) => {
    event.preventDefault();
    void deleteAll();
  });

  return {
    /** Fills a service's card with what the person can do about it: only while it is still open. */
    fillCard(card: HTMLElement, service: CheckInService, request: CheckInView) {
      const slot = card.querySelector<HTMLElement>("[data-service-actions]");
      if (!slot || !isOpen(service.status)) return;
      const othersOpen = request.services.some((s) => s.serviceId !== service.serviceId && isOpen(s.status));
      slot.replaceChildren(...withdrawControls(service, othersOpen));
      slot.hidden = false;
    },

    /** Shows how the services will get in touch, read from the API (only while one is still working on it). */
    loadContact,

    /** Telling services anything needs one still working on the request. */
    update(request: CheckInView) {
      const open = request.services.some((s) => isOpen(s.status));
      for (const section of openOnly) section.hidden = !open;
      nothingOpen.hidden = open;
    },

    /** Forgets everything typed or shown: signing out, Exit, or a new sign-in. */
    reset() {
      generation += 1;
      for (const form of forms) {
        clearErrors(form);
        form.reset();
      }
      showUrgent(feelingUrgent, feelingUrgentStatus, false);
      showUrgent(soonerUrgent, soonerUrgentStatus, false);
      for (const panel of [feelingDone, feelingUrgentDone, soonerDone, soonerUrgentDone, contactDone]) panel.hidden = true;
      closeContact(false);
      contactSummary.replaceChildren();
      contactSummary.hidden = true;
      contactStatus.textContent = "";
      closeDelete(false);
    },
  };
}
