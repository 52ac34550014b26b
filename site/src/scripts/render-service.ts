import type { PublicService } from "../../../functions/domain/directory";
import { describeOpeningTimes } from "../../../functions/domain/opening-times";
import { AUDIENCES, DELIVERY_MODES, LANGUAGES, ACCESSIBILITY, NEEDS, SERVICE_STATUSES } from "../../../functions/domain/vocabulary";
import { takesRequests } from "../../../functions/domain/takes-requests";
import { el } from "./dom";

/** Waits older than this are shown with a warning that they may have changed. */
const STALE_WAIT_DAYS = 56;

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });

/** Labels as one phrase: "Phone, text message, in person". */
function phrase<T extends string>(codes: T[], labels: Record<T, string>): string {
  return codes.map((c, i) => (i ? labels[c].toLowerCase() : labels[c])).join(", ");
}

/** "Young people, parents and carers. Ages 11 to 18." */
export function whoItIsFor(service: PublicService): string {
  const who = phrase(service.audiences, AUDIENCES);
  const { minAge, maxAge } = service;
  let ages = "";
  if (minAge !== undefined && maxAge !== undefined) ages = ` Ages ${minAge} to ${maxAge}.`;
  else if (minAge !== undefined) ages = ` Ages ${minAge} and over.`;
  else if (maxAge !== undefined) ages = ` Up to age ${maxAge}.`;
  return `${who}.${ages}`;
}

/** The expected wait in plain words, with when it was last updated. */
export function expectedWait(service: PublicService, now = new Date()): string {
  const weeks = service.expectedWaitWeeks;
  const updated = new Date(service.waitUpdatedAt);
  const wait =
    weeks === null
      ? "Not known. You can ask when you get in touch."
      : weeks === 0
        ? "No wait right now."
        : `About ${weeks} ${weeks === 1 ? "week" : "weeks"}.`;
  const stale = (now.getTime() - updated.getTime()) / 86_400_000 > STALE_WAIT_DAYS;
  return `${wait} Updated ${longDate.format(updated)}${stale ? ", so it may have changed." : "."}`;
}

export function selfReferral(service: PublicService): string {
  return service.acceptsSelfReferral
    ? "Yes. You can ask for support yourself."
    : "No. Someone like a teacher, doctor or social worker needs to ask for you. You can still call them to talk about it.";
}

/** The ways to get in touch, as links a phone can act on. */
export function contactList(service: PublicService): HTMLUListElement {
  const { phone, text, email, website } = service.contact;
  const digits = (n: string) => n.replace(/\s/g, "");
  return el(
    "ul",
    { class: "contact-list" },
    phone && el("li", {}, el("a", { href: `tel:${digits(phone)}` }, `Call ${phone}`)),
    text && el("li", {}, el("a", { href: `sms:${digits(text)}` }, `Text ${text}`)),
    email && el("li", {}, el("a", { href: `mailto:${email}` }, `Email ${email}`)),
    website && el("li", {}, el("a", { href: website, rel: "noreferrer" }, "Visit their website"), " (this leaves OneDoor)"),
  );
}

/**
 * The way to ask a service for support through OneDoor (J2), for services that take requests
 * from people themselves and are open to new ones.
 * Its words stay "Ask for support": the card it sits in says which service (WCAG 2.4.4).
 */
export function askLink(service: PublicService): HTMLElement | null {
  if (!takesRequests(service)) return null;
  return el("p", {}, el("a", { class: "button button--secondary", href: `/ask/?service=${encodeURIComponent(service.id)}` }, "Ask for support"));
}

/**
 * The way to tell us how it went with a service (J4). Closed services take no feedback.
 * Its words stay the same on every service: the page it is on says which service.
 */
export function feedbackLink(service: PublicService): HTMLElement | null {
  if (service.status === "closed") return null;
  return el("p", {}, el("a", { class: "button button--secondary", href: `/feedback/?service=${encodeURIComponent(service.id)}` }, "Tell us how it went"));
}

