import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded default's secret keys, made on first start and kept in the git-ignored data
 * folder (readable by its owner only). In AWS they are the SST secret `HashKey` and a KMS key.
 */
function localKey(dataDir: string, name: string): Buffer {
  const dir = join(dataDir, "keys");
  const file = join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

/** For keyed hashes of addresses, emails, contact details and idempotency keys. */
export const localHashKey = (dataDir: string) => localKey(dataDir, "hash.key");

/** For the raw AES keyring that encrypts identifying answers (a KMS key in AWS). */
export const localFieldKey = (dataDir: string) => localKey(dataDir, "field.key");
