import { RESPONSE_STATUSES, UNANSWERED_AFTER_DAYS, type ResponseStatus } from "../../../../functions/domain/response-labels";
import { showApiError } from "../api";
import { byId, el } from "../dom";
import { clearAllErrors } from "../form-errors";
import { getStaff, sendStaff } from "./api";
import { formatDate } from "./page";

/**
 * "You said, we did" on the feedback and group reports pages: the approved answers to a piece or
 * a report with their history, the form a manager answers with, and (feedback) the choice to show
 * the words on the service's page. What `/api/staff/responses` returns is written here, like
 * feedback-words.ts, so no zod is loaded.
 */

/** What an answer is to: a piece of feedback, or a group report (whose address needs its group). */
export type AnswerTarget = { target: "feedback"; targetId: string } | { target: "group-report"; targetId: string; groupId: string };

const targetQuery = (t: AnswerTarget, more: Record<string, string> = {}) =>
  new URLSearchParams({ target: t.target, targetId: t.targetId, ...(t.target === "group-report" ? { groupId: t.groupId } : {}), ...more });

type Version = { status: ResponseStatus; text: string; why?: string; at: string };
type Answer = { organisationId: string; current: Version; history: Version[] };
/** The reader's own organisation's answer that a moderator has not approved: only its manager is told. */
type Yours = { organisationId: string; waiting?: { at: string; status: ResponseStatus }; sentBack?: { reason: string; at: string } };
type Unanswered = {
  providers: { organisationId: string; organisationName: string; unanswered: { target: "feedback" | "group-report"; targetId: string; serviceId?: string; approvedAt: string }[] }[];
};

/** The status radios, in the words a provider would use when writing to the person. */
const STATUS_CHOICES: Record<ResponseStatus, string> = {
  heard: "We have heard this (nothing needs to change, or we are still thinking)",
  "change-planned": "A change is planned",
  "change-made": "We have made a change",
  "not-possible": "We cannot change this (you will need to say why)",
};

function version(v: Version): HTMLElement[] {
  return [
    el("p", {}, el("strong", {}, RESPONSE_STATUSES[v.status]), ` · ${formatDate(v.at)}`),
    el("p", { class: "feedback-text" }, v.text),
    ...(v.why ? [el("p", {}, el("strong", {}, "Why: "), v.why)] : []),
  ];
}

/** One organisation's approved answer, with what it said before underneath. */
function answer(a: Answer, organisationName: string | undefined): HTMLElement {
  const earlier = a.history.slice(0, -1).reverse();
  return el(
    "div",
    { class: "answer" },
    organisationName ? el("p", { class: "muted" }, `From ${organisationName}`) : "",
    ...version(a.current),
    earlier.length
      ? el("details", { class: "more answer-history" }, el("summary", {}, `What they said before (${earlier.length})`), el("ol", { reversed: "" }, ...earlier.map((v) => el("li", {}, ...version(v)))))
      : "",
  );
}

/** A moderator's reason as a sentence, whether or not they ended it with a full stop. */
const sentence = (words: string) => (/[.!?]$/.test(words.trim()) ? words.trim() : `${words.trim()}.`);

/** What a manager is told of their own answer a moderator has not approved: it waits, or why it came back. */
function yoursNote(y: Yours): HTMLElement | string {
  if (y.waiting) return el("p", { class: "panel panel--calm answer-waiting" }, `Your answer from ${formatDate(y.waiting.at)} is waiting for a moderator. It shows here once they have checked it.`);
  if (y.sentBack) return el("p", { class: "panel staff-warning answer-sent-back" }, `A moderator sent your answer back: ${sentence(y.sentBack.reason)} Write it again.`);
  return "";
}

/**
 * Fills a "You said, we did" box with the approved answers (or says there are none yet); for a
 * manager of `organisationId`, also whether their own answer is waiting or was sent back.
 */
