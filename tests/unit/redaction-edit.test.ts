import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { applyRedactions, REDACTION_KINDS, type RedactionKind } from "../../functions/domain/redaction";
import { proposeRedactions } from "../../functions/domain/redaction-proposals";
import { addRedactions, findWords, previewRedacted } from "../../site/src/scripts/staff/redaction-edit";

/**
 * The moderation page's preview and its "remove these words too" (site/src/scripts/staff/
 * redaction-edit.ts) against the server's applyRedactions: what a moderator previews is what
 * providers read, and nothing the page builds is refused.
 */

const TEXT = "Sarah Jones helped me. I go to St Mary's Academy. My number is 07700 900123. sarah was kind.";
const KINDS = Object.keys(REDACTION_KINDS) as RedactionKind[];

describe("finding the words a moderator typed", () => {
  test("every place, ignoring case and line breaks, never inside a longer word", () => {
    expect(findWords(TEXT, "sarah").map((p) => TEXT.slice(p.start, p.end))).toEqual(["Sarah", "sarah"]);
    expect(findWords("Call Sam or the Samaritans", "Sam")).toEqual([{ start: 5, end: 8 }]);
    expect(findWords("Sarah\nJones came", "Sarah Jones")).toEqual([{ start: 0, end: 11 }]);
    expect(findWords("St Mary's (the one in town)", " (the one ")).toEqual([{ start: 10, end: 18 }]);
    expect(findWords(TEXT, "   ")).toEqual([]);
    expect(findWords(TEXT, "Nobody")).toEqual([]);
  });
});

describe("adding redactions", () => {
  test("words inside a redaction are already removed; words across one join it", () => {
    const proposed = proposeRedactions(TEXT);
    const name = proposed.find((r) => r.text === "Sarah Jones")!;
    const inside = addRedactions(TEXT, [name], "Jones", "person-name");
    expect(inside.added).toBe(0);
    expect(inside.found).toBe(1);
    const across = addRedactions(TEXT, [name], "Jones helped", "staff-name");
    expect(across.redactions).toEqual([{ start: 0, end: 18, kind: "staff-name", text: "Sarah Jones helped" }]);
  });

  test("the preview is what the server makes of the same redactions", () => {
    const { redactions } = addRedactions(TEXT, proposeRedactions(TEXT), "kind", "place");
    expect(previewRedacted(TEXT, redactions)).toBe(applyRedactions(TEXT, redactions));
    expect(previewRedacted(TEXT, redactions)).toBe(
      "[name removed] helped me. I go to [school removed]. My number is [phone number removed]. [name removed] was [place removed].",
    );
  });

  const pieces = ["Sarah", "sarah", "Jones", "St Mary's", "Academy", "07700 900123", "my mum", "(", ")", ".", "\n", "Sam", "Samaritans", "é", "😀"];
  const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 20 }).map((w) => w.join(" "));
  const additions = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), fc.constantFrom(...KINDS)), { maxLength: 6 });

  test("whatever a moderator adds, the server takes it and previews match", () => {
    fc.assert(
      fc.property(text, additions, (t, adds) => {
        let redactions = proposeRedactions(t);
        for (const [words, kind] of adds) redactions = addRedactions(t, redactions, words, kind).redactions;
        expect(previewRedacted(t, redactions)).toBe(applyRedactions(t, redactions));
      }),
      { numRuns: 300 },
    );
  });
});
