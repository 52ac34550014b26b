import { el } from "../dom";
import type { CheckInService, Signpost } from "./api";


import { ago, formatDate } from "../dates";

/** "3 days ago (3 March 2026)" in a <time>, so the date is there for anyone who wants it. */
export const when = (iso: string) => el("time", { datetime: iso }, `${ago(iso)} (${formatDate(iso)})`);

/** "About 6 weeks", or "No wait". */
export const waitWords = (weeks: number) => (weeks === 0 ? "No wait" : `About ${weeks} ${weeks === 1 ? "week" : "weeks"}`);

/** Where a service that cannot help says to go instead. A named service links to its page. */
function signpostPanel(signpost: Signpost): HTMLElement {
  const named = signpost.serviceName
    ? el(
        "p",
        {},
        signpost.serviceId
          ? el("a", { href: `/service/?id=${encodeURIComponent(signpost.serviceId)}` }, signpost.serviceName)
          : el("strong", {}, signpost.serviceName),
      )
    : null;
  return el(
    "div",
    { class: "checkin-signpost" },
    el("p", { class: "checkin-signpost__title" }, "Where you can go instead"),
    named,
    signpost.text ? el("p", { class: "checkin-signpost__text" }, signpost.text) : null,
  );
}

/**
 * One service's card: its name, its stage in plain words, the wait, when it last changed and,
 * if it cannot help, where to go instead. Text only: nothing from the API becomes HTML.
 */
export function serviceCard(service: CheckInService): HTMLLIElement {
  const facts = el("dl", { class: "facts checkin-facts" });
  if (service.expectedWaitWeeks !== undefined && service.expectedWaitWeeks !== null) {
    facts.append(el("dt", {}, "How long you might wait"), el("dd", {}, waitWords(service.expectedWaitWeeks)));
  }
  facts.append(el("dt", {}, "Last changed"), el("dd", {}, when(service.updatedAt)));
  const signpost = service.signpost && (service.signpost.serviceName || service.signpost.text) ? signpostPanel(service.signpost) : null;
  return el(
    "li",
    { class: "card checkin-service", "data-service-id": service.serviceId, "data-status": service.status },
    el("h3", {}, service.serviceName),
    el("p", { class: "checkin-stage" }, service.stage),
    facts,
    signpost,
    // What the person can do about this one service (stop asking it): actions.ts fills this.
    el("div", { "data-service-actions": "", hidden: "" }),
    // Tell us how it went with it: feedback.ts fills this.
    el("div", { "data-service-feedback": "", hidden: "" }),
  );
}
