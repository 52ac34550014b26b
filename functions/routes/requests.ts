import { Hono } from "hono";
import { SupportRequestSchema } from "../domain/support-request";
import type { AskForSupportFeature } from "../features/ask-for-support";
import { idempotencyKey, senderOf } from "../http/idempotency";
import { validate } from "../http/validate";

/** `POST /api/requests`: ask for support (J2). No account, email or phone needed. */
export const requestRoutes = (ask: AskForSupportFeature, hashKey: Buffer) =>
  new Hono().post("/", validate("json", SupportRequestSchema), async (c) => {
    const { created, ...result } = await ask.submit(c.req.valid("json"), idempotencyKey(c), senderOf(c, hashKey));
    return c.json(result, created ? 201 : 200);
  });
