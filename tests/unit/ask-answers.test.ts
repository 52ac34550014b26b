import { describe, expect, test } from "vitest";
import { EQUALITY_ANSWERS } from "../../functions/domain/equality-labels";
import { SupportRequestSchema } from "../../functions/domain/support-request";
import { ANSWERING_EQUALITY, equalityField } from "../../site/src/scripts/equality";
import { requestBody } from "../../site/src/scripts/ask/send";
import { ASKED_EQUALITY, fieldApplies, questionsFor } from "../../site/src/scripts/ask/steps";

/** What /ask/ sends about the person (the optional equality questions) is what the API takes. */

const SERVICE_ID = "72670023-c179-5517-9acf-ac0bddb53173";
const essentials = {
  asker: ["self"],
  serviceIds: [SERVICE_ID],
  consentServiceIds: [SERVICE_ID],
  "contact.method": ["check-in-only"],
};
const lastAnswers = Object.fromEntries(ASKED_EQUALITY.map((q) => [equalityField(q), [Object.keys(EQUALITY_ANSWERS[q]).at(-1)!]]));
const bodyOf = (answers: Record<string, string[]>) => requestBody(answers, fieldApplies(answers));

describe("the questions about the person on /ask/", () => {
  test("every one answered is sent apart from the request, without the age (asked already), and the API takes it", () => {
    const answers = { ...essentials, [ANSWERING_EQUALITY]: ["yes"], ...lastAnswers };
    const body = bodyOf(answers);
    expect(Object.keys(body.equality as object)).toEqual([...ASKED_EQUALITY]);
    expect(ASKED_EQUALITY).not.toContain("ageBand");
    const parsed = SupportRequestSchema.safeParse(body);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.equality).toEqual(body.equality);
  });

  test("skipping them all sends none, even answers given before skipping", () => {
    const body = bodyOf({ ...essentials, [ANSWERING_EQUALITY]: [], ...lastAnswers });
    expect(body.equality).toBeUndefined();
    expect(questionsFor({ ...essentials, [ANSWERING_EQUALITY]: [] })).toContain("equality");
    expect(questionsFor({ ...essentials, [ANSWERING_EQUALITY]: [] }).filter((q) => q.startsWith("equality-"))).toEqual([]);
  });

  test("a parent or carer asking for a child is not asked them, and sends none", () => {
    const answers = { ...essentials, asker: ["child"], [ANSWERING_EQUALITY]: ["yes"], ...lastAnswers };
    expect(questionsFor(answers).filter((q) => q.startsWith("equality"))).toEqual([]);
    expect(bodyOf(answers).equality).toBeUndefined();
  });

  test("answering them adds one page a question to the count", () => {
    const skipping = questionsFor({ ...essentials, [ANSWERING_EQUALITY]: [] }).length;
    expect(questionsFor({ ...essentials, [ANSWERING_EQUALITY]: ["yes"] }).length).toBe(skipping + ASKED_EQUALITY.length);
  });
});
