import type { Area, PublicService } from "../../../../functions/domain/directory";
import { formatCheckInCode, formatReference } from "../../../../functions/domain/request-codes";
import { getJson } from "../api";
import { byId, el } from "../dom";
import { one, readFields } from "../answers";
import { EQUALITY_INTRO, noteEqualityChoice } from "../equality";
import { questionPages } from "../question-pages";
import { showMethodBoxes } from "../safe-contact";
import { requestBody, sendRequest, type Sent } from "./send";
import { serviceList } from "./services";
import { summaryRows } from "./summary";
import { applies, FIELD_STEP, fieldApplies, formFieldFor, QUESTIONS, validate } from "./steps";

/**
 * Ask for support (J2): one question at a time, in page memory only (question-pages.ts). The
 * address stays /ask/ throughout.
 */
export function startAsk(): void {
  const names = new Map<string, string>();
  // A service page links here as /ask/?service=<id>: read it before the address is tidied.
  const prefill = new URLSearchParams(window.location.search).get("service");

  const pages = questionPages<(typeof QUESTIONS)[number], Sent>({
    form: byId<HTMLFormElement>("ask-form"),
    back: byId<HTMLAnchorElement>("ask-back"),
    progress: byId("ask-progress"),
    path: "/ask/",
    questions: QUESTIONS,
    titles: { start: "Ask for support", check: "Check your answers", done: "Request sent" },
    fieldStep: FIELD_STEP,
    applies,
    validate,
    formFieldFor,
    label: (field, value) => (field === "serviceIds" || field === "consentServiceIds" ? (names.get(value) ?? value) : undefined),
    beforeShow(step) {
      if (step === "services") services.show(pages.answers());
      if (step === "consent") showConsentChoices();
      if (step === "check") showCheck();
      wordForAsker();
    },
    answered(step, skipped) {
      // A service added after saying yes to sharing needs its own yes: ask that question again.
      if (step === "services" && !skipped && validate("consent", pages.answers()).length) pages.askAgain("consent");
      if (step === EQUALITY_INTRO) noteEqualityChoice(pages.answers(), skipped);
    },
    wiped() {
      names.clear();
      services.clear();
      find("consent", "#consent-choices").replaceChildren();
      find("check", "#check-list").replaceChildren();
      find("done", "#done-reference").textContent = "";
      find("done", "#done-code").textContent = "";
      find("safe-now", "#urgent-now").hidden = true;
      find("done", "#urgent-done").hidden = true;
      find("start", "#start-service").hidden = true;
      showContactBoxes();
    },
    sending: {
      body: (answers) => requestBody(answers, fieldApplies(answers)),
      post: (body, key) => sendRequest(body as Record<string, unknown>, key),
      sent(data) {
        find("done", "#done-reference").textContent = formatReference(data.reference);
        find("done", "#done-code").textContent = formatCheckInCode(data.checkInCode);
        find("done", "#urgent-done").hidden = !data.urgent;
      },
      problemHeading: "Sorry, we could not send your request",
      tooMany: "You have tried a lot of times. Please wait a minute, then try again.",
    },
  });
  const { find, section } = pages;

  const services = serviceList(
    { choices: find("services", "#service-choices"), status: find("services", "#services-status"), more: find<HTMLButtonElement>("services", "#services-more") },
    names,
  );

  /** Some questions are worded for a parent or carer asking for a child. */
  function wordForAsker() {
    const child = one(pages.answers(), "asker") === "child";
    for (const step of ["start", ...QUESTIONS, "check", "done"] as const) {
      for (const node of Array.from(section(step).querySelectorAll<HTMLElement>("[data-child-text]"))) {
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
    const answers = pages.answers();
    const agreed = answers.consentServiceIds ?? [];
    find("consent", "#consent-choices").replaceChildren(
      ...(answers.serviceIds ?? []).map((id) => {
        const inputId = `consentServiceIds-${id}`;
        const input = el("input", { type: "checkbox", id: inputId, name: "consentServiceIds", value: id });
        input.checked = agreed.includes(id);
        return el("div", { class: "choice" }, input, el("label", { for: inputId }, `Yes, ${names.get(id) ?? "this service"} can see my answers`));
      }),
    );
  }

  function showCheck() {
    find("check", "#check-list").replaceChildren(...summaryRows(pages.answers(), pages.labelFor, (step) => pages.change(step)));
  }

  section("services").addEventListener("click", (event) => {
    if ((event.target as HTMLElement).closest("#services-more")) services.more(pages.answers());
  });
  section("contact").addEventListener("change", showContactBoxes);
  section("safe-now").addEventListener("change", showUrgentNow);
  pages.begin();

  void getJson<{ areas: Area[] }>("/api/areas").then((result) => {
    if (!result.ok) return;
    find<HTMLSelectElement>("area", "#areaId").append(...result.data.areas.map((area) => el("option", { value: area.id }, area.name)));
  });
  if (prefill) {
    void getJson<{ service: PublicService }>(`/api/services/${encodeURIComponent(prefill)}`).then((result) => {
      const answers = pages.answers();
      if (!result.ok || answers.serviceIds?.length || pages.sent()) return;
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
