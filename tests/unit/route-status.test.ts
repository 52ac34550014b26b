import { describe, expect, test } from "vitest";
import { actionsFrom, isOpen, nextStatus, ROUTE_ACTIONS, ROUTE_STATUSES, TERMINAL_STATUSES, type RouteAction, type RouteStatus } from "../../functions/domain/route-status";

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
