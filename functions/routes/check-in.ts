import { Hono } from "hono";
import * as z from "zod";
import { CHECK_IN_SESSION, CheckInSignInSchema, ContactSoonerSchema, FeelingSchema } from "../domain/check-in";
import { AppError } from "../errors";
import { ContactChangeSchema } from "../domain/support-request";
import type { CheckInFeature } from "../features/check-in";
import type { FeedbackFeature } from "../features/feedback";
import { FeedbackSchema } from "../domain/feedback";
import { idempotencyKey, senderOf } from "../http/idempotency";
import { requireSession } from "../http/require-session";
import { sessionCookie } from "../http/session-cookie";
import { sourceAddress } from "../http/source";
import { validate } from "../http/validate";

/** A person's check-in cookie (`__Host-onedoor_checkin`; `onedoor_checkin` on localhost). */
const checkInCookie = sessionCookie("onedoor_checkin", CHECK_IN_SESSION.absoluteMs);

const signedOut = () => new AppError("check_in.signed_out", 401, "You have been signed out. Check in again with your reference and check-in code.");


const ServiceParam = z.object({ serviceId: z.uuid({ error: "That is not a OneDoor id." }) });

/** `/api/check-in`: sign in with reference + code, see each service's stage, sign out (J3). */
export const checkInRoutes = (checkIn: CheckInFeature, feedback: FeedbackFeature, hashKey: Buffer) => {
  /** Lets a request through only with a live check-in session; sets `reference` and `sessionToken`. */
  const signedIn = requireSession(
    checkInCookie,
    async (token) => {
      const reference = await checkIn.authenticate(token);
      return reference ? { reference } : undefined;
    },
    signedOut,
  );

  return new Hono<{ Variables: { reference: string; sessionToken: string } }>()
    .post("/sign-in", validate("json", CheckInSignInSchema), async (c) => {
      const { token, request } = await checkIn.signIn(c.req.valid("json"), { address: sourceAddress(c) });
      checkInCookie.set(c, token);
      return c.json({ request });
    })
    .post("/sign-out", async (c) => {
      const token = checkInCookie.read(c);
      if (token) await checkIn.signOut(token);
      checkInCookie.clear(c);
      return c.body(null, 204);
    })
    .use("/*", signedIn)
    .get("/", async (c) => {
      const request = await checkIn.view(c.get("reference"));
      if (!request) {
        checkInCookie.clear(c);
        throw signedOut();
      }
      return c.json({ request });
    })
    .post("/feeling", validate("json", FeelingSchema), async (c) =>
      c.json({ request: await checkIn.tell(c.get("reference"), { action: "feeling", ...c.req.valid("json") }) }),
    )
    .post("/sooner", validate("json", ContactSoonerSchema), async (c) =>
      c.json({ request: await checkIn.tell(c.get("reference"), { action: "sooner", ...c.req.valid("json") }) }),
    )
    .get("/contact", async (c) => c.json(await checkIn.contactOf(c.get("reference"))))
    // Feedback about one of their services: counted as from someone who used it, and stored with
    // nothing that links it to the request (J4).
    .post("/feedback", validate("json", FeedbackSchema), async (c) => {
      const answers = c.req.valid("json");
      const request = await checkIn.view(c.get("reference"));
      if (!request?.services.some((s) => s.serviceId === answers.serviceId)) {
        const message = "Choose one of the services you asked.";
        throw new AppError("request.invalid", 400, message, [{ field: "serviceId", message }]);
      }
      const { created, ...received } = await feedback.submit(answers, idempotencyKey(c), senderOf(c, hashKey), { fromCheckIn: true });
      return c.json(received, created ? 201 : 200);
    })
    .put("/contact", validate("json", ContactChangeSchema), async (c) =>
      c.json({ request: await checkIn.changeContact(c.get("reference"), c.req.valid("json")) }),
    )
    .post("/services/:serviceId/withdraw", validate("param", ServiceParam), async (c) =>
      c.json({ request: await checkIn.withdraw(c.get("reference"), c.req.valid("param").serviceId) }),
    )
    .delete("/", async (c) => {
      await checkIn.deleteRequest(c.get("reference"), c.get("sessionToken"));
      checkInCookie.clear(c);
      return c.json({ deleted: true });
    });
};
