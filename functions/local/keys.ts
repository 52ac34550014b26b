import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The embedded default's secret key for keyed hashes, made on first start and kept in the
 * git-ignored data folder (readable by its owner only). In AWS it is the SST secret `HashKey`.
 */
export function localHashKey(dataDir: string): Buffer {
  const dir = join(dataDir, "keys");
  const file = join(dir, "hash.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}
