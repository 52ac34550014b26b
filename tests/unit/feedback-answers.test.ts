import { describe, expect, test } from "vitest";
import { FeedbackSchema } from "../../functions/domain/feedback";
import { EQUALITY_ANSWERS } from "../../functions/domain/equality-labels";
import { countMessage } from "../../site/src/scripts/character-count";
import { ANSWERING_EQUALITY, EQUALITY_ORDER, equalityField } from "../../site/src/scripts/equality";
import { feedbackBody } from "../../site/src/scripts/feedback/send";
import { nameMatches } from "../../site/src/scripts/feedback/services";
import { validate } from "../../site/src/scripts/feedback/steps";

/** What /feedback/ sends, read from its answers, is what the API takes (FeedbackSchema). */

const SERVICE_ID = "72670023-c179-5517-9acf-ac0bddb53173";

describe("the feedback the page sends", () => {
  test("every question answered, with every equality question's last answer, is taken by the API as it is", () => {
    const answers = {
      serviceId: [SERVICE_ID],
      usage: ["could-not-get-in"],
      "scores.listened": ["1"],
      "scores.choice": ["2"],
      "scores.toldOnce": ["3"],
      "scores.safe": ["4"],
      "scores.waitOk": ["5"],
      text: ["It was hard to get through on the phone."],
      [ANSWERING_EQUALITY]: ["yes"],
      ...Object.fromEntries(EQUALITY_ORDER.map((q) => [equalityField(q), [Object.keys(EQUALITY_ANSWERS[q]).at(-1)!]])),
    };
    const body = feedbackBody(answers);
    expect(FeedbackSchema.parse(body)).toEqual(JSON.parse(JSON.stringify(body)));
    expect(body.scores).toEqual({ listened: 1, choice: 2, toldOnce: 3, safe: 4, waitOk: 5 });
    expect(Object.keys(body.equality!)).toEqual([...EQUALITY_ORDER]);
  });

  test("only the service: nothing else is sent, and the API takes it", () => {
    const body = JSON.parse(JSON.stringify(feedbackBody({ serviceId: [SERVICE_ID], "scores.safe": [] })));
    expect(body).toEqual({ serviceId: SERVICE_ID, scores: {}, mayShowPublicly: false });
    expect(FeedbackSchema.safeParse(body).success).toBe(true);
  });

  test("words are shown publicly only after a clear yes, and only when there are words", () => {
    expect(feedbackBody({ serviceId: [SERVICE_ID], text: ["It helped."], mayShowPublicly: ["yes"] }).mayShowPublicly).toBe(true);
    expect(feedbackBody({ serviceId: [SERVICE_ID], text: ["It helped."] }).mayShowPublicly).toBe(false);
    expect(feedbackBody({ serviceId: [SERVICE_ID], text: ["  "], mayShowPublicly: ["yes"] }).mayShowPublicly).toBe(false);
  });

  test("equality answers given and then skipped are not sent", () => {
    const body = feedbackBody({ serviceId: [SERVICE_ID], "equality.gender": ["boy-man"], [ANSWERING_EQUALITY]: [] });
    expect(body.equality).toBeUndefined();
  });

  test("words over 2,000 characters are stopped on their question, never cut", () => {
    expect(validate("text", { text: ["x".repeat(2000)] })).toEqual([]);
    expect(validate("text", { text: ["x".repeat(2001)] })).toEqual([{ field: "text", message: "What you wrote is too long. Use 2,000 characters or fewer." }]);
    expect(countMessage(1999, 2000)).toBe("You have 1 character left.");
    expect(countMessage(2154, 2000)).toBe("You have 154 characters too many.");
  });

  test("only the service must be answered", () => {
    expect(validate("service", {})).toEqual([{ field: "serviceId", message: "Choose the service you want to tell us about." }]);
    expect(validate("usage", {})).toEqual([]);
  });
});

describe("finding a service by its name", () => {
  const harbour = { name: "Harbour Young People's Support (example)", organisation: { id: "x", name: "Harbour Support (example)" } };
  test.each([
    ["harbour", true],
    ["HARBOUR young", true],
    ["young harbour", true],
    ["people's", true],
    ["peoples", true],
    ["people’s", true],
    ["harb", true],
    ["arbour", false],
    ["harbour support", true],
    ["meadow", false],
  ])("%s: %s", (typed, found) => {
    expect(nameMatches(harbour as Parameters<typeof nameMatches>[0], typed)).toBe(found);
  });

  test("accents and & are matched as plain letters and 'and'", () => {
    const service = { name: "Café & Talk", organisation: { id: "x", name: "" } } as Parameters<typeof nameMatches>[0];
    expect(nameMatches(service, "cafe and")).toBe(true);
  });
});
