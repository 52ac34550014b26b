import { Hono } from "hono";
import * as z from "zod";
import type { VoiceFeature } from "../features/voice";
import { validate } from "../http/validate";

/** `GET /api/services/:id/voice`: "What people said" for a public service page. */
export const voiceRoutes = (voice: VoiceFeature) =>
  new Hono().get("/:id/voice", validate("param", z.object({ id: z.uuid({ error: "That is not a OneDoor id." }) })), async (c) =>
    c.json(await voice.forService(c.req.valid("param").id)),
  );
