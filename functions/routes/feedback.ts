import { Hono } from "hono";
import * as z from "zod";
import { FeedbackSchema, ModerationDecisionSchema, SafeguardingActionSchema } from "../domain/feedback";
import { AreaIdSchema } from "../domain/directory";
import type { FeedbackFeature } from "../features/feedback";
import type { GroupsFeature } from "../features/groups";
import type { VoiceFeature } from "../features/voice";
import type { ResponsesFeature } from "../features/responses";
import { responseModerationRoutes } from "./responses";
import { ReportDecisionSchema } from "../domain/groups";
import type { StaffAuthFeature } from "../features/staff-auth";
import { idempotencyKey, senderOf } from "../http/idempotency";
import { requireStaff, staffOf, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

/** `POST /api/feedback`: tell us how it went (J4). Anonymous: no account, no contact details. */
export const feedbackRoutes = (feedback: FeedbackFeature, hashKey: Buffer) =>
  new Hono().post("/", validate("json", FeedbackSchema), async (c) => {
    const { created, ...received } = await feedback.submit(c.req.valid("json"), idempotencyKey(c), senderOf(c, hashKey), { fromCheckIn: false });
    return c.json(received, created ? 201 : 200);
  });

const IdParam = z.object({ id: z.uuid({ error: "That is not a OneDoor id." }) });
const ReportParams = z.object({ groupId: z.uuid({ error: "That is not a OneDoor id." }), id: z.uuid({ error: "That is not a OneDoor id." }) });

/** `/api/staff/moderation`: the moderation queue, one piece, the safeguarding record and the decision (J9). */
export const moderationRoutes = (auth: StaffAuthFeature, feedback: FeedbackFeature, groups: GroupsFeature, responses: ResponsesFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    // One queue for every kind of free text: feedback (possible risk first), group reports, then providers' responses.
    .get("/", async (c) => {
      const actor = c.get("actor");
      return c.json({ pieces: [...(await feedback.queue(actor)).pieces, ...(await groups.queue(actor)), ...(await responses.queue(actor))] });
    })
    .route("/responses", responseModerationRoutes(responses))
    .get("/group-reports/:groupId/:id", validate("param", ReportParams), async (c) => {
      const { groupId, id } = c.req.valid("param");
      return c.json({ report: await groups.open(staffOf(c), groupId, id) });
    })
    .post("/group-reports/:groupId/:id/decision", validate("param", ReportParams), validate("json", ReportDecisionSchema), async (c) => {
      const { groupId, id } = c.req.valid("param");
      return c.json(await groups.decide(staffOf(c), groupId, id, c.req.valid("json")));
    })
    .get("/:id", validate("param", IdParam), async (c) => c.json({ piece: await feedback.open(staffOf(c), c.req.valid("param").id) }))
    .post("/:id/safeguarding", validate("param", IdParam), validate("json", SafeguardingActionSchema), async (c) => {
      await feedback.recordSafeguarding(staffOf(c), c.req.valid("param").id, c.req.valid("json").action);
      return c.json({ piece: await feedback.open(staffOf(c), c.req.valid("param").id) });
    })
    .post("/:id/decision", validate("param", IdParam), validate("json", ModerationDecisionSchema), async (c) =>
      c.json(await feedback.decide(staffOf(c), c.req.valid("param").id, c.req.valid("json"))),
    );

const ApprovedQuery = z.object({
  organisationId: z.uuid({ error: "That is not a OneDoor id." }).optional(),
  areaId: AreaIdSchema.optional(),
  before: z.string().max(100).optional(),
});

/** `GET /api/staff/feedback`: approved, redacted feedback for a provider's services or an area's. */
export const approvedFeedbackRoutes = (auth: StaffAuthFeature, feedback: FeedbackFeature, voice: VoiceFeature) =>
  new Hono<{ Variables: StaffVariables }>()
    .use(requireStaff(auth.authenticate))
    .get("/", validate("query", ApprovedQuery), async (c) => c.json(await feedback.approved(staffOf(c), c.req.valid("query"))))
    // A manager chooses which approved pieces the service's public page shows ("What people said").
    .put("/:id/excerpt", validate("param", IdParam), validate("json", z.strictObject({ shown: z.boolean({ error: "Say whether to show it." }) })), async (c) =>
      c.json(await voice.chooseExcerpt(staffOf(c), c.req.valid("param").id, c.req.valid("json").shown)),
    );
