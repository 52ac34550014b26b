import type { Context } from "hono";
import { AppError } from "../errors";
import { keyedHash } from "../security/tokens";
import { sourceAddress } from "./source";

/** A random key the page makes once per set of answers; kept the same on every retry. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{22,64}$/;

/** The submission's `Idempotency-Key`, refused with a clear message if it is missing or malformed. */
export function idempotencyKey(c: Context): string {
  const key = c.req.header("Idempotency-Key") ?? "";
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError("idempotency.missing", 400, "Send an Idempotency-Key header of 22 to 64 letters, digits, - or _, the same on every retry.");
  }
  return key;
}

/** Who sent it, as a keyed hash of the source address: what per-address limits count. */
export const senderOf = (c: Context, hashKey: Buffer) => keyedHash(hashKey, `address:${sourceAddress(c)}`);
