import { SITE_NAME } from "../config";
import { clearFields, labelIn, readFields, type Answers } from "./answers";
import { showApiError, type ApiResult } from "./api";
import { el } from "./dom";
import { EXIT_EVENT } from "./exit-this-page";
import { clearErrors, showErrors, type FieldError } from "./form-errors";

/** The steps every journey has besides its questions: the start, check your answers, and sent. */
export type PageStep = "start" | "check" | "done";
const PAGE_STEPS: readonly PageStep[] = ["start", "check", "done"];

type HistoryState = { step: string; index: number };

/** How a journey sends its answers once they are checked (POST with an Idempotency-Key). */
export type Sending<T> = {
  /** What the API takes, from the answers to the questions asked. */
  body: (answers: Answers) => unknown;
  post: (body: unknown, idempotencyKey: string) => Promise<ApiResult<T>>;
  /** Fills the done step from the API's answer; the answers are already wiped. */
  sent: (data: T) => void;
  /** The heading of the panel that says it could not be sent. */
  problemHeading: string;
  /** What to do after too many tries (429). */
  tooMany: string;
};

export type QuestionPagesOptions<Q extends string, T> = {
  form: HTMLFormElement;
  back: HTMLAnchorElement;
  progress: HTMLElement;
  /** The page's address, the same on every step: a step is a history entry holding only its name. */
  path: string;
  /** The questions, in the order they are asked. */
  questions: readonly Q[];
  /** The tab title of each step that is not a question ("Question 3 of 12" for those that are). */
  titles: Record<PageStep, string>;
  /** The question each field is answered on: API field errors are shown on that question. */
  fieldStep: Record<string, Q>;
  /** Whether a question is asked, given the answers so far. Every question is, by default. */
  applies?: (step: Q, answers: Answers) => boolean;
  /** What must be fixed on a question before moving on. */
  validate?: (step: Q, answers: Answers) => FieldError[];
  /** Where an API field error belongs on the form; by default the field of the same name. */
  formFieldFor?: (apiField: string) => string | undefined;
  /** The words for an answer the form's own labels do not hold (a service found by a search). */
  label?: (field: string, value: string) => string | undefined;
  /** Fills a step just before it is shown: lists that follow earlier answers, check your answers. */
  beforeShow?: (step: Q | PageStep) => void;
  /** A question was answered (Continue) or skipped, before the next one is shown. */
  answered?: (step: Q, skipped: boolean) => void;
  /** Forgets what the journey keeps besides the answers and the boxes (Exit this page, or sent). */
  wiped?: () => void;
  sending: Sending<T>;
};

/**
 * One question a page, in page memory only (GOV.UK pattern), as /ask/ and /feedback/ ask. Every
 * step is a hidden section of one form; only the step on screen is in the page. Each step is a
 * history entry holding just its name, so a phone's Back button moves between questions and the
 * address stays the same throughout. Tab titles stay neutral ("Question 3 of 12").
 * Call begin() once the page has wired its own parts.
 */
