import { Hono } from "hono";
import { SupportRequestSchema } from "../domain/support-request";
import { AppError } from "../errors";
import type { AskForSupportFeature } from "../features/ask-for-support";
import { sourceAddress } from "../http/source";
import { keyedHash } from "../security/tokens";
import { validate } from "../http/validate";

/** A random key the page makes once per set of answers; kept the same on every retry. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{22,64}$/;

/** `POST /api/requests`: ask for support (J2). No account, email or phone needed. */
export const requestRoutes = (ask: AskForSupportFeature, hashKey: Buffer) =>
  new Hono().post("/", validate("json", SupportRequestSchema), async (c) => {
    const key = c.req.header("Idempotency-Key") ?? "";
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new AppError("idempotency.missing", 400, "Send an Idempotency-Key header of 22 to 64 letters, digits, - or _, the same on every retry.");
    }
    const sender = keyedHash(hashKey, `address:${sourceAddress(c)}`);
    const { created, ...result } = await ask.submit(c.req.valid("json"), key, sender);
    return c.json(result, created ? 201 : 200);
  });
