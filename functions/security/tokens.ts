import { createHash, createHmac, randomBytes } from "node:crypto";

/** A random 256-bit secret as base64url: session tokens and invite links. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** How a high-entropy secret is stored: only its SHA-256, so a leaked table grants nothing. */
export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/**
 * A keyed hash (HMAC-SHA-256): for values with little entropy, such as an IP address or an
 * email, that must be compared or counted without being stored.
 */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac("sha256", key).update(value).digest("base64url");
}

const RECOVERY_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I/L: easy to copy by hand

/** Ten single-use recovery codes, 16 characters (about 79 bits) each, shown once as xxxx-xxxx-xxxx-xxxx. */
export function recoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** A recovery code as typed, in the form it was hashed: no dashes or spaces, upper case. */
export function normaliseRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toUpperCase();
}
