import { Hono } from "hono";
import * as z from "zod";
import { isReference } from "../domain/request-codes";
import type { CoordinationFeature } from "../features/coordination";
import type { StaffAuthFeature } from "../features/staff-auth";
import { sourceAddress } from "../http/source";
import { requireStaff, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const ReferenceParam = z.object({ reference: z.string().refine(isReference, "That is not a OneDoor reference.") });

/** The navigator view (J7): `/api/staff/coordination` and one request's services. */
export const coordinationRoutes = (auth: StaffAuthFeature, coordination: CoordinationFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/", async (c) => c.json({ requests: await coordination.list(c.get("actor")) }))
    .get("/:reference", validate("param", ReferenceParam), async (c) =>
      c.json({ request: await coordination.read(c.get("actor"), c.req.valid("param").reference, { address: sourceAddress(c) }) }),
    );