export async function loadAnswers(box: HTMLElement, target: AnswerTarget, names: Map<string, string>, organisationId?: string): Promise<void> {
  const result = await getStaff<{ responses: Answer[]; yours?: Yours[] }>(`/api/staff/responses?${targetQuery(target)}`);
  if (!result.ok) {
    box.replaceChildren(el("p", {}, `We could not load the answers to this: ${result.error.message}`));
    return;
  }
  const answers = result.data.responses;
  const yours = (result.data.yours ?? []).find((y) => y.organisationId === organisationId);
  box.replaceChildren(
    ...(answers.length
      ? answers.map((a) => answer(a, answers.length > 1 ? names.get(a.organisationId) : undefined))
      : [el("p", { class: "muted" }, "No answer yet. An answer shows here once a moderator has checked it.")]),
    yours ? yoursNote(yours) : "",
  );
}

let formCount = 0;

/**
 * A manager's form to answer one piece or report. It is sent to a moderator, who checks it for
 * anything personal before anyone else reads it; the page says so once it is sent.
 */
export function answerForm(target: AnswerTarget, organisationId: string): HTMLElement {
  const feedback = target.target === "feedback";
  const n = ++formCount;
  const statusName = `status-${n}`;
  const textId = `answer-text-${n}`;
  const whyId = `answer-why-${n}`;
  const done = el("div", { class: "panel panel--calm", role: "status", tabindex: "-1", hidden: "" });
  const whyField = el(
    "div",
    { class: "field", "data-field": "why", hidden: "" },
    el("label", { class: "label", for: whyId }, "Why can you not change it?"),
    el("span", { class: "hint", id: `${whyId}-hint` }, "People will read this on the service's page. Say it kindly and plainly."),
    el("textarea", { id: whyId, name: "why", rows: "3", maxlength: "1000", "aria-describedby": `${whyId}-hint` }),
  );
  const form = el(
    "form",
    { class: "answer-form", novalidate: "", "aria-label": feedback ? "Answer this feedback" : "Answer this report" },
    el(
      "div",
      { class: "field", "data-field": "status" },
      el(
        "fieldset",
        {},
        el("legend", {}, "What are you doing about it?"),
        el(
          "div",
          { class: "choices" },
          ...(Object.keys(STATUS_CHOICES) as ResponseStatus[]).map((code) =>
            el("div", { class: "choice" }, el("input", { type: "radio", id: `${statusName}-${code}`, name: "status", value: code }), el("label", { for: `${statusName}-${code}` }, STATUS_CHOICES[code])),
          ),
        ),
      ),
    ),
    el(
      "div",
      { class: "field", "data-field": "text" },
      el("label", { class: "label", for: textId }, "Your answer"),
      el("span", { class: "hint", id: `${textId}-hint` }, `Write to ${feedback ? "the people who gave feedback" : "the group"}, in plain words. Do not name anyone. Up to 1,000 characters.`),
      el("textarea", { id: textId, name: "text", rows: "4", maxlength: "1000", "aria-describedby": `${textId}-hint` }),
    ),
    whyField,
    el("button", { class: "button", type: "submit" }, "Send for checking"),
  );
  form.addEventListener("change", () => {
    const chosen = form.querySelector<HTMLInputElement>("input[name=status]:checked")?.value;
    whyField.hidden = chosen !== "not-possible";
  });
  let sending = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    const data = new FormData(form);
    const status = String(data.get("status") ?? "");
    const text = String(data.get("text") ?? "").trim();
    const why = String(data.get("why") ?? "").trim();
    const problems = [
      ...(status ? [] : [{ field: "status", message: "Choose what you are doing about it." }]),
      ...(text ? [] : [{ field: "text", message: "Write your answer in plain words." }]),
      ...(status === "not-possible" && !why ? [{ field: "why", message: "Say why it is not possible, so people understand." }] : []),
    ];
    if (problems.length) {
      showApiError(form, { code: "request.invalid", message: "", fields: problems });
      return;
    }
    sending = true;
    const query = targetQuery(target, { organisationId });
    const result = await sendStaff<{ waitingForModerator: true }>("POST", `/api/staff/responses?${query}`, { status, text, ...(status === "not-possible" ? { why } : {}) });
    sending = false;
    if (!result.ok) {
      showApiError(form, result.error);
      return;
    }
    clearAllErrors();
    form.reset();
    whyField.hidden = true;
    done.replaceChildren(
      el("h3", { class: "staff-card-title" }, "Thank you: your answer is sent"),
      el("p", {}, `Your answer waits for a moderator to check it for anything personal. Once they have, it shows here${feedback ? " and on the service's page" : ""}.`),
    );
    done.hidden = false;
    done.focus();
  });
  return el("details", { class: "more answer-details" }, el("summary", {}, "Answer this"), done, form);
}