function fact(term: string, ...details: (Node | string | null | false | undefined)[]): Node[] {
  return [el("dt", {}, term), el("dd", {}, ...details)];
}

function tags(service: PublicService): HTMLElement | null {
  const items = [
    service.isExample && el("span", { class: "tag" }, "Example service, not real"),
    service.status !== "active" && el("span", { class: "tag tag--paused" }, SERVICE_STATUSES[service.status]),
  ].filter(Boolean) as HTMLElement[];
  return items.length ? el("p", {}, ...items.flatMap((t, i) => (i ? [" ", t] : [t]))) : null;
}

/** One search result: enough to decide whether to get in touch, and a link to the full page. */
export function serviceCard(service: PublicService): HTMLLIElement {
  const dl = el("dl", { class: "facts" });
  dl.append(
    ...fact("Who it is for", whoItIsFor(service)),
    ...fact("What happens when you get in touch", service.whatHappens),
    ...fact("Expected wait", expectedWait(service)),
    ...fact("Can I ask for help myself?", selfReferral(service)),
    ...fact("How to get in touch", contactList(service)),
  );
  return el(
    "li",
    { class: "card" },
    el("h3", {}, el("a", { href: `/service/?id=${encodeURIComponent(service.id)}` }, service.name)),
    service.organisation.name && el("p", { class: "card__org" }, `Run by ${service.organisation.name}`),
    tags(service),
    el("p", {}, service.description),
    dl,
    askLink(service),
  );
}

/** Everything a person needs to know about one service, for its own page. */
export function serviceDetails(service: PublicService): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const access = [...new Set([...service.accessibility, ...service.locations.flatMap((l) => l.accessibility)])];
  const facts = el("dl", { class: "facts" });
  facts.append(
    ...fact("Who it is for", whoItIsFor(service)),
    ...fact("What help it gives", phrase(service.needs, NEEDS)),
    ...fact("How you get help", phrase(service.deliveryModes, DELIVERY_MODES)),
    ...fact("Expected wait", expectedWait(service)),
    ...fact("Can I ask for help myself?", selfReferral(service)),
    ...fact("Where it works", service.national ? "Anywhere in England." : `${service.areas.map((a) => a.name).join(", ")}.`),
    ...fact("Languages", service.languages.map((l) => LANGUAGES[l]).join(", ")),
    ...(access.length ? fact("Accessibility", phrase(access, ACCESSIBILITY)) : []),
    ...(service.lgbtqFriendly ? fact("LGBTQ+", "This service is LGBTQ+ friendly.") : []),
    ...(service.boysAndYoungMen ? fact("Boys and young men", "Boys and young men are very welcome.") : []),
  );
  fragment.append(
    tags(service) ?? "",
    el("p", { class: "lead" }, service.description),
    service.organisation.name ? el("p", { class: "muted" }, `Run by ${service.organisation.name}.`) : "",
    el("h2", {}, "What happens when you get in touch"),
    el("p", {}, service.whatHappens),
    el("h2", { id: "contact" }, "How to get in touch"),
    contactList(service),
    service.status === "active" ? el("p", {}, "Or ask for support here. Answer a few questions once, and we will send them to this service.") : "",
    askLink(service) ?? "",
    service.openingTimes.length ? el("h3", {}, "Opening times") : "",
    service.openingTimes.length ? el("ul", {}, ...service.openingTimes.map((t) => el("li", {}, describeOpeningTimes(t)))) : "",
    el("h2", {}, "About this service"),
    facts,
  );
  if (service.locations.length) {
    fragment.append(
      el("h2", {}, service.locations.length === 1 ? "Where to find it" : "Where to find them"),
      el(
        "ul",
        {},
        ...service.locations.map((l) => el("li", {}, `${l.name}, ${l.address}, ${l.town}, ${l.postcode}`)),
      ),
    );
  }
  const feedback = feedbackLink(service);
  if (feedback) {
    fragment.append(
      el("h2", {}, "Used this service?"),
      el("p", {}, "Tell us what it was like, or what waiting for it is like. You do not give your name."),
      feedback,
    );
  }
  return fragment;
}
