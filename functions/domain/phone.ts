/**
 * UK phone numbers as OneDoor takes them: spaces, brackets and dashes are tidied away, then a
 * number starts +44 or 0 and has 9 or 10 more digits. The API (support-request.ts) and the
 * pages that check before sending both use these, so the rule is written once.
 */
export const UK_PHONE = /^(\+44|0)\d{9,10}$/;
export const UK_PHONE_MESSAGE = "Enter a UK phone number, like 07700 900123.";

export const tidyPhone = (value: string) => value.replace(/[\s()-]/g, "");
export const isUkPhone = (value: string) => UK_PHONE.test(tidyPhone(value));

// A run of digits, spaces, brackets and dashes that starts like a UK number; findUkPhones then
// keeps the longest stretch of it that passes UK_PHONE, so the rule above stays the only rule.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+])(?:\+44|\(?0)[\d\s()-]{7,20}/gu;

/** Where UK phone numbers are written in free text, as [start, end) character offsets. */
export function findUkPhones(text: string): { start: number; end: number }[] {
  const found: { start: number; end: number }[] = [];
  const candidates = new RegExp(PHONE_CANDIDATE);
  let candidate: RegExpExecArray | null;
  while ((candidate = candidates.exec(text))) {
    const start = candidate.index;
    const end = longestUkPhone(text, start, start + candidate[0].length);
    // Two numbers written one after the other make one run, and a run can start with a stray
    // digit: look again just after the number, or just after the start when there was none.
    candidates.lastIndex = end ?? start + 1;
    if (end !== undefined) found.push({ start, end });
  }
  return found;
}

function longestUkPhone(text: string, start: number, limit: number): number | undefined {
  for (let end = limit; end > start; end--) {
    if (!/\d/.test(text[end - 1] ?? "") || /\d/.test(text[end] ?? "")) continue;
    // "+44 (0)20 ..." is how many people write a UK number: the (0) is dropped when dialling in.
    if (isUkPhone(text.slice(start, end).replace(/^\+44\s*\(0\)/, "+44"))) return end;
  }
  return undefined;
}
