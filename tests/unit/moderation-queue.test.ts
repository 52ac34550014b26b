import { describe, expect, test } from "vitest";
import type { Queued } from "../../site/src/scripts/staff/feedback-words";
import { queueOrder, waitingWords } from "../../site/src/scripts/staff/moderation";

/** The moderation queue's order and its status line (site/src/scripts/staff/moderation.ts). */

const feedback = (receivedAt: string, risk?: { actioned: boolean }): Queued => ({ kind: "feedback", id: `f-${receivedAt}`, serviceName: "A service", receivedAt, ...(risk ? { safeguarding: risk } : {}) });
const report = (receivedAt: string): Queued => ({ kind: "group-report", id: `r-${receivedAt}`, groupId: "g", groupName: "Young voices", receivedAt });
const answer = (receivedAt: string): Queued => ({ kind: "response", target: "feedback", targetId: "t", organisationId: "o", organisationName: "Harbour", receivedAt });

describe("the moderation queue", () => {
  test("feedback that may mean someone is at risk comes first, then every kind oldest first", () => {
    const items = [feedback("2026-12-02T10:00:00Z"), answer("2026-12-01T09:00:00Z"), feedback("2026-12-02T11:00:00Z", { actioned: false }), report("2026-11-30T08:00:00Z"), feedback("2026-11-29T08:00:00Z", { actioned: true })];
    expect(queueOrder(items).map((i) => i.receivedAt)).toEqual(["2026-12-02T11:00:00Z", "2026-11-29T08:00:00Z", "2026-11-30T08:00:00Z", "2026-12-01T09:00:00Z", "2026-12-02T10:00:00Z"]);
  });

  test("the status line counts what is waiting, by kind", () => {
    expect(waitingWords([])).toBe("Nothing is waiting.");
    expect(waitingWords([feedback("a", { actioned: false })])).toBe("Waiting: 1 piece of feedback. It may mean someone is at risk.");
    expect(waitingWords([report("a"), report("b")])).toBe("Waiting: 2 group reports.");
    expect(waitingWords([feedback("a"), feedback("b", { actioned: false }), report("c"), answer("d")])).toBe(
      "Waiting: 2 pieces of feedback, 1 group report and 1 answer from a provider. 1 piece of feedback may mean someone is at risk.",
    );
  });
});
