import { Hono } from "hono";
import * as z from "zod";
import { isReference } from "../domain/request-codes";
import { RouteActionInputSchema } from "../domain/route";
import { ROUTE_STATUSES } from "../domain/route-status";
import type { StaffAuthFeature } from "../features/staff-auth";
import type { InboxFeature } from "../features/inbox";
import { requireStaff, staffOf, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const InboxQuery = z.object({
  view: z.enum(["open", "closed"], { error: "Choose open or closed requests." }).default("open"),
  status: z.enum(Object.keys(ROUTE_STATUSES) as [keyof typeof ROUTE_STATUSES], { error: "Choose a status from the list." }).optional(),
  serviceId: z.uuid({ error: "Choose a service from the list." }).optional(),
});

const RouteParams = z.object({
  reference: z.string().refine(isReference, "That is not a OneDoor reference."),
  serviceId: z.uuid({ error: "That is not a OneDoor id." }),
});


/** The provider inbox (J6): `/api/staff/inbox`, one route, and actions on it. */
export const inboxRoutes = (auth: StaffAuthFeature, inbox: InboxFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/", validate("query", InboxQuery), async (c) => c.json(await inbox.list(c.get("actor"), c.req.valid("query"))))
    .get("/:reference/:serviceId", validate("param", RouteParams), async (c) => {
      const { reference, serviceId } = c.req.valid("param");
      return c.json({ route: await inbox.read(staffOf(c), reference, serviceId) });
    })
    .post("/:reference/:serviceId/actions", validate("param", RouteParams), validate("json", RouteActionInputSchema), async (c) => {
      const { reference, serviceId } = c.req.valid("param");
      const route = await inbox.act(staffOf(c), reference, serviceId, c.req.valid("json"));
      return c.json({ route });
    });
