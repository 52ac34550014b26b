import type { Area, PublicService } from "../../../../functions/domain/directory";
import { one } from "../answers";
import { getJson } from "../api";
import { characterCount } from "../character-count";
import { byId, el } from "../dom";
import { EQUALITY_INTRO, noteEqualityChoice } from "../equality";
import { questionPages } from "../question-pages";
import { feedbackBody, sendFeedback, type FeedbackBody, type FeedbackReceived } from "./send";
import { serviceFinder } from "./services";
import { applies, FIELD_STEP, FIND_SERVICE, QUESTIONS, validate, type FeedbackQuestion } from "./steps";
import { summaryRows } from "./summary";

/**
 * Tell us how it went (J4): one question at a time, in page memory only (question-pages.ts, as
 * /ask/ asks). Anonymous: no name and no way to contact the person is asked for. The address
 * stays /feedback/ throughout, and the tab title never names the service.
 */
export function startFeedback(): void {
  const names = new Map<string, string>();
  // A service page links here as /feedback/?service=<id>: read it before the address is tidied.
  const prefill = new URLSearchParams(window.location.search).get("service");

  const pages = questionPages<FeedbackQuestion, FeedbackReceived>({
    form: byId<HTMLFormElement>("feedback-form"),
    back: byId<HTMLAnchorElement>("feedback-back"),
    progress: byId("feedback-progress"),
    path: "/feedback/",
    questions: QUESTIONS,
    titles: { start: "Tell us how it went", check: "Check your answers", done: "Thank you" },
    fieldStep: FIELD_STEP,
    applies,
    validate(step, answers) {
      // With no list to choose from yet, the problem is shown on the name box.
      if (step === "service" && !one(answers, "serviceId") && !finder.hasChoices()) return [{ field: "service-search", message: FIND_SERVICE }];
      return validate(step, answers);
    },
    label: (field, value) => (field === "serviceId" ? (names.get(value) ?? value) : undefined),
    beforeShow(step) {
      if (step === "service") finder.show(one(pages.answers(), "serviceId"));
      if (step === "check") {
        find("check", "#check-list").replaceChildren(...summaryRows(pages.answers(), pages.labelFor, (question) => pages.change(question)));
      }
    },
    answered(step, skipped) {
      if (step === EQUALITY_INTRO) noteEqualityChoice(pages.answers(), skipped);
    },
    wiped() {
      names.clear();
      finder.clear();
      count.update();
      find("check", "#check-list").replaceChildren();
      find("start", "#start-service").hidden = true;
      find("done", "#done-moderated").hidden = true;
      find("done", "#done-safeguarding").hidden = true;
    },
    sending: {
      body: feedbackBody,
      post: (body, key) => sendFeedback(body as FeedbackBody, key),
      sent(data) {
        find("done", "#done-moderated").hidden = !data.moderated;
        find("done", "#done-safeguarding").hidden = !data.safeguarding;
      },
      problemHeading: "Sorry, we could not send your answers",
      tooMany: "A lot of answers have come from where you are. Please wait a few minutes, then try again.",
    },
  });
  const { find, section } = pages;

  const finder = serviceFinder(
    {
      search: find("service", "#service-search"),
      name: find<HTMLInputElement>("service", "#service-name"),
      area: find<HTMLSelectElement>("service", "#service-area"),
      results: find("service", "#service-results"),
      choices: find("service", "#service-choices"),
      status: find("service", "#service-status"),
      other: find<HTMLButtonElement>("service", "#service-other"),
    },
    names,
  );
  const count = characterCount(find("text", "[data-character-count]"));

  find("service", "#service-find").addEventListener("click", () => void finder.find());
  find("service", "#service-other").addEventListener("click", () => finder.openSearch());
  // Enter in the name box searches, as the Find button does, rather than moving on.
  find("service", "#service-name").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    void finder.find();
  });
  section("service").addEventListener("change", (event) => {
    if ((event.target as HTMLElement).matches("#service-area")) void finder.find();
  });
  pages.begin();

  void getJson<{ areas: Area[] }>("/api/areas").then((result) => {
    if (!result.ok) return;
    find<HTMLSelectElement>("service", "#service-area").append(...result.data.areas.map((area) => el("option", { value: area.id }, area.name)));
  });
  if (prefill) {
    void getJson<{ service: PublicService }>(`/api/services/${encodeURIComponent(prefill)}`).then((result) => {
      const answers = pages.answers();
      if (!result.ok || one(answers, "serviceId") || pages.sent()) return;
      const service = result.data.service;
      // A closed service takes no feedback: the person chooses one as if they had come from the home page.
      if (service.status === "closed") return;
      finder.remember(service);
      answers.serviceId = [service.id];
      const note = find("start", "#start-service");
      note.textContent = `You are telling us about ${service.name}.`;
      note.hidden = false;
    });
  }
}
