import { formatReference, isReference, tidyReference } from "../../../../functions/domain/request-codes";
import type { RouteStatus } from "../../../../functions/domain/route-status";
import { NEEDS } from "../../../../functions/domain/vocabulary";
import { byId, el } from "../dom";
import { getStaff } from "./api";
import { loadList } from "./list-page";
import { formatDate, formatDateTime, setTitle, showContent, showLoadError, showState, startStaffPage } from "./page";
import { ago, askerWords, statusTag, weeksWords, type AgeBand, type Asker } from "./routes";

/**
 * What the navigator view's API returns (PRODUCT.md J7): for one person who said yes to
 * coordination, each service's stage. Never the free text or contact details meant for one
 * service. Written here, like routes.ts, so no page script pulls zod in.
 */
export type CoordinatedService = {
  serviceId: string;
  serviceName: string;
  organisationName?: string;
  status: RouteStatus;
  urgent: boolean;
  expectedWaitWeeks?: number;
  allocated: boolean;
  lastContactAt?: string;
  checkInOverdue: boolean;
  updatedAt: string;
};

export type Overview = {
  reference: string;
  createdAt: string;
  areaId?: string;
  asker: Asker;
  ageBand?: AgeBand;
  needs: string[];
  urgent: boolean;
  services: CoordinatedService[];
};

/** The link to one person's page in the navigator view. */
export const coordinationHref = (reference: string) => `/staff/coordination/request/?${new URLSearchParams({ ref: reference })}`;

const servicesWords = (count: number) => `${count} ${count === 1 ? "service" : "services"} involved`;

/** "3 days ago (3 March 2026)". */
const when = (iso: string) => el("time", { datetime: iso }, `${ago(iso)} (${formatDate(iso)})`);

/** One person in the list: enough to choose whom to open next, nothing that identifies them. */
function row(overview: Overview): HTMLLIElement {
  const due = overview.services.some((s) => s.checkInOverdue);
  return el(
    "li",
    { class: "card", "data-reference": overview.reference },
    el(
      "h2",
      { class: "staff-card-title inbox-row__title" },
      el("a", { href: coordinationHref(overview.reference) }, el("span", { class: "visually-hidden" }, "Request "), formatReference(overview.reference)),
    ),
    overview.urgent || due
      ? el(
          "ul",
          { class: "inbox-tags" },
          overview.urgent ? el("li", {}, el("span", { class: "tag tag--urgent" }, "Urgent")) : null,
          due ? el("li", {}, el("span", { class: "tag tag--duplicate" }, "Check-in due")) : null,
        )
      : null,
    el("p", {}, askerWords(overview)),
    el("p", {}, "Received ", when(overview.createdAt)),
    el("p", { class: "coordination-count" }, servicesWords(overview.services.length)),
  );
}

/**
 * The navigator's list (J7): people in their area who said yes to coordination, urgent first,
 * then those who have waited longest.
 */
export function startCoordinationList(): Promise<void> {
  return startStaffPage(async () => {
    await loadList("coordination", () => getStaff<{ requests: Overview[] }>("/api/staff/coordination"), ({ requests }, { rows, status }) => {
      rows.replaceChildren(...requests.map(row));
      status.textContent = `Showing ${requests.length} ${requests.length === 1 ? "person" : "people"}.`;
      return requests.length;
    });
  });
}

/** One label and its value in a description list. */
function fact(label: string, ...value: (Node | string)[]): HTMLElement[] {
  return [el("dt", {}, label), el("dd", {}, ...value)];
}

/** One service involved: its stage, wait, worker and last contact. */
function serviceCard(service: CoordinatedService): HTMLLIElement {
  const tags = [
    el("li", {}, statusTag(service.status)),
    service.urgent ? el("li", {}, el("span", { class: "tag tag--urgent" }, "Urgent")) : null,
    service.checkInOverdue ? el("li", {}, el("span", { class: "tag tag--duplicate" }, "Check-in due")) : null,
  ];
  return el(
    "li",
    { class: "card", "data-service": service.serviceId },
    el("h3", { class: "staff-card-title" }, service.serviceName),
    el("ul", { class: "inbox-tags" }, ...tags),
    el(
      "dl",
      { class: "facts" },
      ...fact("Organisation", service.organisationName ?? "Not known"),
      ...(service.expectedWaitWeeks !== undefined ? fact("Expected wait", weeksWords(service.expectedWaitWeeks)) : []),
      ...fact("Worker allocated", service.allocated ? "Yes" : "No"),
      ...fact("Last contact", service.lastContactAt ? when(service.lastContactAt) : "No contact recorded yet"),
      ...fact("Last change", el("time", { datetime: service.updatedAt }, formatDateTime(service.updatedAt))),
    ),
  );
}

function notFound(): void {
  showState("We could not find that request", "Not found", [
    el("p", { class: "lead" }, "It may be for someone outside your area, they may not have said yes to coordination, or the link may be wrong."),
    el("p", {}, el("a", { href: "/staff/coordination/" }, "Go to coordination")),
  ]);
}

/** One person's support on one page: every service involved and the stage it is at. */
export function startCoordinationRequest(): Promise<void> {
  return startStaffPage(async () => {
    const reference = tidyReference(new URLSearchParams(window.location.search).get("ref") ?? "");
    if (!isReference(reference)) {
      notFound();
      return;
    }
    const result = await getStaff<{ request: Overview }>(`/api/staff/coordination/${encodeURIComponent(reference)}`);
    if (!result.ok) {
      if (result.status === 404) notFound();
      else showLoadError(result.status, result.error);
      return;
    }
    const overview = result.data.request;
    byId("page-heading").textContent = `Request ${formatReference(overview.reference)}`;
    setTitle("Coordination");
    byId("coordination-tags").replaceChildren(...(overview.urgent ? [el("li", {}, el("span", { class: "tag tag--urgent" }, "Urgent"))] : []));
    byId("coordination-tags").hidden = !overview.urgent;
    byId("coordination-facts").replaceChildren(
      ...fact("Who", askerWords(overview)),
      ...fact("Help they want", overview.needs.length ? overview.needs.map((n) => NEEDS[n as keyof typeof NEEDS] ?? n).join(", ") : "Not said"),
      ...fact("Received", when(overview.createdAt)),
      ...fact("Services", servicesWords(overview.services.length)),
    );
    byId("coordination-services").replaceChildren(...overview.services.map(serviceCard));
    showContent();
  });
}
