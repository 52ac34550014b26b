import type { Area, PublicService } from "../../../../functions/domain/directory";
import { formatCheckInCode, formatReference } from "../../../../functions/domain/request-codes";
import { SITE_NAME } from "../../config";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { EXIT_EVENT } from "../exit-this-page";
import { clearErrors, showErrors } from "../form-errors";
import { clearFields, labelIn, one, readFields, type Answers } from "../answers";
import { showMethodBoxes } from "../safe-contact";
import { requestBody, sendRequest, type SendResult } from "./send";
import { serviceList } from "./services";
import { summaryRows } from "./summary";
import { applies, FIELD_STEP, fieldApplies, formFieldFor, isStep, QUESTIONS, questionsFor, validate, type Question, type StepId } from "./steps";

type FieldError = { field: string; message: string };
type HistoryState = { askStep: StepId; askIndex: number };

const isQuestion = (step: StepId): step is Question => (QUESTIONS as readonly string[]).includes(step);

/**
 * Ask for support (J2): one question at a time, in page memory only. Each step is a history
 * entry holding just its name, so a phone's Back button moves between questions, and the
 * address stays /ask/ throughout.
 */
export function startAsk(): void {
  const form = byId<HTMLFormElement>("ask-form");
  const back = byId<HTMLAnchorElement>("ask-back");
  const progress = byId("ask-progress");
  const sections = new Map<StepId, HTMLElement>();
  for (const section of Array.from(form.querySelectorAll<HTMLElement>("section[data-step]"))) {
    const step = section.dataset.step;
    if (isStep(step)) sections.set(step, section);
    // Only the step on screen is in the page: one h1, and the error summary finds only its fields.
    section.remove();
  }
  const section = (step: StepId) => sections.get(step)!;
  const find = <T extends HTMLElement>(step: StepId, selector: string) => section(step).querySelector<T>(selector)!;

  let answers: Answers = {};
  const names = new Map<string, string>();
  const seen = new Set<Question>();
  let current: StepId = "start";
  let returning = false;
  let sent = false;
  let sending = false;
  let exited = false;
  let historyIndex = 0;
  let idempotency: { key: string; body: string } | undefined;

  const services = serviceList(
    { choices: find("services", "#service-choices"), status: find("services", "#services-status"), more: find<HTMLButtonElement>("services", "#services-more") },
    names,
  );

  const labelInForm = labelIn([...sections.values()]);
  /** The words an answer was chosen by, read from the form itself. */
  function labelFor(field: string, value: string): string {
    if (field === "serviceIds" || field === "consentServiceIds") return names.get(value) ?? value;
    return labelInForm(field, value);
  }

  /** Some questions are worded for a parent or carer asking for a child. */
  function wordForAsker() {
    const child = one(answers, "asker") === "child";
    for (const part of sections.values()) {
      for (const node of Array.from(part.querySelectorAll<HTMLElement>("[data-child-text]"))) {
        node.dataset.text ??= node.textContent ?? "";
        node.textContent = child ? node.dataset.childText! : node.dataset.text;
      }
    }
  }

  const showContactBoxes = () => showMethodBoxes(section("contact"), readFields(section("contact")));

  function showUrgentNow() {
    const urgent = readFields(section("safe-now")).safeNow?.[0] === "no";
    const panel = find("safe-now", "#urgent-now");
    const status = find("safe-now", "#urgent-status");
    if (panel.hidden === !urgent) return;
    panel.hidden = !urgent;
    status.textContent = urgent ? "If you are in danger now, call 999. Free helplines are listed below." : "";
  }

  function showConsentChoices() {
    const list = find("consent", "#consent-choices");
    const agreed = answers.consentServiceIds ?? [];
    list.replaceChildren(
      ...(answers.serviceIds ?? []).map((id) => {
        const inputId = `consentServiceIds-${id}`;
        const input = el("input", { type: "checkbox", id: inputId, name: "consentServiceIds", value: id });
        input.checked = agreed.includes(id);
        return el("div", { class: "choice" }, input, el("label", { for: inputId }, `Yes, ${names.get(id) ?? "this service"} can see my answers`));
      }),
    );
  }

  function showCheck() {
    find("check", "#check-list").replaceChildren(...summaryRows(answers, labelFor, (step) => {
      returning = true;
      go(step);
    }));
  }

  function titleFor(step: StepId): string {
    if (isQuestion(step)) {
      const asked = questionsFor(answers);
      return `Question ${asked.indexOf(step) + 1} of ${asked.length}`;
    }
    return { start: "Ask for support", check: "Check your answers", done: "Request sent" }[step];
  }

  /** Puts one step on screen, with its title and progress, and moves focus to its heading. */
  function show(step: StepId, focus = true) {
    clearErrors(form);
    section(current).remove();
    current = step;
    const part = section(step);
    if (step === "services") services.show(answers);
    if (step === "consent") showConsentChoices();
    if (step === "check") {
      returning = false;
      showCheck();
    }
    wordForAsker();
    form.append(part);
    part.hidden = false;
    const title = titleFor(step);
    document.title = `${title} – ${SITE_NAME}`;
    progress.hidden = !isQuestion(step);
    progress.textContent = isQuestion(step) ? title : "";
    back.hidden = historyIndex === 0 || step === "done";
    if (focus) part.querySelector<HTMLElement>(".step-heading")?.focus();
  }

  function go(step: StepId) {
    historyIndex += 1;
    history.pushState({ askStep: step, askIndex: historyIndex } satisfies HistoryState, "", "/ask/");
    show(step);
  }

  function nextAfter(step: Question): StepId {
    const asked = questionsFor(answers);
    const later = asked.slice(asked.indexOf(step) + 1);
    // After a Change, only questions the new answer opens up are asked before checking again.
    if (returning) return later.find((s) => !seen.has(s)) ?? "check";
    return later[0] ?? "check";
  }

  function saveStep(step: Question): FieldError[] {
    Object.assign(answers, readFields(section(step)));
    return validate(step, answers);
  }

  function continueFrom(step: StepId) {
    if (step === "start") return go("who");
    if (step === "check") return void send();
    if (!isQuestion(step)) return;
    const errors = saveStep(step);
    if (errors.length) return showErrors(form, errors);
    seen.add(step);
    // A service added after saying yes to sharing needs its own yes: ask that question again.
    if (step === "services" && validate("consent", answers).length) seen.delete("consent");
    go(nextAfter(step));
  }

  function skip(step: StepId) {
    if (!isQuestion(step)) return;
    clearFields(section(step));
    saveStep(step);
    seen.add(step);
    go(nextAfter(step));
  }

  /** Takes the person to the question an error is about, and shows it there. */
  function showErrorsOnStep(errors: FieldError[]): boolean {
    const byStep = QUESTIONS.find((step) => errors.some((e) => FIELD_STEP[e.field] === step) && applies(step, answers));
    if (!byStep) return false;
    returning = true;
    go(byStep);
    showErrors(form, errors.filter((e) => FIELD_STEP[e.field] === byStep));
    return true;
  }

  function showSendProblem(result: Extract<SendResult, { ok: false }>) {
    const message =
      result.status === 0
        ? result.error.message
        : result.status === 429
          ? "You have tried a lot of times. Please wait a minute, then try again."
          : result.status >= 500
            ? "OneDoor could not send it just now. Please try again in a minute."
            : "Something went wrong on our side. Please try again.";
    const retry = el("button", { class: "button", type: "button" }, "Try again");
    retry.addEventListener("click", () => void send());
    const panel = el(
      "div",
      { class: "error-summary", tabindex: "-1", role: "alert", "aria-labelledby": "send-problem-title" },
      el("h2", { id: "send-problem-title" }, "Sorry, we could not send your request"),
      el("p", {}, el("strong", {}, "Your answers are still here."), " ", message),
      retry,
    );
    find("check", "#send-problem").replaceChildren(panel);
    panel.focus();
  }

  function showSent(data: { reference: string; checkInCode: string; urgent: boolean }) {
    sent = true;
    // The request has gone: the answers are not kept on this page any longer than needed.
    wipe();
    find("done", "#done-reference").textContent = formatReference(data.reference);
    find("done", "#done-code").textContent = formatCheckInCode(data.checkInCode);
    find("done", "#urgent-done").hidden = !data.urgent;
    go("done");
  }

  async function send() {
    if (sending || sent) return;
    for (const step of questionsFor(answers)) {
      const errors = validate(step, answers);
      if (errors.length && showErrorsOnStep(errors)) return;
    }
    const request = requestBody(answers, fieldApplies(answers));
    const body = JSON.stringify(request);
    // One key for one set of answers: trying again sends the same key, so only one request is made.
    if (idempotency?.body !== body) idempotency = { key: crypto.randomUUID(), body };
    const button = find<HTMLButtonElement>("check", "#send");
    sending = true;
    button.setAttribute("aria-disabled", "true");
    const result = await sendRequest(request, idempotency.key);
    sending = false;
    button.removeAttribute("aria-disabled");
    if (exited) return;
    // Once a request is made its codes must be shown, even if the person pressed Back meanwhile.
    if (result.ok) return showSent(result.data);
    if (current !== "check") return;
    find("check", "#send-problem").replaceChildren();
    // A key already used for other answers (should not happen): the next try gets a new one.
    if (result.error.code === "idempotency.reused") idempotency = undefined;
    // A field error is shown on its question; anything else on this step, with Try again.
    showApiError(form, result.error, { fieldFor: formFieldFor, placeFields: showErrorsOnStep, problem: () => showSendProblem(result) });
  }

  /** Forgets every answer: the object in memory and every box, tick and list on the page. */
  function wipe() {
    answers = {};
    names.clear();
    seen.clear();
    idempotency = undefined;
    services.clear();
    for (const part of sections.values()) clearFields(part);
    find("consent", "#consent-choices").replaceChildren();
    find("check", "#check-list").replaceChildren();
    find("check", "#send-problem").replaceChildren();
    find("done", "#done-reference").textContent = "";
    find("done", "#done-code").textContent = "";
    find("safe-now", "#urgent-now").hidden = true;
    find("done", "#urgent-done").hidden = true;
    find("start", "#start-service").hidden = true;
    showContactBoxes();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    continueFrom(current);
  });
  form.addEventListener("click", (event) => {
    if ((event.target as HTMLElement).closest("[data-skip]")) skip(current);
    if ((event.target as HTMLElement).closest("#services-more")) services.more(answers);
  });
  section("contact").addEventListener("change", showContactBoxes);
  section("safe-now").addEventListener("change", showUrgentNow);
  back.addEventListener("click", (event) => {
    event.preventDefault();
    history.back();
  });
  window.addEventListener("popstate", (event) => {
    const state = event.state as Partial<HistoryState> | null;
    historyIndex = state?.askIndex ?? 0;
    if (sent) return show("done");
    let step: StepId = isStep(state?.askStep) ? state.askStep : "start";
    if (isQuestion(step) && !applies(step, answers)) step = questionsFor(answers).find((s) => QUESTIONS.indexOf(s) > QUESTIONS.indexOf(step as Question)) ?? "check";
    show(step);
  });
  window.addEventListener(EXIT_EVENT, () => {
    exited = true;
    wipe();
  });

  // A service page links here as /ask/?service=<id>: read it, then take it out of the address.
  const prefill = new URLSearchParams(window.location.search).get("service");
  history.replaceState({ askStep: "start", askIndex: 0 } satisfies HistoryState, "", "/ask/");
  for (const node of Array.from(section("start").querySelectorAll<HTMLElement>("[data-needs-script]"))) node.hidden = false;
  show("start", false);

  void getJson<{ areas: Area[] }>("/api/areas").then((result) => {
    if (!result.ok) return;
    find<HTMLSelectElement>("area", "#areaId").append(...result.data.areas.map((area) => el("option", { value: area.id }, area.name)));
  });
  if (prefill) {
    void getJson<{ service: PublicService }>(`/api/services/${encodeURIComponent(prefill)}`).then((result) => {
      if (!result.ok || answers.serviceIds?.length || sent) return;
      const service = result.data.service;
      const note = find("start", "#start-service");
      note.hidden = false;
      if (service.status !== "active") {
        note.textContent = `${service.name} is not taking new requests right now. You can choose other services as you go.`;
        return;
      }
      services.remember(service);
      answers.serviceIds = [service.id];
      note.textContent = `You are asking ${service.name}. You can add other services too.`;
    });
  }
}