/**
 * "Show on the service's page" or "Stop showing", for a manager. Whether the person agreed is not
 * known here: the API says so (409) and the words are shown beside the button.
 */
export function excerptChoice(pieceId: string, initiallyShown: boolean): HTMLElement {
  let shown = initiallyShown;
  const button = el("button", { class: "button button--secondary", type: "button" });
  const message = el("p", { role: "status", class: "excerpt-message" });
  const label = () => {
    button.textContent = shown ? "Stop showing on the service's page" : "Show on the service's page";
  };
  label();
  button.addEventListener("click", async () => {
    button.disabled = true;
    const result = await sendStaff<{ shown: boolean }>("PUT", `/api/staff/feedback/${encodeURIComponent(pieceId)}/excerpt`, { shown: !shown });
    button.disabled = false;
    if (!result.ok) {
      message.classList.add("excerpt-message--problem");
      message.textContent =
        result.error.code === "voice.not_agreed"
          ? "The person did not say yes to showing their words on the service's page, so they stay private."
          : result.error.code === "voice.too_many"
            ? "The service's page already shows 3 people's words. Stop showing one of them first."
            : result.error.message;
      if (result.error.code === "voice.not_agreed") button.hidden = true;
      return;
    }
    shown = result.data.shown;
    message.classList.remove("excerpt-message--problem");
    message.textContent = shown ? "These words now show on the service's page." : "These words no longer show on the service's page.";
    label();
  });
  return el("div", { class: "excerpt-choice" }, button, message);
}

const days = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);

/** What is still unanswered 28 days after approval, per provider, in words. Hidden when the role cannot see it. */
export async function loadUnanswered(serviceNames: Map<string, string>, groupReportsReadable = false): Promise<void> {
  const section = byId("unanswered");
  const list = byId("unanswered-list");
  const result = await getStaff<Unanswered>("/api/staff/responses/unanswered");
  if (!result.ok) {
    if (result.status === 403) return;
    list.replaceChildren(el("p", {}, `We could not load this: ${result.error.message}`));
    section.hidden = false;
    return;
  }
  const providers = result.data.providers.filter((p) => p.unanswered.length);
  list.replaceChildren(
    ...(providers.length
      ? providers.map((p) =>
          el(
            "div",
            { class: "card" },
            el("h3", { class: "staff-card-title" }, `${p.organisationName}: ${p.unanswered.length} not answered`),
            el(
              "ul",
              {},
              ...p.unanswered.map((u) => {
                const what = u.target === "feedback" ? "Feedback" : "A group report";
                const about = u.serviceId && serviceNames.get(u.serviceId) ? ` about ${serviceNames.get(u.serviceId)}` : "";
                const words = `${what}${about}, approved on ${formatDate(u.approvedAt)}: ${days(u.approvedAt)} days without an answer.`;
                // Feedback shown on this page links to its card; a group report to its card on the group reports page.
                const href =
                  u.target === "feedback"
                    ? document.querySelector(`[data-id="${u.targetId}"]`) && `#piece-${u.targetId}`
                    : groupReportsReadable && `/staff/group-reports/#report-${u.targetId}`;
                return el("li", {}, href ? el("a", { href }, words) : words);
              }),
            ),
          ),
        )
      : [el("p", {}, `Everything approved more than ${UNANSWERED_AFTER_DAYS} days ago has an answer.`)]),
  );
  section.hidden = false;
}
