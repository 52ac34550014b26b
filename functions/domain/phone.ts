/**
 * UK phone numbers as OneDoor takes them: spaces, brackets and dashes are tidied away, then a
 * number starts +44 or 0 and has 9 or 10 more digits. The API (support-request.ts) and the
 * pages that check before sending both use these, so the rule is written once.
 */
export const UK_PHONE = /^(\+44|0)\d{9,10}$/;
export const UK_PHONE_MESSAGE = "Enter a UK phone number, like 07700 900123.";

export const tidyPhone = (value: string) => value.replace(/[\s()-]/g, "");
export const isUkPhone = (value: string) => UK_PHONE.test(tidyPhone(value));
