import { Hono } from "hono";
import * as z from "zod";
import { AreaIdSchema } from "../domain/directory";
import { ResponseDecisionSchema, ResponseInputSchema, RESPONSE_TARGETS, type ResponseTarget } from "../domain/responses";
import type { ResponsesFeature } from "../features/responses";
import type { StaffAuthFeature } from "../features/staff-auth";
import { requireStaff, staffOf, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

const id = () => z.uuid({ error: "That is not a OneDoor id." });
/** What a response is to, in the query: `target=feedback&targetId=…` (and `groupId` for a report). */
const TargetQuery = z.object({
  target: z.enum(Object.keys(RESPONSE_TARGETS) as [ResponseTarget, ...ResponseTarget[]], { error: "Say what this answers: feedback or a group report." }),
  targetId: id(),
  groupId: id().optional(),
  organisationId: id().optional(),
});

/** `/api/staff/responses`: "you said, we did" — answer, read the answers, and what is unanswered. */
export const responseRoutes = (auth: StaffAuthFeature, responses: ResponsesFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/", validate("query", TargetQuery), async (c) => c.json(await responses.answersTo(c.get("actor"), c.req.valid("query"))))
    .post("/", validate("query", TargetQuery), validate("json", ResponseInputSchema), async (c) => {
      const { organisationId, ...ref } = c.req.valid("query");
      return c.json(await responses.respond(staffOf(c), ref, c.req.valid("json"), organisationId), 202);
    })
    .get("/unanswered", validate("query", z.object({ organisationId: id().optional(), areaId: AreaIdSchema.optional() })), async (c) =>
      c.json(await responses.unanswered(c.get("actor"), c.req.valid("query"))),
    );

/** The moderator's side, under `/api/staff/moderation/responses`. */
export const responseModerationRoutes = (responses: ResponsesFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .get("/", validate("query", TargetQuery.required({ organisationId: true })), async (c) => {
      const { organisationId, ...ref } = c.req.valid("query");
      return c.json({ response: await responses.open(staffOf(c), ref, organisationId) });
    })
    .post("/decision", validate("query", TargetQuery.required({ organisationId: true })), validate("json", ResponseDecisionSchema), async (c) => {
      const { organisationId, ...ref } = c.req.valid("query");
      return c.json(await responses.decide(staffOf(c), ref, organisationId, c.req.valid("json")));
    });
