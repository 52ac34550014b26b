import type { Route, RouteEvent, RouteEventAction } from "./route";

/**
 * A route is one request's journey with one service (PRODUCT.md J6). This module is the one
 * place that says which status changes are allowed; the inbox and the check-in pages ask it.
 */

export const ROUTE_STATUSES = {
  received: "Received",
  acknowledged: "Acknowledged",
  waiting: "On the waiting list",
  allocated: "A worker has been allocated",
  declined: "Declined, with somewhere else to go",
  closed: "Closed",
  withdrawn: "Withdrawn by the person",
} as const;
export type RouteStatus = keyof typeof ROUTE_STATUSES;

/** What staff (or the person) can do to a route. Contact attempts do not change the status. */
export const ROUTE_ACTIONS = {
  acknowledge: "Acknowledge",
  wait: "Put on the waiting list",
  allocate: "Allocate a worker",
  decline: "Decline, with a signpost",
  close: "Close with an outcome",
  withdraw: "Withdraw (the person's choice)",
} as const;
export type RouteAction = keyof typeof ROUTE_ACTIONS;

/** Where each action leads, and the statuses it may start from. Terminal statuses have no way out. */
const TRANSITIONS: Record<RouteAction, { to: RouteStatus; from: RouteStatus[] }> = {
  acknowledge: { to: "acknowledged", from: ["received"] },
  // Updating the expected wait of someone already waiting is the same action.
  wait: { to: "waiting", from: ["received", "acknowledged", "waiting", "allocated"] },
  allocate: { to: "allocated", from: ["received", "acknowledged", "waiting"] },
  // No dead ends: a service can decline only before it has started work, and must signpost.
  decline: { to: "declined", from: ["received", "acknowledged", "waiting"] },
  close: { to: "closed", from: ["acknowledged", "waiting", "allocated"] },
  withdraw: { to: "withdrawn", from: ["received", "acknowledged", "waiting", "allocated"] },
};

/** How each action and status reads inside a sentence. */
const VERB: Record<RouteAction, string> = {
  acknowledge: "acknowledge",
  wait: "put on the waiting list",
  allocate: "allocate a worker to",
  decline: "decline",
  close: "close",
  withdraw: "withdraw",
};
const STATE: Record<RouteStatus, string> = {
  received: "new",
  acknowledged: "already acknowledged",
  waiting: "on the waiting list",
  allocated: "allocated to a worker",
  declined: "declined",
  closed: "closed",
  withdrawn: "withdrawn",
};

export const TERMINAL_STATUSES: readonly RouteStatus[] = ["declined", "closed", "withdrawn"];

/** The status an action leads to from `from`, or the reason it cannot be done, in plain words. */
export function nextStatus(from: RouteStatus, action: RouteAction): { ok: true; to: RouteStatus } | { ok: false; reason: string } {
  const rule = TRANSITIONS[action];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  if (TERMINAL_STATUSES.includes(from)) {
    return { ok: false, reason: `This request is ${STATE[from]}, so nothing more can be done to it.` };
  }
  return { ok: false, reason: `You cannot ${VERB[action]} a request that is ${STATE[from]}.` };
}

/** The actions open from a status: what the inbox offers as buttons. */
export function actionsFrom(status: RouteStatus): RouteAction[] {
  return (Object.keys(TRANSITIONS) as RouteAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

/** Whether a person can still record contact or check-ins on a route in this status. */
export const isOpen = (status: RouteStatus) => !TERMINAL_STATUSES.includes(status);

/** A route before and after one change, with the history event that records it: saved together. */
export type RouteChange = { before: Route; after: Route; event: RouteEvent };

/** One change to a route: the action, and what it sets on the route and records in its event. */
export type RouteChangeOf = {
  action: Exclude<RouteEventAction, "received">;
  /** The event's id, chosen first so its free text can be sealed to it. */
  id: string;
  at: string;
  /** Fields the change sets on the route (a wait, an allocation, urgency). */
  set?: Partial<Pick<Route, "urgent" | "expectedWaitWeeks" | "checkInEveryWeeks" | "lastContactAt" | "allocatedTo">>;
  /** What the event records beyond the action: who, an outcome, sealed free text. */
  record?: Omit<Partial<RouteEvent>, "id" | "reference" | "serviceId" | "version" | "at" | "action">;
};

/**
 * What the statistics need to know of a change, kept on the route so its figures can be worked
 * out from the route alone (request-stats.ts): the first time the service reached the person,
 * when support started, and when and how it ended.
 */
function milestones(route: Route, status: RouteStatus, change: RouteChangeOf): Partial<Route> {
  const set: Partial<Route> = {};
  if (!route.firstContactAt && change.action === "contact" && change.record?.outcome === "reached") set.firstContactAt = change.at;
  if (!route.startedAt && status === "allocated") set.startedAt = change.at;
  if (isOpen(route.status) && !isOpen(status)) {
    set.endedAt = change.at;
    if (status === "declined") {
      set.outcome = change.record?.reasonCode ?? "not-given";
      if (change.record?.signpostServiceId) set.signpostServiceId = change.record.signpostServiceId;
    }
    if (status === "closed" && change.record?.outcome) set.outcome = change.record.outcome;
  }
  return set;
}

/**
 * The one way a route changes: the status from the transitions above (an action that is not a
 * status change keeps the status, and only an open route takes one), the version one higher, the
 * time, and the event for its history. Says why in plain words when the change is not allowed.
 */
export function changeRoute(route: Route, change: RouteChangeOf): { ok: true; change: RouteChange } | { ok: false; reason: string } {
  let status = route.status;
  if (change.action in TRANSITIONS) {
    const next = nextStatus(route.status, change.action as RouteAction);
    if (!next.ok) return next;
    status = next.to;
  } else if (!isOpen(route.status)) {
    return { ok: false, reason: `This request is ${STATE[route.status]}, so nothing more can be recorded on it.` };
  }
  const version = route.version + 1;
  const after: Route = { ...route, ...change.set, ...milestones(route, status, change), status, updatedAt: change.at, version };
  const event: RouteEvent = { sealed: {}, ...change.record, id: change.id, reference: route.reference, serviceId: route.serviceId, version, at: change.at, action: change.action };
  return { ok: true, change: { before: route, after, event } };
}
