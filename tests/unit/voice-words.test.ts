import { expect, test } from "vitest";
import { RESPONSE_STATUSES as BROWSER_STATUSES, UNANSWERED_AFTER_DAYS as BROWSER_DAYS } from "../../functions/domain/response-labels";
import { RESPONSE_STATUSES, ResponseInputSchema, UNANSWERED_AFTER_DAYS } from "../../functions/domain/responses";
import { averageWords } from "../../site/src/scripts/render-voice";

test("an average on the 1–5 scale reads as words, from almost everyone agreeing to almost nobody", () => {
  expect([5, 4.5, 4.4, 3.5, 3, 2.5, 2, 1.5, 1].map(averageWords)).toEqual([
    "Almost everyone agreed",
    "Almost everyone agreed",
    "Most people agreed",
    "Most people agreed",
    "People felt different things about this",
    "Most people did not agree",
    "Most people did not agree",
    "Almost nobody agreed",
    "Almost nobody agreed",
  ]);
});

test("the browser's response words are the ones the API checks answers against", () => {
  expect(BROWSER_STATUSES).toBe(RESPONSE_STATUSES);
  expect(BROWSER_DAYS).toBe(UNANSWERED_AFTER_DAYS);
  for (const status of Object.keys(BROWSER_STATUSES)) expect(ResponseInputSchema.safeParse({ status, text: "We hear you.", why: "Because." }).success).toBe(true);
});
