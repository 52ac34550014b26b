import { Secret, TOTP } from "otpauth";
import { renderSVG } from "uqr";

/** TOTP as authenticator apps expect it (RFC 6238): SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, email = "") {
  return new TOTP({ issuer: "OneDoor", label: email, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new 160-bit TOTP secret, base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI and a QR code of it as SVG, drawn here: no third-party service sees the secret. */
export function totpEnrolment(secretBase32: string, email: string): { uri: string; qrSvg: string } {
  const uri = totpFor(secretBase32, email).toString();
  return { uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/**
 * Checks a code, allowing one step of clock drift either way, and refuses a code from a step
 * at or before `lastUsedStep`: a code seen once (over a shoulder, in a log) cannot be replayed.
 * Returns the step that was used, to be stored as the new `lastUsedStep`.
 */
export function verifyTotp(secretBase32: string, code: string, lastUsedStep: number | undefined, now = Date.now()): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (lastUsedStep !== undefined && step <= lastUsedStep) return undefined;
  return step;
}

/** The current code for a secret: for the demo accounts' printout and for tests. */
export function currentTotp(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}
