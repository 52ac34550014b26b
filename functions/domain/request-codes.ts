/**
 * The two codes a person gets when they ask for support: a reference (names the request, safe
 * to read out to a worker) and a private check-in code (proves it is theirs). Zod-free, so the
 * pages format and tidy them the same way the API does.
 */

/** No 0/O, 1/I/L: nothing that can be misread or mistyped. */
export const REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const REFERENCE_LENGTH = 8;
export const CHECK_IN_CODE_LENGTH = 12;

const random = (count: number) => globalThis.crypto.getRandomValues(new Uint32Array(count));

/** A new reference, e.g. "K7QM3XPA" (31^8, about 8.5 × 10^11). */
export function newReference(): string {
  // 2^32 is not a multiple of 31; the bias (under 1 in 10^8) does not matter for a name.
  return Array.from(random(REFERENCE_LENGTH), (n) => REFERENCE_ALPHABET[n % REFERENCE_ALPHABET.length]).join("");
}

/** A new check-in code: 12 digits (10^12), easy to type on a phone's number pad. */
export function newCheckInCode(): string {
  let code = "";
  while (code.length < CHECK_IN_CODE_LENGTH) {
    for (const n of random(CHECK_IN_CODE_LENGTH)) {
      if (n < 4_294_967_000 && code.length < CHECK_IN_CODE_LENGTH) code += String(n % 10); // unbiased
    }
  }
  return code;
}

/** What a person typed, tidied: upper case, no spaces or dashes. */
export const tidyReference = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, "");
export const tidyCheckInCode = (typed: string) => typed.replace(/[\s-]/g, "");

export const isReference = (value: string) => new RegExp(`^[${REFERENCE_ALPHABET}]{${REFERENCE_LENGTH}}$`).test(value);
export const isCheckInCode = (value: string) => new RegExp(`^\\d{${CHECK_IN_CODE_LENGTH}}$`).test(value);

/** "K7QM 3XPA": groups of four are easier to read out and copy. */
export const formatReference = (reference: string) => reference.replace(/(.{4})(?=.)/g, "$1 ");
export const formatCheckInCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1 ");
