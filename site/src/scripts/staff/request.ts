import { CLOSE_OUTCOMES, CONTACT_CHANNELS, CONTACT_OUTCOMES, DECLINE_REASONS, FEELINGS } from "../../../../functions/domain/route-labels";
import { formatReference, isReference, tidyReference } from "../../../../functions/domain/request-codes";
import { TIMES_OF_DAY, YES_NO_UNSURE } from "../../../../functions/domain/support-request-labels";
import { DAYS, LANGUAGES, NEEDS, WORKER_GENDERS } from "../../../../functions/domain/vocabulary";
import { getJson, showApiError } from "../api";
import { byId, el } from "../dom";
import { getStaff, sendStaff, type ApiError } from "./api";
import { clearAllErrors, onSubmit, showFormErrors, textOf, type FieldError } from "./form";
import { formatDateTime, setTitle, showContent, showLoadError, showState, showSuccess, startStaffPage } from "./page";
import { askerWords, statusTag, weeksWords, type HistoryEntry, type InboxAction, type RouteDetail } from "./routes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How to get in touch, in staff words (the request's own labels speak as the person). */
const METHOD_WORDS: Record<string, string> = {
  phone: "Phone call",
  text: "Text message",
  email: "Email",
  "trusted-adult": "Through an adult they trust",
  "check-in-only": "Do not contact them: they will check in on OneDoor themselves",
};

