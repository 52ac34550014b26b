import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Staff passwords, hashed with scrypt (Node's own, no native add-on). The parameters follow
 * OWASP's scrypt guidance: N = 2^17, r = 8, p = 1 (128 MiB of memory per hash), a 16-byte random
 * salt and a 32-byte key. They are stored in every hash, so they can be raised later and old
 * hashes still verify.
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

/** The fewest characters a staff password may have (NCSC: length over complexity rules). */
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/**
 * Check-in codes are 12 random digits (10^12), so a cheaper setting is enough: N = 2^11 (2 MiB,
 * 7.2 ms a hash measured here) still makes trying every code against a leaked table cost about
 * 230 core-years, while asking stays quick when fifty people send at once (measured on 2 cores:
 * 2^14 took 90 ms a hash, and at 2^12 fifty submissions at once sat at the edge of the
 * 3x-a-bare-transaction budget). Guessing online is stopped by locking, not by the hash.
 */
export const CHECK_IN_CODE_SCRYPT_PARAMETERS = { N: 2 ** 11, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

type ScryptParameters = { N: number; r: number; p: number; keyLength: number; saltLength: number };

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string, parameters: ScryptParameters = SCRYPT_PARAMETERS): Promise<string> {
  const { N, r, p, keyLength, saltLength } = parameters;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, N, r, p, keyLength);
  return ["scrypt", N, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

/** A check-in code's slow hash (verify it with `verifyPassword`: the parameters are in the hash). */
export const hashCheckInCode = (code: string) => hashPassword(code, CHECK_IN_CODE_SCRYPT_PARAMETERS);

/** Checks a password against a stored hash in constant time. A malformed hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await derive(password, Buffer.from(salt, "base64url"), Number(N), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

/** A hash of a password nobody has, so a sign-in for an unknown email costs the same time. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString("hex"));
  return decoy;
}
