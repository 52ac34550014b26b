import { describe, expect, test } from "vitest";
import { hashPassword, SCRYPT_PARAMETERS, verifyPassword } from "../../functions/security/passwords";
import { normaliseRecoveryCode, recoveryCodes } from "../../functions/security/tokens";
import { currentTotp, newTotpSecret, totpEnrolment, verifyTotp } from "../../functions/security/totp";

describe("passwords (scrypt)", () => {
  test("the parameters are OWASP's: N=2^17, r=8, p=1, 16-byte salt, 32-byte key, and each hash records them", async () => {
    expect(SCRYPT_PARAMETERS).toEqual({ N: 131072, r: 8, p: 1, keyLength: 32, saltLength: 16 });
    const hash = await hashPassword("a long enough password");
    const [scheme, N, r, p, salt, key] = hash.split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", "131072", "8", "1"]);
    expect(Buffer.from(salt!, "base64url")).toHaveLength(16);
    expect(Buffer.from(key!, "base64url")).toHaveLength(32);
  });

  test("verifies the right password only, and salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password here"), hashPassword("same password here")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password here", a)).toBe(true);
    expect(await verifyPassword("same password herE", a)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});

describe("TOTP", () => {
  const secret = newTotpSecret();
  const t = Date.UTC(2026, 10, 22, 12, 0, 15);

  test("accepts the current code and one step either side, and refuses others", () => {
    expect(verifyTotp(secret, currentTotp(secret, t), undefined, t)).toBe(Math.floor(t / 30000));
    expect(verifyTotp(secret, currentTotp(secret, t - 30_000), undefined, t)).toBeDefined();
    expect(verifyTotp(secret, currentTotp(secret, t + 30_000), undefined, t)).toBeDefined();
    expect(verifyTotp(secret, currentTotp(secret, t - 90_000), undefined, t)).toBeUndefined();
    expect(verifyTotp(secret, "12345", undefined, t)).toBeUndefined();
    expect(verifyTotp(secret, "abcdef", undefined, t)).toBeUndefined();
  });

  test("refuses a replayed code: one from a step already used, or earlier", () => {
    const step = verifyTotp(secret, currentTotp(secret, t), undefined, t)!;
    expect(verifyTotp(secret, currentTotp(secret, t), step, t)).toBeUndefined();
    expect(verifyTotp(secret, currentTotp(secret, t - 30_000), step, t)).toBeUndefined();
    expect(verifyTotp(secret, currentTotp(secret, t + 30_000), step, t)).toBe(step + 1);
  });

  test("enrolment gives an otpauth URI and an SVG QR code made here", () => {
    const { uri, qrSvg } = totpEnrolment(secret, "worker@example.org");
    expect(uri).toMatch(/^otpauth:\/\/totp\/OneDoor:worker%40example\.org\?.*secret=/);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(qrSvg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });
});

describe("recovery codes", () => {
  test("ten different codes of 16 unambiguous characters, typed any way", () => {
    const codes = recoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
    expect(normaliseRecoveryCode(" abcd-efgh ijkm-npqr ")).toBe("ABCDEFGHIJKMNPQR");
  });
});
