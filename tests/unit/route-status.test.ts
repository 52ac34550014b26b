import { describe, expect, test } from "vitest";
import type { Route } from "../../functions/domain/route";
import { actionsFrom, changeRoute, isOpen, nextStatus, ROUTE_ACTIONS, ROUTE_STATUSES, TERMINAL_STATUSES, type RouteAction, type RouteStatus } from "../../functions/domain/route-status";

const STATUSES = Object.keys(ROUTE_STATUSES) as RouteStatus[];
const ACTIONS = Object.keys(ROUTE_ACTIONS) as RouteAction[];

describe("route status transitions", () => {
  test.each([
    ["received", "acknowledge", "acknowledged"],
    ["received", "wait", "waiting"],
    ["acknowledged", "wait", "waiting"],
    ["waiting", "wait", "waiting"],
    ["waiting", "allocate", "allocated"],
    ["allocated", "wait", "waiting"],
    ["received", "decline", "declined"],
    ["waiting", "decline", "declined"],
    ["allocated", "close", "closed"],
    ["waiting", "withdraw", "withdrawn"],
  ] as const)("%s --%s--> %s", (from, action, to) => {
    expect(nextStatus(from, action)).toEqual({ ok: true, to });
  });

  test.each([
    ["received", "close", "You cannot close a request that is new."],
    ["allocated", "decline", "You cannot decline a request that is allocated to a worker."],
    ["acknowledged", "acknowledge", "You cannot acknowledge a request that is already acknowledged."],
  ] as const)("%s cannot %s", (from, action, reason) => {
    expect(nextStatus(from, action)).toEqual({ ok: false, reason });
  });

  test("nothing leaves a terminal status, and the reason says so", () => {
    for (const from of TERMINAL_STATUSES) {
      expect(actionsFrom(from)).toEqual([]);
      expect(isOpen(from)).toBe(false);
      for (const action of ACTIONS) {
        const result = nextStatus(from, action);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(/nothing more can be done/);
      }
    }
  });

  test("every open status has a way forward and can be withdrawn by the person", () => {
    for (const status of STATUSES.filter(isOpen)) {
      expect(actionsFrom(status).length).toBeGreaterThan(0);
      expect(actionsFrom(status)).toContain("withdraw");
    }
  });

  test("actionsFrom agrees with nextStatus for every pair", () => {
    for (const from of STATUSES) for (const action of ACTIONS) expect(actionsFrom(from).includes(action)).toBe(nextStatus(from, action).ok);
  });
});

describe("changeRoute: the one way a route changes", () => {
  const route: Route = {
    reference: "ABCD2345EF",
    serviceId: "11111111-1111-4111-8111-111111111111",
    organisationId: "22222222-2222-4222-8222-222222222222",
    status: "waiting",
    urgent: false,
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: "2026-11-02T09:00:00.000Z",
    version: 3,
    asker: "self",
    needs: [],
    possibleDuplicateOf: [],
  };
  const id = "33333333-3333-4333-8333-333333333333";
  const at = "2026-12-01T10:00:00.000Z";

  test("a status action moves the status, the version and the time, and makes its event", () => {
    const result = changeRoute(route, { action: "allocate", id, at, set: { allocatedTo: { accountId: id, name: "Sam" } }, record: { by: { accountId: id, name: "Sam" } } });
    expect(result).toEqual({
      ok: true,
      change: {
        before: route,
        // Support starts when a worker is allocated: the milestone the statistics count.
        after: { ...route, status: "allocated", version: 4, updatedAt: at, startedAt: at, allocatedTo: { accountId: id, name: "Sam" } },
        event: { id, reference: route.reference, serviceId: route.serviceId, version: 4, at, action: "allocate", by: { accountId: id, name: "Sam" }, sealed: {} },
      },
    });
  });

  test("the milestones are set once: first reached, support started, and how it ended", () => {
    const reached = changeRoute(route, { action: "contact", id, at, record: { outcome: "reached" } });
    expect(reached.ok && reached.change.after.firstContactAt).toBe(at);
    const later = "2026-12-02T10:00:00.000Z";
    const again = changeRoute({ ...route, firstContactAt: at }, { action: "contact", id, at: later, record: { outcome: "reached" } });
    expect(again.ok && again.change.after.firstContactAt).toBe(at);
    const noAnswer = changeRoute(route, { action: "contact", id, at, record: { outcome: "no-answer" } });
    expect(noAnswer.ok && noAnswer.change.after.firstContactAt).toBeUndefined();
    const declined = changeRoute(route, { action: "decline", id, at, record: { reasonCode: "full", signpostServiceId: id } });
    expect(declined.ok && declined.change.after).toMatchObject({ endedAt: at, outcome: "full", signpostServiceId: id });
    const closed = changeRoute({ ...route, status: "allocated" }, { action: "close", id, at, record: { outcome: "support-completed" } });
    expect(closed.ok && closed.change.after).toMatchObject({ endedAt: at, outcome: "support-completed" });
  });

  test("a note from the person keeps the status but still versions the route", () => {
    const result = changeRoute(route, { action: "feeling", id, at, set: { urgent: true }, record: { outcome: "really-bad" } });
    expect(result.ok && result.change.after).toMatchObject({ status: "waiting", urgent: true, version: 4 });
    expect(result.ok && result.change.event).toMatchObject({ action: "feeling", outcome: "really-bad", version: 4 });
  });

  test("an action the transitions refuse, or any note on a finished route, is refused with the reason", () => {
    expect(changeRoute(route, { action: "acknowledge", id, at })).toEqual({ ok: false, reason: "You cannot acknowledge a request that is on the waiting list." });
    for (const status of TERMINAL_STATUSES) {
      for (const action of ["contact", "feeling", "sooner", "contact-changed"] as const) {
        const result = changeRoute({ ...route, status }, { action, id, at });
        expect(result).toEqual({ ok: false, reason: expect.stringMatching(/nothing more can be recorded/) });
      }
    }
  });
});
