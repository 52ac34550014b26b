import { formatReference, isCheckInCode, isReference, tidyCheckInCode, tidyReference } from "../../../../functions/domain/request-codes";
import { ON_OUR_SIDE, showApiError } from "../api";
import { byId, el } from "../dom";
import { EXIT_EVENT } from "../exit-this-page";
import { clearErrors, showErrors } from "../form-errors";
import { checkInActions } from "./actions";
import { checkInFeedback } from "./feedback";
import { currentCheckIn, signIn, signOut, signOutAsTheyLeave, type CheckInView } from "./api";
import { formatDate } from "../dates";
import { serviceCard } from "./view";

type FieldError = { field: string; message: string };

/** The same words the API uses, so a mistake reads the same whichever side finds it. */
function validate(reference: string, code: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!reference) errors.push({ field: "reference", message: "Enter your reference." });
  else if (!isReference(reference)) errors.push({ field: "reference", message: "Your reference has 8 letters and numbers, like K7QM 3XPA." });
  if (!code) errors.push({ field: "code", message: "Enter your check-in code." });
  else if (!isCheckInCode(code)) errors.push({ field: "code", message: "Your check-in code has 12 numbers, like 1234 5678 9012." });
  return errors;
}

/**
 * Check in (J3): sign in with a reference and check-in code, then see how each service is
 * getting on, on the same page. Nothing is put in the address, the title or browser storage;
 * the session is an HttpOnly cookie the API sets and ends.
 */
