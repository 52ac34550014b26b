import { readFields } from "../answers";
import { ON_OUR_SIDE, showApiError } from "../api";
import { characterCount } from "../character-count";
import { byId, el } from "../dom";
import { clearErrors, showErrors } from "../form-errors";
import { feedbackBody, sendFeedback } from "../feedback/send";
import { FIELD_STEP, validate } from "../feedback/steps";
import type { CheckInService } from "./api";

type Hooks = {
  /** The session ended on the server: back to the sign-in form, saying why. */
  signedOut: () => void;
  /** Exit this page was pressed: answers that arrive after it are ignored. */
  exited: () => boolean;
};

/** The boxes of this form, by the API's names for them (the outcome statements, how they know it, the words). */
const BOXES = Object.keys(FIELD_STEP).filter((field) => field === "usage" || field === "text" || field.startsWith("scores."));

/**
 * Tell us how it went (J4) from /check-in/: the questions of /feedback/ on one form, about one of
 * the person's services, sent with their session so it counts as from someone who asked it. It
 * is stored with nothing that links it to the request. Take hold of the page's parts before the
 * view is taken out of the page (getElementById cannot find them there).
 */
export function checkInFeedback(hooks: Hooks) {
  const section = byId("checkin-feedback");
  const form = byId<HTMLFormElement>("checkin-feedback-form");
  const heading = byId("checkin-feedback-form-heading");
  const serviceName = byId("checkin-feedback-service");
  const done = byId("checkin-feedback-done");
  const moderated = byId("checkin-feedback-moderated");
  const safeguarding = byId("checkin-feedback-safeguarding");
  const cancel = byId<HTMLButtonElement>("checkin-feedback-cancel");
  const count = characterCount(form.querySelector<HTMLElement>("[data-character-count]")!);
  const services = byId("checkin-services");
  let serviceId: string | undefined;
  let idempotency: { key: string; body: string } | undefined;
  let busy = false;
  /** Goes up on every reset: an answer to a call made before it belongs to someone who has gone. */
  let generation = 0;

  /** Empties the form: what was typed goes. */
  function emptyForm() {
    clearErrors(form);
    form.reset();
    count.update();
    idempotency = undefined;
  }

  /** The card's own button, to give focus back to. */
  const buttonFor = (id: string) =>
    services.querySelector<HTMLButtonElement>(`li[data-service-id="${CSS.escape(id)}"] [data-service-feedback] button`);

  function open(service: CheckInService) {
    if (service.serviceId !== serviceId) emptyForm();
    serviceId = service.serviceId;
    serviceName.textContent = service.serviceName;
    done.hidden = true;
    safeguarding.hidden = true;
    form.hidden = false;
    section.hidden = false;
    heading.focus();
  }

  function close(focus: boolean) {
    emptyForm();
    const was = serviceId;
    serviceId = undefined;
    serviceName.textContent = "";
    section.hidden = true;
    if (focus && was) buttonFor(was)?.focus();
  }

  async function send() {
    if (busy || !serviceId) return;
    clearErrors(form);
    const answers = { ...readFields(form), serviceId: [serviceId] };
    const errors = validate("text", answers);
    if (errors.length) return showErrors(form, errors);
    const body = feedbackBody(answers);
    const json = JSON.stringify(body);
    // One key for one set of answers: sending again after a failure cannot store it twice.
    if (idempotency?.body !== json) idempotency = { key: crypto.randomUUID(), body: json };
    const mine = generation;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    busy = true;
    button?.setAttribute("aria-disabled", "true");
    const result = await sendFeedback(body, idempotency.key, "check-in");
    busy = false;
    button?.removeAttribute("aria-disabled");
    if (hooks.exited() || mine !== generation) return;
    if (!result.ok) {
      if (result.status === 401) return hooks.signedOut();
      return showApiError(form, result.error, {
        fieldFor: (field) => (BOXES.includes(field) ? field : undefined),
        message: [0, 400, 429].includes(result.status) ? undefined : ON_OUR_SIDE,
        linkTo: false,
      });
    }
    emptyForm();
    form.hidden = true;
    moderated.hidden = !result.data.moderated;
    safeguarding.hidden = !result.data.safeguarding;
    done.hidden = false;
    done.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void send();
  });
  cancel.addEventListener("click", () => close(true));

  return {
    /** Puts "Tell us how it went" in a service's card. */
    fillCard(card: HTMLElement, service: CheckInService) {
      const slot = card.querySelector<HTMLElement>("[data-service-feedback]");
      if (!slot) return;
      const button = el(
        "button",
        { class: "button button--secondary", type: "button" },
        "Tell us how it went",
        el("span", { class: "visually-hidden" }, `: ${service.serviceName}`),
      );
      button.addEventListener("click", () => open(service));
      slot.replaceChildren(button);
      slot.hidden = false;
    },

    /** Forgets everything typed or shown: signing out, Exit, or a new sign-in. */
    reset() {
      generation += 1;
      busy = false;
      close(false);
      done.hidden = true;
      moderated.hidden = true;
      safeguarding.hidden = true;
    },
  };
}
