import { randomBytes } from "node:crypto";
import { expect, test } from "vitest";
import { rawAesFieldCipher } from "../../functions/security/field-encryption";

const cipher = rawAesFieldCipher(randomBytes(32));
const here = { record: "request:ABC123", field: "contact.phone" };

test("round-trips a value, and the stored form holds no trace of it", async () => {
  const stored = await cipher.encrypt("07700 900123", here);
  expect(stored).not.toContain("07700");
  expect(Buffer.from(stored, "base64").toString("latin1")).not.toContain("900123");
  expect(await cipher.decrypt(stored, here)).toBe("07700 900123");
});

test("the same value encrypts differently each time", async () => {
  expect(await cipher.encrypt("same", here)).not.toBe(await cipher.encrypt("same", here));
});

test("a ciphertext moved to another record or field will not decrypt", async () => {
  const stored = await cipher.encrypt("07700 900123", here);
  await expect(cipher.decrypt(stored, { ...here, record: "request:OTHER1" })).rejects.toThrow(/another record or field/);
  await expect(cipher.decrypt(stored, { ...here, field: "contact.email" })).rejects.toThrow(/another record or field/);
});

test("another key cannot read it, and a short key is refused", async () => {
  const stored = await cipher.encrypt("secret", here);
  await expect(rawAesFieldCipher(randomBytes(32)).decrypt(stored, here)).rejects.toThrow();
  expect(() => rawAesFieldCipher(randomBytes(16))).toThrow(/32 bytes/);
});

test("works with a key read from a file as base64 (a small Buffer shares Node's pool), and leaves that key intact", async () => {
  const text = randomBytes(32).toString("base64");
  const key = Buffer.from(text, "base64");
  const cipher = rawAesFieldCipher(key);
  const context = { record: "request:ABCDEFGH", field: "contact.phone" };
  expect(await cipher.decrypt(await cipher.encrypt("07700900123", context), context)).toBe("07700900123");
  expect(key.toString("base64")).toBe(text);
  // A second cipher from the same key reads what the first wrote (a restart of npm start).
  expect(await rawAesFieldCipher(Buffer.from(text, "base64")).decrypt(await cipher.encrypt("x", context), context)).toBe("x");
});
