import { Hono } from "hono";
import * as z from "zod";
import { AreaIdSchema } from "../domain/directory";
import { GroupInputSchema, GroupReportInputSchema, ThemeInputSchema } from "../domain/groups";
import type { GroupsFeature } from "../features/groups";
import type { StaffAuthFeature } from "../features/staff-auth";
import { requireStaff, staffOf, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const id = () => z.uuid({ error: "That is not a OneDoor id." });
const GroupParam = z.object({ groupId: id() });
const ReportParams = z.object({ groupId: id(), id: id() });
const ApprovedQuery = z.object({ organisationId: id().optional(), areaId: AreaIdSchema.optional(), before: z.string().max(100).optional() });

/**
 * Contributors' groups (J5) under `/api/staff`: `groups` (admins set them up; facilitators see
 * their own), `themes`, a group's session `reports` (drafts, changes, sending to moderation) and
 * `group-reports` (approved reports addressed to an organisation or an area).
 */
export const groupRoutes = (auth: StaffAuthFeature, groups: GroupsFeature) => {
  // Mounted at /api/staff beside sign-in, so the session check covers only these paths.
  const signedIn = requireStaff(auth.authenticate);
  return new Hono<{ Variables: StaffVariables }>()
    .use("/groups", signedIn)
    .use("/groups/*", signedIn)
    .use("/themes", signedIn)
    .use("/group-reports", signedIn)
    .get("/groups", async (c) => c.json({ groups: await groups.listGroups(c.get("actor")) }))
    .post("/groups", validate("json", GroupInputSchema), async (c) => c.json({ group: await groups.createGroup(staffOf(c), c.req.valid("json")) }, 201))
    .get("/themes", async (c) => c.json({ themes: Object.entries(await groups.themes()).map(([code, label]) => ({ code, label })) }))
    .post("/themes", validate("json", ThemeInputSchema), async (c) => c.json({ theme: await groups.addTheme(staffOf(c), c.req.valid("json").label) }, 201))
    .get("/groups/:groupId/reports", validate("param", GroupParam), async (c) => c.json({ reports: await groups.reportsOf(c.get("actor"), c.req.valid("param").groupId) }))
    .post("/groups/:groupId/reports", validate("param", GroupParam), validate("json", GroupReportInputSchema), async (c) =>
      c.json(await groups.saveDraft(staffOf(c), c.req.valid("param").groupId, c.req.valid("json")), 201),
    )
    .put("/groups/:groupId/reports/:id", validate("param", ReportParams), validate("json", GroupReportInputSchema), async (c) => {
      const { groupId, id: reportId } = c.req.valid("param");
      return c.json(await groups.saveDraft(staffOf(c), groupId, c.req.valid("json"), reportId));
    })
    .post("/groups/:groupId/reports/:id/send", validate("param", ReportParams), async (c) => {
      const { groupId, id: reportId } = c.req.valid("param");
      return c.json(await groups.send(staffOf(c), groupId, reportId));
    })
    .get("/group-reports", validate("query", ApprovedQuery), async (c) => c.json(await groups.approved(staffOf(c), c.req.valid("query"))));
};