/** One label and its value (or values) in a description list. */
function fact(label: string, ...value: (Node | string)[]): HTMLElement[] {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

const listOf = <T extends string>(codes: readonly T[], labels: Record<string, string>) => codes.map((c) => labels[c] ?? c).join(", ");

function yesNo(value: boolean | undefined, yes: string, no: string, unsaid: string): string {
  return value === true ? yes : value === false ? no : unsaid;
}

/** The safe-contact instructions: what must be read before anyone picks up a phone. */
function safeFacts(route: RouteDetail): HTMLElement[] {
  const safe = route.safeContact;
  return [
    ...fact("How to get in touch", METHOD_WORDS[safe.method] ?? safe.method),
    ...fact("Safe days", safe.safeDays.length ? listOf(safe.safeDays, DAYS) : "Not given: ask them when it is safe"),
    ...fact("Safe times", safe.safeTimes.length ? listOf(safe.safeTimes, TIMES_OF_DAY) : "Not given: ask them when it is safe"),
    ...fact("Voicemail", yesNo(safe.voicemailOk, "Yes, you can leave a voicemail", "No: do not leave a voicemail", "Not said: do not leave one")),
    ...fact(
      "Saying who you are",
      yesNo(
        safe.sayWhoWeAre,
        "Yes, you can say who you are and where you are from",
        "No: do not say who you are or where you are from",
        "Not said: do not say until you know you are talking to them",
      ),
    ),
    ...fact(
      "Code word",
      ...(safe.codeWord
        ? [el("span", { class: "inbox-code" }, safe.codeWord), el("span", { class: "hint" }, "Use it so they know it is really you.")]
        : ["None"]),
    ),
  ];
}

function contactFacts(route: RouteDetail): HTMLElement[] {
  const { phone, email, trustedAdult } = route.contact;
  const facts = [
    ...(phone ? fact("Phone", phone) : []),
    ...(email ? fact("Email", el("span", { class: "staff-break" }, email)) : []),
    ...(trustedAdult ? fact("Adult they trust", `${trustedAdult.name}, ${trustedAdult.phone}`) : []),
  ];
  return facts.length ? facts : fact("None given", "They will check in on OneDoor themselves.");
}

function aboutFacts(route: RouteDetail): HTMLElement[] {
  return [
    ...fact("Who", askerWords(route)),
    ...fact("Help they want", route.needs.length ? listOf(route.needs, NEEDS) : "Not said"),
    ...(route.childKnows ? fact("Does the child know they asked?", YES_NO_UNSURE[route.childKnows]) : []),
    ...(route.supportForMeToo ? fact("Support for themselves", "The parent or carer would like support too") : []),
  ];
}

function preferenceFacts(route: RouteDetail): HTMLElement[] {
  const p = route.preferences;
  const facts = [
    ...(p.workerGender ? fact("Worker", WORKER_GENDERS[p.workerGender as keyof typeof WORKER_GENDERS] ?? p.workerGender) : []),
    ...(p.language ? fact("Language", LANGUAGES[p.language as keyof typeof LANGUAGES] ?? p.language) : []),
    ...(p.interpreter !== undefined ? fact("Interpreter", p.interpreter ? "Yes, they would like an interpreter" : "No") : []),
    ...(p.accessibilityNeeds ? fact("What helps them", el("span", { class: "inbox-message" }, p.accessibilityNeeds)) : []),
  ];
  return facts.length ? facts : fact("None given", "They did not ask for anything in particular.");
}

function safety(route: RouteDetail): HTMLElement {
  if (route.safeNow === "no") {
    return el(
      "div",
      { class: "panel inbox-urgent" },
      el("p", {}, el("strong", {}, "They said they are not safe right now.")),
      el("p", {}, "Follow your service's safeguarding procedure today. They were shown the emergency and crisis lines when they asked."),
    );
  }
  if (route.safeNow === "not-sure") return el("p", {}, "They were not sure whether they are safe right now.");
  if (route.safeNow === "yes") return el("p", {}, "They said they are safe right now.");
  return el("p", {}, "They did not answer this question.");
}

/** Who did what, in one sentence, for the history list. */
function happened(entry: HistoryEntry): string {
  const by = entry.by ? ` by ${entry.by.name}` : "";
  const note = entry.note ? ` Note: ${entry.note}` : "";
  switch (entry.action) {
    case "received":
      return "Request received.";
    case "acknowledge":
      return `Acknowledged${by}.`;
    case "wait":
      return `Put on the waiting list${by}${entry.expectedWaitWeeks !== undefined ? `: expected wait ${weeksWords(entry.expectedWaitWeeks).toLowerCase()}` : ""}.`;
    case "allocate":
      return `Allocated to ${entry.allocatedTo?.name ?? "a worker"}${by}.`;
    case "contact": {
      const how = entry.channel ? CONTACT_CHANNELS[entry.channel] : "";
      const outcome = entry.outcome ? CONTACT_OUTCOMES[entry.outcome as keyof typeof CONTACT_OUTCOMES] : "";
      return `Contact attempt${by}${how ? `, ${how.toLowerCase()}` : ""}${outcome ? `: ${outcome.toLowerCase()}` : ""}.${note}`;
    }
    case "decline": {
      const to = entry.signpost?.serviceName ?? entry.signpost?.text;
      const kind = entry.reasonCode ? DECLINE_REASONS[entry.reasonCode] : "";
      return `Declined${by}${kind ? `: ${kind.toLowerCase()}` : ""}.${entry.reason ? ` Reason: ${entry.reason}` : ""}${to ? ` Signposted to: ${to}.` : ""}`;
    }
    case "close": {
      const outcome = entry.outcome ? CLOSE_OUTCOMES[entry.outcome as keyof typeof CLOSE_OUTCOMES] : "";
      return `Closed${by}${outcome ? `: ${outcome.toLowerCase()}` : ""}.${note}`;
    }
    case "withdraw":
      return "Withdrawn by the person.";
    case "feeling": {
      const feeling = entry.outcome ? FEELINGS[entry.outcome as keyof typeof FEELINGS] : "";
      return `They checked in and said they are feeling: ${feeling.toLowerCase() || "not said"}.${note}`;
    }
    case "contact-changed":
      return "They changed how and when to contact them. The details above are the new ones.";
    case "sooner":
      return `They asked to be contacted sooner${entry.notSafeNow ? ", and said it is not safe for them right now" : ""}.${note}`;
    default:
      return `${entry.action}${by}.`;
  }
}

/** What each action says once it is done: the banner takes focus so a screen reader reads it. */
function doneWords(action: InboxAction, route: RouteDetail): [string, string] {
  switch (action) {
    case "acknowledge":
      return ["Request acknowledged", "They will see that their request has been seen."];
    case "wait":
      return ["Added to the waiting list", `Expected wait: ${weeksWords(route.expectedWaitWeeks ?? 0).toLowerCase()}.`];
    case "allocate":
      return ["Worker allocated", `${route.allocatedTo?.name ?? "The worker"} will support them.`];
    case "contact":
      return ["Contact attempt recorded", "It is in the history below."];
    case "decline":
      return ["Request declined", "They will see where they can go instead."];
    case "close":
      return ["Request closed", "It has moved to closed requests in the inbox."];
  }
}

/** The form's field for each field the API names. */
const fieldFor = (apiField: string) => (apiField === "signpostServiceId" || apiField === "signpostText" ? "signpost" : apiField);

/** Checks the answers the API would refuse, so the common mistakes need no round trip. */
function check(action: InboxAction, form: HTMLFormElement): { body?: Record<string, unknown>; errors: FieldError[] } {
  const radio = (name: string) => form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "";
  const errors: FieldError[] = [];
  const optional = (value: string) => (value ? value : undefined);
  switch (action) {
    case "acknowledge":
      return { body: { action }, errors };
    case "wait": {
      const typed = textOf(form, "expectedWaitWeeks");
      const weeks = Number(typed);
      if (!/^\d{1,3}$/.test(typed) || weeks > 104) errors.push({ field: "expectedWaitWeeks", message: "Enter the expected wait as a whole number of weeks, from 0 to 104." });
      const every = textOf(form, "checkInEveryWeeks");
      if (every && (!/^\d{1,2}$/.test(every) || Number(every) < 1 || Number(every) > 12)) {
        errors.push({ field: "checkInEveryWeeks", message: "Enter how often to check in as a whole number of weeks, from 1 to 12." });
      }
      return { body: { action, expectedWaitWeeks: weeks, ...(every ? { checkInEveryWeeks: Number(every) } : {}) }, errors };
    }
    case "allocate": {
      const accountId = textOf(form, "accountId");
      if (!accountId) errors.push({ field: "accountId", message: "Choose the worker who will support them." });
      return { body: { action, accountId }, errors };
    }
    case "contact": {
      const outcome = radio("outcome");
      const channel = radio("channel");
      if (!outcome) errors.push({ field: "outcome", message: "Choose how the contact attempt went." });
      if (!channel) errors.push({ field: "channel", message: "Choose how you tried to get in touch." });
      return { body: { action, outcome, channel, note: optional(textOf(form, "note")) }, errors };
    }
    case "decline": {
      const reasonCode = radio("reasonCode");
      const reason = textOf(form, "reason");
      const signpostServiceId = textOf(form, "signpostServiceId");
      const signpostText = textOf(form, "signpostText");
      if (!reasonCode) errors.push({ field: "reasonCode", message: "Choose what kind of reason it is." });
      if (!reason) errors.push({ field: "reason", message: "Say why your service cannot help." });
      if (!signpostServiceId && !signpostText) {
        errors.push({ field: "signpost", message: "Say where they can go instead: choose a service or type one." });
      }
      return { body: { action, reasonCode, reason, signpostServiceId: optional(signpostServiceId), signpostText: optional(signpostText) }, errors };
    }
    case "close": {
      const outcome = radio("outcome");
      if (!outcome) errors.push({ field: "outcome", message: "Choose why you are closing it." });
      return { body: { action, outcome, note: optional(textOf(form, "note")) }, errors };
    }
  }
}

const ACTIONS: InboxAction[] = ["acknowledge", "wait", "allocate", "contact", "decline", "close"];

/**
 * The services people can be signposted to: those in the areas this service works in (where the
 * person asking lives), national ones included, or the national ones alone for a national service.
 */
async function signpostServices(serviceId: string): Promise<{ id: string; name: string }[]> {
  const own = await getJson<{ service: { areas: { id: string }[] } }>(`/api/services/${encodeURIComponent(serviceId)}`);
  const areas = own.ok && own.data.service.areas.length ? own.data.service.areas.map((a) => a.id) : [""];
  const services = new Map<string, string>();
  await Promise.all(
    areas.map(async (area) => {
      for (let page = 1; page <= 5; page++) {
        const query = new URLSearchParams({ perPage: "50", page: String(page) });
        if (area) query.set("area", area);
        const result = await getJson<{ services: { id: string; name: string }[]; totalPages: number }>(`/api/services?${query}`);
        if (!result.ok) break;
        for (const s of result.data.services) services.set(s.id, s.name);
        if (page >= result.data.totalPages) break;
      }
    }),
  );
  return [...services].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}

function notFound(): void {
  showState("We could not find that request", "Not found", [
    el("p", { class: "lead" }, "It may have been sent to a service that is not your organisation's, or the link may be wrong."),
    el("p", {}, el("a", { href: "/staff/inbox/" }, "Go to the inbox")),
  ]);
}

/**
 * One route (a request to one of the organisation's services): safe-contact instructions first,
 * then contact details, the request, its history, and the actions allowed now.
 */
export function startRequest(): Promise<void> {
  return startStaffPage(async () => {
    const params = new URLSearchParams(window.location.search);
    const reference = tidyReference(params.get("ref") ?? "");
    const serviceId = params.get("service") ?? "";
    if (!isReference(reference) || !UUID.test(serviceId)) {
      notFound();
      return;
    }
    const path = `/api/staff/inbox/${encodeURIComponent(reference)}/${encodeURIComponent(serviceId)}`;
    const signposts = signpostServices(serviceId);
    const result = await getStaff<{ route: RouteDetail }>(path);
    if (!result.ok) {
      if (result.status === 404) notFound();
      else showLoadError(result.status, result.error);
      return;
    }

    const done = byId("route-done");
    const details = Array.from(document.querySelectorAll<HTMLDetailsElement>("details[data-action]"));

    function render(route: RouteDetail): void {
      byId("page-heading").textContent = `Request ${formatReference(route.reference)}`;
      setTitle("Request");
      byId("route-service").textContent = route.serviceName;
      byId("route-tags").replaceChildren(
        el("li", {}, statusTag(route.status)),
        ...(route.urgent ? [el("li", {}, el("span", { class: "tag tag--urgent" }, "Urgent"))] : []),
        ...(route.possibleDuplicate ? [el("li", {}, el("span", { class: "tag tag--duplicate" }, "Possible duplicate"))] : []),
      );
      byId("route-facts").replaceChildren(
        ...fact("Service", route.serviceName),
        ...fact("Received", el("time", { datetime: route.createdAt }, formatDateTime(route.createdAt))),
        ...(route.status === "waiting" && route.expectedWaitWeeks !== undefined ? fact("Expected wait", weeksWords(route.expectedWaitWeeks)) : []),
        ...(route.status === "waiting" && route.checkInEveryWeeks !== undefined
          ? fact("Check in", `Every ${route.checkInEveryWeeks === 1 ? "week" : `${route.checkInEveryWeeks} weeks`}${route.checkInOverdue ? ". A check-in is due now: record a contact attempt." : ""}`)
          : []),
        ...(route.allocatedTo ? fact("Allocated to", route.allocatedTo.name) : []),
      );
      byId("safe-facts").replaceChildren(...safeFacts(route));
      byId("contact-facts").replaceChildren(...contactFacts(route));
      byId("route-message").replaceChildren(route.message ? el("p", { class: "inbox-message" }, route.message) : el("p", { class: "muted" }, "They did not add a message."));
      byId("about-facts").replaceChildren(...aboutFacts(route));
      byId("preference-facts").replaceChildren(...preferenceFacts(route));
      byId("route-safety").replaceChildren(safety(route));
      byId("duplicates").hidden = route.possibleDuplicateOf.length === 0;
      byId("duplicate-list").replaceChildren(
        ...route.possibleDuplicateOf.map((ref) => el("li", {}, el("span", { class: "inbox-code" }, formatReference(ref)))),
      );
      byId("route-history").replaceChildren(
        ...route.history.map((entry) => el("li", {}, el("time", { datetime: entry.at }, formatDateTime(entry.at)), " ", happened(entry))),
      );

      for (const item of details) {
        item.hidden = !route.actions.includes(item.dataset.action as InboxAction);
        item.open = false;
        item.querySelector("form")?.reset();
      }
      byId("no-actions").hidden = route.actions.length > 0;
      byId("some-actions").hidden = route.actions.length === 0;
      const worker = byId<HTMLSelectElement>("allocate-worker");
      worker.replaceChildren(
        el("option", { value: "" }, "Choose a worker"),
        ...route.colleagues.map((c) => el("option", { value: c.accountId }, c.name)),
      );
    }

    render(result.data.route);

    // One form open at a time: the others close, so only the chosen action's fields show.
    for (const item of details) {
      item.addEventListener("toggle", () => {
        if (!item.open) return;
        for (const other of details) if (other !== item) other.open = false;
      });
    }

    for (const action of ACTIONS) {
      const form = byId<HTMLFormElement>(`action-${action}`);
      onSubmit(form, async () => {
        done.hidden = true;
        const { body, errors } = check(action, form);
        if (errors.length || !body) {
          showFormErrors(form, errors);
          return;
        }
        const sent = await sendStaff<{ route: RouteDetail }>("POST", `${path}/actions`, body);
        if (!sent.ok) {
          showActionError(form, action, sent.status, sent.error);
          return;
        }
        clearAllErrors();
        render(sent.data.route);
        const [heading, line] = doneWords(action, sent.data.route);
        showSuccess(done, heading, el("p", {}, line));
      });
    }

    function showActionError(form: HTMLFormElement, action: InboxAction, status: number, error: ApiError): void {
      if (status === 404) {
        notFound();
        return;
      }
      // A 409 (someone else changed it first) and other problems belong to no field: the
      // summary's link goes to the form's button.
      showApiError(form, error, { fieldFor, linkTo: `${action}-submit` });
    }

    showContent();
    // A service cannot signpost to itself. If the directory does not load, typing one still works.
    const others = (await signposts).filter((s) => s.id !== serviceId);
    byId<HTMLSelectElement>("decline-signpost-service").append(...others.map((s) => el("option", { value: s.id }, s.name)));
  });
}
