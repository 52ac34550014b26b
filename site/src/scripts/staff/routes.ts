import type { CloseOutcome, ContactChannel, ContactOutcome, DeclineReason, Feeling } from "../../../../functions/domain/route-labels";
import { ROUTE_STATUSES, type RouteStatus } from "../../../../functions/domain/route-status";
import { AGE_BANDS } from "../../../../functions/domain/support-request-labels";
import { el } from "../dom";

/**
 * What the inbox API returns (the issue 4 contract), and the words the inbox pages share. The
 * types are written here rather than imported from the API's zod module, so no page script can
 * pull zod in by accident.
 */

export type Person = { accountId: string; name: string };

export type Asker = "self" | "child" | "adult-survivor";
export type AgeBand = keyof typeof AGE_BANDS;
export type YesNoUnsure = "yes" | "no" | "not-sure";

export type RouteSummary = {
  reference: string;
  serviceId: string;
  serviceName: string;
  status: RouteStatus;
  urgent: boolean;
  possibleDuplicate: boolean;
  /** On the waiting list and owed a check-in. */
  checkInOverdue: boolean;
  checkInEveryWeeks?: number;
  createdAt: string;
  updatedAt: string;
  asker: Asker;
  ageBand?: AgeBand;
  areaId?: string;
  needs: string[];
  expectedWaitWeeks?: number;
  allocatedTo?: Person;
};

export type InboxAction = "acknowledge" | "wait" | "allocate" | "contact" | "decline" | "close";

export type HistoryEntry = {
  at: string;
  action: "received" | InboxAction | "withdraw" | "feeling" | "sooner" | "contact-changed";
  /** For "sooner": they said it is not safe for them right now. */
  notSafeNow?: boolean;
  by?: Person;
  expectedWaitWeeks?: number;
  allocatedTo?: Person;
  outcome?: ContactOutcome | CloseOutcome | Feeling;
  channel?: ContactChannel;
  reason?: string;
  /** For "decline": the kind of reason (DECLINE_REASONS), counted for commissioners. */
  reasonCode?: DeclineReason;
  signpost?: { serviceId?: string; serviceName?: string; text?: string };
  note?: string;
};

export type RouteDetail = RouteSummary & {
  safeContact: {
    method: string;
    safeDays: string[];
    safeTimes: string[];
    voicemailOk?: boolean;
    sayWhoWeAre?: boolean;
    codeWord?: string;
  };
  contact: { phone?: string; email?: string; trustedAdult?: { name: string; phone: string } };
  message?: string;
  preferences: { workerGender?: string; language?: string; interpreter?: boolean; accessibilityNeeds?: string };
  safeNow?: YesNoUnsure;
  childKnows?: YesNoUnsure;
  supportForMeToo?: boolean;
  possibleDuplicateOf: string[];
  history: HistoryEntry[];
  actions: InboxAction[];
  colleagues: Person[];
};

export type InboxView = "open" | "closed";

export type Inbox = {
  routes: RouteSummary[];
  counts: { all: number; urgent: number; checkInOverdue: number; byStatus: Partial<Record<RouteStatus, number>>; byService: Record<string, number> };
  services: { id: string; name: string }[];
};

/** The statuses each view of the inbox holds (the API's "closed" is every terminal status). */
export const VIEW_STATUSES: Record<InboxView, RouteStatus[]> = {
  open: ["received", "acknowledged", "waiting", "allocated"],
  closed: ["declined", "closed", "withdrawn"],
};

/** Short status names for tags and filters; ROUTE_STATUSES has the full sentence-like labels. */
export const statusLabel = (status: RouteStatus): string => ROUTE_STATUSES[status] ?? status;

/** How a status looks as a tag: new requests stand out, finished ones are quiet. */
export function statusTag(status: RouteStatus): HTMLElement {
  const kind = status === "received" ? "tag" : VIEW_STATUSES.closed.includes(status) ? "tag tag--paused" : "tag tag--open";
  return el("span", { class: kind }, statusLabel(status));
}

/**
 * Who is asking, in staff words: the request's own labels ("For me") speak as the person, which
 * reads wrongly in a list of other people's requests.
 */
const ASKER_WORDS: Record<Asker, string> = {
  self: "Someone asking for themselves",
  child: "A parent or carer asking for their child",
  "adult-survivor": "An adult survivor asking for themselves",
};

/** "A parent or carer asking for their child, aged 11 to 13". */
export function askerWords(route: Pick<RouteSummary, "asker" | "ageBand">): string {
  const who = ASKER_WORDS[route.asker] ?? "Someone asking for support";
  return route.ageBand ? `${who}, aged ${AGE_BANDS[route.ageBand].toLowerCase()}` : `${who}, age not given`;
}

export { ago } from "../dates";

/** "About 6 weeks", "No wait". */
export const weeksWords = (weeks: number) => (weeks === 0 ? "No wait" : `About ${weeks} ${weeks === 1 ? "week" : "weeks"}`);

/** The link to one route's page. */
export const routeHref = (route: Pick<RouteSummary, "reference" | "serviceId">) =>
  `/staff/request/?${new URLSearchParams({ ref: route.reference, service: route.serviceId })}`;