export function questionPages<Q extends string, T>(options: QuestionPagesOptions<Q, T>) {
  type StepId = Q | PageStep;
  const { form, back, progress, path, questions, fieldStep, sending: sender } = options;
  const appliesTo = (step: Q, given: Answers) => options.applies?.(step, given) ?? true;
  const validateStep = (step: Q, given: Answers) => options.validate?.(step, given) ?? [];
  const isQuestion = (step: unknown): step is Q => typeof step === "string" && (questions as readonly string[]).includes(step);
  const isStep = (step: unknown): step is StepId => isQuestion(step) || (PAGE_STEPS as readonly unknown[]).includes(step);

  const sections = new Map<StepId, HTMLElement>();
  for (const part of Array.from(form.querySelectorAll<HTMLElement>("section[data-step]"))) {
    const step = part.dataset.step;
    if (isStep(step)) sections.set(step, part);
    // Only the step on screen is in the page: one h1, and the error summary finds only its fields.
    part.remove();
  }
  const section = (step: StepId) => sections.get(step)!;
  const find = <E extends HTMLElement>(step: StepId, selector: string) => section(step).querySelector<E>(selector)!;

  let answers: Answers = {};
  const seen = new Set<Q>();
  let current: StepId = "start";
  let returning = false;
  let sent = false;
  let busy = false;
  let exited = false;
  let historyIndex = 0;
  let idempotency: { key: string; body: string } | undefined;

  const labelInForm = labelIn([...sections.values()]);
  /** The words an answer was chosen by, read from the form itself. */
  const labelFor = (field: string, value: string) => options.label?.(field, value) ?? labelInForm(field, value);

  const questionsFor = (given: Answers) => questions.filter((step) => appliesTo(step, given));

  function titleFor(step: StepId): string {
    if (!isQuestion(step)) return options.titles[step as PageStep];
    const asked = questionsFor(answers);
    return `Question ${asked.indexOf(step) + 1} of ${asked.length}`;
  }

  /** Puts one step on screen, with its title and progress, and moves focus to its heading. */
  function show(step: StepId, focus = true) {
    clearErrors(form);
    section(current).remove();
    current = step;
    const part = section(step);
    if (step === "check") returning = false;
    options.beforeShow?.(step);
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
    history.pushState({ step, index: historyIndex } satisfies HistoryState, "", path);
    show(step);
  }

  function nextAfter(step: Q): StepId {
    const asked = questionsFor(answers);
    const later = asked.slice(asked.indexOf(step) + 1);
    // After a Change, only questions the new answer opens up are asked before checking again.
    if (returning) return later.find((s) => !seen.has(s)) ?? "check";
    return later[0] ?? "check";
  }

  function saveStep(step: Q): FieldError[] {
    Object.assign(answers, readFields(section(step)));
    return validateStep(step, answers);
  }

  function continueFrom(step: StepId) {
    if (step === "start") return go(questionsFor(answers)[0] ?? "check");
    if (step === "check") return void send();
    if (!isQuestion(step)) return;
    const errors = saveStep(step);
    if (errors.length) return showErrors(form, errors);
    seen.add(step);
    options.answered?.(step, false);
    go(nextAfter(step));
  }

  function skip(step: StepId) {
    if (!isQuestion(step)) return;
    clearFields(section(step));
    saveStep(step);
    seen.add(step);
    options.answered?.(step, true);
    go(nextAfter(step));
  }

  /** Takes the person to the question an error is about, and shows it there. */
  function showErrorsOnStep(errors: FieldError[]): boolean {
    const byStep = questions.find((step) => errors.some((e) => fieldStep[e.field] === step) && appliesTo(step, answers));
    if (!byStep) return false;
    returning = true;
    go(byStep);
    showErrors(form, errors.filter((e) => fieldStep[e.field] === byStep));
    return true;
  }

  function showSendProblem(result: Extract<ApiResult<T>, { ok: false }>) {
    const message =
      result.status === 0
        ? result.error.message
        : result.status === 429
          ? sender.tooMany
          : result.status >= 500
            ? "OneDoor could not send it just now. Please try again in a minute."
            : "Something went wrong on our side. Please try again.";
    const retry = el("button", { class: "button", type: "button" }, "Try again");
    retry.addEventListener("click", () => void send());
    const panel = el(
      "div",
      { class: "error-summary", tabindex: "-1", role: "alert", "aria-labelledby": "send-problem-title" },
      el("h2", { id: "send-problem-title" }, sender.problemHeading),
      el("p", {}, el("strong", {}, "Your answers are still here."), " ", message),
      retry,
    );
    find("check", "#send-problem").replaceChildren(panel);
    panel.focus();
  }

  async function send() {
    if (busy || sent) return;
    for (const step of questionsFor(answers)) {
      const errors = validateStep(step, answers);
      if (errors.length && showErrorsOnStep(errors)) return;
    }
    const request = sender.body(answers);
    const body = JSON.stringify(request);
    // One key for one set of answers: trying again sends the same key, so only one is made.
    if (idempotency?.body !== body) idempotency = { key: crypto.randomUUID(), body };
    const button = find<HTMLButtonElement>("check", "#send");
    busy = true;
    button.setAttribute("aria-disabled", "true");
    const result = await sender.post(request, idempotency.key);
    busy = false;
    button.removeAttribute("aria-disabled");
    if (exited) return;
    // Once the answers are in, say so, even if the person pressed Back meanwhile.
    if (result.ok) {
      sent = true;
      // They have gone: the answers are not kept on this page any longer than needed.
      wipe();
      sender.sent(result.data);
      return go("done");
    }
    if (current !== "check") return;
    find("check", "#send-problem").replaceChildren();
    // A key already used for other answers (should not happen): the next try gets a new one.
    if (result.error.code === "idempotency.reused") idempotency = undefined;
    // A field error is shown on its question; anything else on this step, with Try again.
    showApiError(form, result.error, { fieldFor: options.formFieldFor, placeFields: showErrorsOnStep, problem: () => showSendProblem(result) });
  }

  /** Forgets every answer: the object in memory and every box, tick and list on the page. */
  function wipe() {
    answers = {};
    seen.clear();
    idempotency = undefined;
    for (const part of sections.values()) clearFields(part);
    find("check", "#send-problem").replaceChildren();
    options.wiped?.();
  }

  return {
    /** The answers so far (a new object after a wipe). */
    answers: () => answers,
    section,
    find,
    labelFor,
    questionsFor,
    /** Whether the answers have been sent: the done step is all there is now. */
    sent: () => sent,
    /** A Change link on check your answers: back to that question, then straight back to checking. */
    change(step: Q) {
      returning = true;
      go(step);
    },
    /** Asks a question again before checking, though it was answered (an answer it depends on changed). */
    askAgain(step: Q) {
      seen.delete(step);
    },
    /** Wires the form, Back, history and Exit this page, and shows the start. */
    begin() {
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        continueFrom(current);
      });
      form.addEventListener("click", (event) => {
        if ((event.target as HTMLElement).closest("[data-skip]")) skip(current);
      });
      back.addEventListener("click", (event) => {
        event.preventDefault();
        history.back();
      });
      window.addEventListener("popstate", (event) => {
        const state = event.state as Partial<HistoryState> | null;
        historyIndex = state?.index ?? 0;
        if (sent) return show("done");
        let step: StepId = isStep(state?.step) ? state.step : "start";
        if (isQuestion(step) && !appliesTo(step, answers)) {
          const from = questions.indexOf(step);
          step = questionsFor(answers).find((s) => questions.indexOf(s) > from) ?? "check";
        }
        show(step);
      });
      window.addEventListener(EXIT_EVENT, () => {
        exited = true;
        wipe();
      });
      history.replaceState({ step: "start", index: 0 } satisfies HistoryState, "", path);
      for (const node of Array.from(section("start").querySelectorAll<HTMLElement>("[data-needs-script]"))) node.hidden = false;
      show("start", false);
    },
  };
}

/** One row of check your answers: what was asked, the answer in words, and a Change link back to its question. */
export function summaryRow(name: string, value: string, path: string, onChange: () => void): HTMLElement {
  const change = el("a", { href: path }, "Change", el("span", { class: "visually-hidden" }, ` ${name.toLowerCase()}`));
  change.addEventListener("click", (event) => {
    event.preventDefault();
    onChange();
  });
  return el(
    "div",
    { class: "summary-list__row" },
    el("dt", {}, name),
    el("dd", {}, value),
    el("dd", { class: "summary-list__actions" }, change),
  );
}
