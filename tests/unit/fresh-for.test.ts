import { describe, expect, it } from "vitest";
import { freshFor } from "../../functions/features/fresh-for";

/** A read that counts its calls and answers when told to. */
function slowRead() {
  const calls: string[][] = [];
  let answer: (() => void)[] = [];
  const read = (keys: string[]) => {
    calls.push(keys);
    return new Promise<Map<string, string>>((resolve, reject) => {
      answer.push(() => (keys.includes("broken") ? reject(new Error("down")) : resolve(new Map(keys.map((k) => [k, `${k}@${calls.length}`])))));
    });
  };
  const answerAll = () => {
    const waiting = answer;
    answer = [];
    for (const a of waiting) a();
  };
  return { calls, read, answerAll };
}

describe("freshFor", () => {
  it("gives requests that come while a read is under way that read's answer, not a read of their own", async () => {
    const clock = { now: 0 };
    const { calls, read, answerAll } = slowRead();
    const recent = freshFor(60_000, () => clock.now, read);
    const together = Promise.all(Array.from({ length: 50 }, () => recent(["all"])));
    answerAll();
    const answers = await together;
    expect(calls).toEqual([["all"]]);
    expect(new Set(answers.map((a) => a.get("all")))).toEqual(new Set(["all@1"]));
  });

  it("reads again once the time has passed, and not before", async () => {
    const clock = { now: 0 };
    const { calls, read, answerAll } = slowRead();
    const recent = freshFor(60_000, () => clock.now, read);
    const first = recent(["a"]);
    answerAll();
    await first;
    clock.now = 60_000;
    expect((await recent(["a"])).get("a")).toBe("a@1");
    clock.now = 60_001;
    const later = recent(["a"]);
    answerAll();
    expect((await later).get("a")).toBe("a@2");
    expect(calls).toHaveLength(2);
  });

  it("forgets a read that failed, so the next request tries again", async () => {
    const { calls, read, answerAll } = slowRead();
    const recent = freshFor(60_000, () => 0, read);
    const failing = recent(["broken"]);
    answerAll();
    await expect(failing).rejects.toThrow("down");
    const again = recent(["broken"]);
    answerAll();
    await expect(again).rejects.toThrow("down");
    expect(calls).toHaveLength(2);
  });

  it("reads only the keys it does not have", async () => {
    const { calls, read, answerAll } = slowRead();
    const recent = freshFor(60_000, () => 0, read);
    const first = recent(["a"]);
    answerAll();
    await first;
    const both = recent(["a", "b"]);
    answerAll();
    expect([...(await both).values()]).toEqual(["a@1", "b@2"]);
    expect(calls).toEqual([["a"], ["b"]]);
  });
});