export function startCheckIn(): void {
  const loading = byId("checkin-loading");
  const signInSection = byId("checkin-signin");
  const viewSection = byId("checkin-view");
  const form = byId<HTMLFormElement>("checkin-form");
  const notice = byId("checkin-notice");
  const referenceInput = byId<HTMLInputElement>("reference");
  const codeInput = byId<HTMLInputElement>("code");
  const signOutButton = byId<HTMLButtonElement>("checkin-sign-out");
  const signOutProblem = byId("checkin-signout-problem");
  const referenceShown = byId("checkin-reference");
  const asked = byId("checkin-asked");
  const services = byId("checkin-services");
  const signInHeading = byId("checkin-signin-heading");
  const viewHeading = byId("checkin-view-heading");

  let exited = false;
  const doings = checkInActions({
    signedOut: () => signedOut(),
    deleted: () => showForm({ note: "Your request has been deleted. We have removed everything you told us.", focus: true }),
    render: (request) => render(request),
    exited: () => exited,
  });

  const feedback = checkInFeedback({ signedOut: () => signedOut(), exited: () => exited });

  // Only the state on screen is in the page: one h1, and nothing hidden for a screen reader to find.
  signInSection.remove();
  viewSection.remove();
  let signingIn = false;
  let signingOut = false;

  function mount(section: HTMLElement) {
    loading.hidden = true;
    for (const other of [signInSection, viewSection]) if (other !== section) other.remove();
    if (!section.isConnected) loading.after(section);
    section.hidden = false;
  }

  /** Forgets the request: every word of it leaves the page. */
  function wipeView() {
    referenceShown.textContent = "";
    asked.textContent = "";
    services.replaceChildren();
    doings.reset();
    feedback.reset();
    signOutProblem.replaceChildren();
  }

  function wipeForm() {
    clearErrors(form);
    form.reset();
  }

  /** The sign-in form, with a note (like "You have signed out.") that takes focus if given. */
  function showForm(options: { note?: string; focus?: boolean } = {}) {
    wipeView();
    mount(signInSection);
    notice.textContent = options.note ?? "";
    notice.hidden = !options.note;
    if (!options.focus) return;
    if (options.note) notice.focus();
    else signInHeading.focus();
  }

  /** The request as the API gives it now; what the person can do follows from each service's status. */
  function render(request: CheckInView) {
    referenceShown.textContent = formatReference(request.reference);
    asked.textContent = `You asked for support on ${formatDate(request.createdAt)}.`;
    const cards = request.services.map((service) => {
      const card = serviceCard(service);
      doings.fillCard(card, service, request);
      feedback.fillCard(card, service);
      return card;
    });
    if (cards.length) services.replaceChildren(...cards);
    else services.replaceChildren(el("li", {}, "There are no services on this request now."));
    doings.update(request);
  }

  function showView(request: CheckInView, focus: boolean) {
    wipeForm();
    wipeView();
    render(request);
    mount(viewSection);
    if (focus) viewHeading.focus();
    void doings.loadContact();
  }

  /** The session ended on the server (15 minutes idle, or 2 hours in all). */
  function signedOut() {
    showForm({ note: "You have been signed out to keep your request private. Check in again to carry on.", focus: true });
  }

  async function submit() {
    if (signingIn) return;
    const reference = tidyReference(referenceInput.value);
    const code = tidyCheckInCode(codeInput.value);
    const errors = validate(reference, code);
    if (errors.length) return showErrors(form, errors);
    signingIn = true;
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    button?.setAttribute("aria-disabled", "true");
    const result = await signIn(reference, code);
    signingIn = false;
    button?.removeAttribute("aria-disabled");
    if (exited) {
      // Exit was pressed while signing in: the session the answer started must end too.
      if (result.ok) signOutAsTheyLeave();
      return;
    }
    if (result.ok) return showView(result.data.request, true);
    const { status } = result;
    // The API's own words for a failed sign-in, too many tries or no connection; ours for the rest.
    // A failed sign-in links to the first box: it never says which of the two was wrong.
    showApiError(form, result.error, {
      fieldFor: (field) => (field === "reference" || field === "code" ? field : undefined),
      linkTo: status === 401 ? referenceInput.id : false,
      message: [0, 401, 429].includes(status) ? undefined : ON_OUR_SIDE,
      extra: status === 429 ? "If you need to talk to someone now, you can call or text one of the free helplines below." : undefined,
    });
  }

  async function leave() {
    if (signingOut) return;
    signingOut = true;
    signOutButton.setAttribute("aria-disabled", "true");
    signOutProblem.replaceChildren();
    const result = await signOut();
    signingOut = false;
    signOutButton.removeAttribute("aria-disabled");
    if (exited) return;
    // 401: the session had already ended, which is what signing out wants.
    if (result.ok || result.status === 401) return showForm({ note: "You have signed out.", focus: true });
    const panel = el(
      "div",
      { class: "error-summary", tabindex: "-1", role: "alert", "aria-labelledby": "checkin-signout-title" },
      el("h2", { id: "checkin-signout-title" }, "Sorry, we could not sign you out"),
      el("p", {}, result.error.message),
      el("p", {}, "Please try again. If you cannot, tap Exit this page. You will be signed out after 15 minutes anyway."),
    );
    signOutProblem.replaceChildren(panel);
    panel.focus();
  }

  /** Asks the API whether this browser is signed in, and shows the view or the form. */
  async function load() {
    const result = await currentCheckIn();
    if (exited) return;
    if (result.ok) return showView(result.data.request, false);
    // The view was on screen (restored by Back): say why it has gone.
    if (result.status === 401 && viewSection.isConnected) return signedOut();
    showForm();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit();
  });
  signOutButton.addEventListener("click", () => void leave());

  window.addEventListener(EXIT_EVENT, () => {
    exited = true;
    // Ends the session on the server before the page goes: Back, or another tab, finds nothing.
    signOutAsTheyLeave();
    wipeView();
    wipeForm();
  });

  // Leaving by a link must not leave the request in a page the back-forward cache keeps.
  window.addEventListener("pagehide", () => {
    wipeView();
    wipeForm();
  });

  // A page restored from the back-forward cache may show a request whose session has ended.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !exited) void load();
  });

  loading.hidden = false;
  void load();
}
