import { describe, expect, test } from "vitest";
import { fieldErrorsOf } from "../../functions/errors";
import {
  EQUALITY_AGE_BANDS,
  EQUALITY_ANSWERS,
  EQUALITY_QUESTIONS,
  EQUALITY_WHY_WE_ASK,
  EqualityAnswersSchema,
  ETHNIC_GROUP_OF,
  ETHNIC_GROUPS,
  ethnicGroupOf,
  ETHNICITIES,
  PREFER_NOT_TO_SAY,
  type EqualityQuestion,
  type Ethnicity,
} from "../../functions/domain/equality";
import { AGE_BANDS } from "../../functions/domain/support-request";

const questions = Object.keys(EQUALITY_ANSWERS) as EqualityQuestion[];
const problems = (input: unknown) => {
  const result = EqualityAnswersSchema.safeParse(input);
  return result.success ? [] : fieldErrorsOf(result.error);
};

describe("equality answers", () => {
  test("every question can be skipped: no answers at all is fine", () => {
    expect(EqualityAnswersSchema.parse({})).toEqual({});
  });

  test.each(questions.flatMap((q) => Object.keys(EQUALITY_ANSWERS[q]).map((code) => [q, code] as const)))("accepts %s: %s", (question, code) => {
    expect(EqualityAnswersSchema.parse({ [question]: code })).toEqual({ [question]: code });
  });

  test("accepts every question answered at once", () => {
    const all = Object.fromEntries(questions.map((q) => [q, PREFER_NOT_TO_SAY]));
    expect(EqualityAnswersSchema.parse(all)).toEqual(all);
  });

  test.each(questions)("refuses an answer that is not on the list for %s, naming the question", (question) => {
    expect(problems({ [question]: "martian" })).toEqual([{ field: question, message: "Choose an answer from the list, or skip the question." }]);
  });

  test("refuses labels in place of codes, and free text", () => {
    expect(problems({ religion: "Muslim" })[0]?.field).toBe("religion");
    expect(problems({ gender: "I'd rather describe it myself" })[0]?.field).toBe("gender");
    expect(problems({ ethnicity: 3 })[0]?.field).toBe("ethnicity");
  });

  test("refuses questions OneDoor does not ask, saying which", () => {
    expect(problems({ ageBand: "11-13", name: "Sam", postcode: "BS5 6XX" })).toEqual([
      { field: "request", message: "These are not questions OneDoor asks: name, postcode." },
    ]);
  });

  test("refuses anything that is not a set of answers", () => {
    expect(problems(null)).toEqual([{ field: "request", message: "Send the equality answers as each question with its answer." }]);
    expect(problems(["white-irish"])[0]?.message).toBe("Send the equality answers as each question with its answer.");
  });
});

describe("equality questions and their answers", () => {
  test.each(questions)("%s has \"I'd rather not say\"", (question) => {
    expect(EQUALITY_ANSWERS[question]).toHaveProperty(PREFER_NOT_TO_SAY, "I'd rather not say");
  });

  test.each(questions)("%s has a question and a short reason in plain words", (question) => {
    const { question: text, why, hint } = EQUALITY_QUESTIONS[question];
    expect(text).toMatch(/\?$/);
    for (const words of [text, why, hint ?? ""]) {
      // Short sentences for a young reader: no sentence over 20 words.
      for (const sentence of words.split(/(?<=[.?!])\s+/)) expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(20);
    }
  });

  test("the page says first that every question is optional", () => {
    expect(EQUALITY_WHY_WE_ASK).toMatch(/^You do not have to answer/);
  });

  test("age bands are the ones a request for support uses, so the statistics line up", () => {
    const { [PREFER_NOT_TO_SAY]: _, ...bands } = EQUALITY_AGE_BANDS;
    expect(bands).toEqual(AGE_BANDS);
  });

  test("every answer shows words, never its code", () => {
    for (const question of questions) {
      for (const [code, label] of Object.entries(EQUALITY_ANSWERS[question])) {
        expect(label).not.toBe(code);
        expect(label).toMatch(/^[A-Z0-9]/);
        expect(label).not.toMatch(/_|^[a-z0-9]+(?:-[a-z0-9]+)+$/);
      }
    }
  });
});

describe("ethnic groups, as the 2021 census for England and Wales counts them", () => {
  const detailed = Object.keys(ETHNICITIES).filter((c) => c !== PREFER_NOT_TO_SAY) as Exclude<Ethnicity, typeof PREFER_NOT_TO_SAY>[];

  test("19 detailed groups within 5 high-level groups", () => {
    expect(detailed).toHaveLength(19);
    expect(Object.keys(ETHNIC_GROUPS)).toHaveLength(5);
  });

  test("every detailed group belongs to a high-level group, and every high-level group has some", () => {
    expect(Object.keys(ETHNIC_GROUP_OF).sort()).toEqual([...detailed].sort());
    for (const code of detailed) expect(ETHNIC_GROUPS).toHaveProperty(ETHNIC_GROUP_OF[code]);
    expect(new Set(Object.values(ETHNIC_GROUP_OF))).toEqual(new Set(Object.keys(ETHNIC_GROUPS)));
  });

  test.each([
    ["asian-pakistani", "asian"],
    ["black-caribbean", "black"],
    ["mixed-white-black-african", "mixed"],
    ["white-gypsy-irish-traveller", "white"],
    ["other-arab", "other"],
  ] as const)("%s is in %s", (code, group) => {
    expect(ethnicGroupOf(code)).toBe(group);
  });

  test("\"I'd rather not say\" is in no group", () => {
    expect(ethnicGroupOf(PREFER_NOT_TO_SAY)).toBeUndefined();
  });

  test("the census groups' sizes: 5 Asian, 3 Black, 4 Mixed, 5 White, 2 other", () => {
    const sizes = Object.fromEntries(Object.keys(ETHNIC_GROUPS).map((g) => [g, detailed.filter((c) => ETHNIC_GROUP_OF[c] === g).length]));
    expect(sizes).toEqual({ asian: 5, black: 3, mixed: 4, white: 5, other: 2 });
  });
});
