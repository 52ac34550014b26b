import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { fieldErrorsOf } from "../../functions/errors";
import { isUrgent, SupportRequestSchema } from "../../functions/domain/support-request";

const a = randomUUID();
const b = randomUUID();
const minimal = { asker: "self", serviceIds: [a], consentServiceIds: [a], contact: { method: "check-in-only" } };
const problems = (input: unknown) => {
  const result = SupportRequestSchema.safeParse(input);
  return result.success ? [] : fieldErrorsOf(result.error);
};

describe("a request for support", () => {
  test("needs only who it is for, one service, consent, and how to get in touch", () => {
    const parsed = SupportRequestSchema.parse(minimal);
    expect(parsed).toMatchObject({ needs: [], preferences: {}, consentToCoordination: false });
  });

  test("phone numbers are tidied and must be UK numbers", () => {
    const ok = SupportRequestSchema.parse({ ...minimal, contact: { method: "text", phone: "07700 900-123" } });
    expect(ok.contact.phone).toBe("07700900123");
    expect(problems({ ...minimal, contact: { method: "phone", phone: "12345" } })[0]).toMatchObject({ field: "contact.phone" });
  });

  test.each([
    [{ contact: { method: "phone" } }, "contact.phone", "Enter the phone number we should use."],
    [{ contact: { method: "email" } }, "contact.email", "Enter the email address we should use."],
    [{ contact: { method: "trusted-adult" } }, "contact.trustedAdult", "Tell us the name and phone number of the adult you trust."],
    [{ contact: { method: "pigeon" } }, "contact.method", "Choose how we should get in touch."],
    [{ serviceIds: [] , consentServiceIds: [] }, "serviceIds", "Choose at least one service to ask."],
    [{ serviceIds: [a, a], consentServiceIds: [a] }, "serviceIds", "Each service can only be chosen once."],
    [{ serviceIds: [a, b], consentServiceIds: [a] }, "consentServiceIds", "Say yes to sharing with each service you chose, or go back and remove it."],
    [{ childKnows: "yes" }, "childKnows", "These questions are only for parents and carers asking for a child."],
    [{ message: "x".repeat(2001) }, "message", "Use at most 2,000 characters."],
    [{ asker: "someone" }, "asker", "Choose who the support is for."],
  ])("%o is refused on %s: %s", (change, field, message) => {
    const found = problems({ ...minimal, ...change });
    expect(found.find((p) => p.field === field)?.message).toBe(message);
  });

  test("a parent asking for a child can say whether the child knows, and ask for themselves too", () => {
    const parsed = SupportRequestSchema.parse({ ...minimal, asker: "child", childKnows: "not-sure", supportForMeToo: true });
    expect(parsed).toMatchObject({ childKnows: "not-sure", supportForMeToo: true });
  });

  test("is urgent only when the person says they are not safe right now", () => {
    expect(isUrgent({ safeNow: "no" })).toBe(true);
    expect(isUrgent({ safeNow: "not-sure" })).toBe(false);
    expect(isUrgent({})).toBe(false);
  });
});
