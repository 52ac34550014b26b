import { Hono } from "hono";
import * as z from "zod";
import { isReference, tidyReference } from "../domain/request-codes";
import type { StaffAuthFeature } from "../features/staff-auth";
import type { SubjectAccessFeature } from "../features/subject-access";
import { sourceAddress } from "../http/source";
import { requireStaff, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const ReferenceParam = z.object({ reference: z.string().transform(tidyReference).pipe(z.string().refine(isReference, "That is not a OneDoor reference.")) });

/** `GET /api/staff/requests/:reference/export`: a subject access export, for admins. */
export const subjectAccessRoutes = (auth: StaffAuthFeature, subjectAccess: SubjectAccessFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/:reference/export", validate("param", ReferenceParam), async (c) => {
      const exported = await subjectAccess.export(c.get("actor"), c.req.valid("param").reference, { address: sourceAddress(c) });
      c.header("Content-Disposition", `attachment; filename="onedoor-${exported.reference}.json"`);
      return c.json(exported);
    });
