import { Hono } from "hono";
import { CHECK_IN_SESSION, CheckInSignInSchema } from "../domain/check-in";
import { AppError } from "../errors";
import type { CheckInFeature } from "../features/check-in";
import { sessionCookie } from "../http/session-cookie";
import { sourceAddress } from "../http/source";
import { validate } from "../http/validate";

/** A person's check-in cookie (`__Host-onedoor_checkin`; `onedoor_checkin` on localhost). */
const checkInCookie = sessionCookie("onedoor_checkin", CHECK_IN_SESSION.absoluteMs);

const signedOut = () => new AppError("check_in.signed_out", 401, "You have been signed out. Check in again with your reference and check-in code.");

/** `/api/check-in`: sign in with reference + code, see each service's stage, sign out (J3). */
export const checkInRoutes = (checkIn: CheckInFeature) =>
  new Hono()
    .post("/sign-in", validate("json", CheckInSignInSchema), async (c) => {
      const { token, request } = await checkIn.signIn(c.req.valid("json"), { address: sourceAddress(c) });
      checkInCookie.set(c, token);
      return c.json({ request });
    })
    .get("/", async (c) => {
      const token = checkInCookie.read(c);
      const reference = token ? await checkIn.authenticate(token) : undefined;
      const request = reference ? await checkIn.view(reference) : undefined;
      if (!request) {
        if (token) checkInCookie.clear(c);
        throw signedOut();
      }
      return c.json({ request });
    })
    .post("/sign-out", async (c) => {
      const token = checkInCookie.read(c);
      if (token) await checkIn.signOut(token);
      checkInCookie.clear(c);
      return c.body(null, 204);
    });
