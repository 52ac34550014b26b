import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, test } from "vitest";
import { EXAMPLE_ORGANISATIONS } from "../../functions/local/seed";
import { HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession, type TestStaff } from "../support/staff";
import { staffApp } from "../support/staff-api";

/** "You said, we did" through the API: a manager answers, a moderator checks, commissioners see what is unanswered. */

const SERVICE = HARBOUR_YOUNG_PEOPLE;
const AREA = SERVICE.areaIds[0]!;
const OTHER_ORG = EXAMPLE_ORGANISATIONS.find((o) => o.id !== SERVICE.organisationId)!.id;
const DAY = 24 * 60 * 60 * 1000;

type Env = Awaited<ReturnType<typeof staffApp>>;
let env: Env;
const people: Record<string, TestStaff> = {};
const tokens: Record<string, string> = {};

/** Fresh sessions at the clock's time (moving the clock by days ends the old ones). */
async function signInEveryone() {
  for (const [name, person] of Object.entries(people)) tokens[name] = await startSession(env.db, person.account.id, env.clock.now);
}

beforeEach(async () => {
  env = await staffApp();
  people.manager = await createStaff(env.db, [{ role: "manager", organisationId: SERVICE.organisationId }]);
  people.worker = await createStaff(env.db, [{ role: "worker", organisationId: SERVICE.organisationId }]);
  people.otherManager = await createStaff(env.db, [{ role: "manager", organisationId: OTHER_ORG }]);
  people.moderator = await createStaff(env.db, [{ role: "moderator" }]);
  people.commissioner = await createStaff(env.db, [{ role: "commissioner", areaId: AREA }]);
  await signInEveryone();
});

const as = (who: string) => ({ token: tokens[who] });
const queue = async () => (await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces as { kind: string; id?: string; targetId?: string; organisationId?: string }[];

/** A piece of feedback about SERVICE, approved by the moderator: its id. */
async function approvedFeedback(): Promise<string> {
  await env.call("POST", "/api/feedback", { body: { serviceId: SERVICE.id, scores: { waitOk: 1 }, text: "The wait was far too long." }, headers: { "Idempotency-Key": newKey() } });
  const id = (await queue()).find((p) => p.kind === "feedback")!.id!;
  await env.call("POST", `/api/staff/moderation/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: [] } });
  return id;
}

const respond = (who: string, targetId: string, body: unknown) => env.call("POST", `/api/staff/responses?target=feedback&targetId=${targetId}`, { ...as(who), body });
const answers = async (who: string, targetId: string) => (await env.call("GET", `/api/staff/responses?target=feedback&targetId=${targetId}`, as(who))).json.responses;
const moderate = (targetId: string, body: unknown) =>
  env.call("POST", `/api/staff/moderation/responses/decision?target=feedback&targetId=${targetId}&organisationId=${SERVICE.organisationId}`, { ...as("moderator"), body });

describe("you said, we did", () => {
  test("a manager answers; a moderator checks it for personal data; then staff and commissioners read it, with its history", async () => {
    const id = await approvedFeedback();
    expect((await respond("worker", id, { status: "heard", text: "Thank you." })).status).toBe(403);
    expect((await respond("otherManager", id, { status: "heard", text: "Thank you." })).status).toBe(404);
    const saved = await respond("manager", id, { status: "change-planned", text: "We will call everyone on our list every two weeks. Ask for Tom Hughes." });
    expect(saved.status).toBe(202);
    expect(await answers("worker", id)).toEqual([]);

    expect((await queue()).filter((p) => p.kind === "response")).toEqual([expect.objectContaining({ targetId: id, organisationId: SERVICE.organisationId })]);
    const opened = await env.call("GET", `/api/staff/moderation/responses?target=feedback&targetId=${id}&organisationId=${SERVICE.organisationId}`, as("moderator"));
    expect(opened.json.response.pending.text).toContain("Tom Hughes");
    const proposals = opened.json.response.proposals;
    expect(proposals.text.map((p: { text: string }) => p.text)).toContain("Tom Hughes");
    expect((await moderate(id, { decision: "approve", redactions: proposals })).json).toEqual({ state: "approved" });

    for (const who of ["worker", "commissioner", "manager"]) {
      const [answer] = await answers(who, id);
      expect(answer.current).toMatchObject({ status: "change-planned" });
      expect(answer.current.text).not.toContain("Tom");
    }
    // Changed later: the history keeps the first answer.
    await respond("manager", id, { status: "change-made", text: "We now call every two weeks." });
    expect((await answers("worker", id))[0].current.status).toBe("change-planned");
    await moderate(id, { decision: "approve" });
    const [answer] = await answers("worker", id);
    expect(answer.current.status).toBe("change-made");
    expect(answer.history.map((v: { status: string }) => v.status)).toEqual(["change-planned", "change-made"]);
    expect(answer).not.toHaveProperty("pending");
  });

  test("'not possible' needs a reason; a response sent back is read by nobody else", async () => {
    const id = await approvedFeedback();
    const noWhy = await respond("manager", id, { status: "not-possible", text: "We cannot do this." });
    expect(noWhy.status).toBe(400);
    expect(noWhy.json.error.fields).toEqual([{ field: "why", message: "Say why it is not possible, so people understand." }]);
    await respond("manager", id, { status: "not-possible", text: "We cannot do this.", why: "Our funding ends in March." });
    expect((await moderate(id, { decision: "reject", reason: "It names a member of staff." })).json).toEqual({ state: "rejected" });
    expect(await answers("commissioner", id)).toEqual([]);
  });

  test("commissioners see what is still unanswered after 28 days, per provider, until an answer is approved", async () => {
    const id = await approvedFeedback();
    const unanswered = async () => (await env.call("GET", "/api/staff/responses/unanswered", as("commissioner"))).json.providers;
    expect(await unanswered()).toEqual([]);
    env.clock.now += 29 * DAY;
    await signInEveryone();
    expect(await unanswered()).toEqual([
      expect.objectContaining({ organisationId: SERVICE.organisationId, unanswered: [expect.objectContaining({ target: "feedback", targetId: id, serviceId: SERVICE.id })] }),
    ]);
    expect((await env.call("GET", "/api/staff/responses/unanswered", as("manager"))).json.providers).toHaveLength(1);
    expect((await env.call("GET", "/api/staff/responses/unanswered", as("worker"))).status).toBe(403);
    await respond("manager", id, { status: "heard", text: "We hear you." });
    expect(await unanswered()).toHaveLength(1);
    await moderate(id, { decision: "approve" });
    expect(await unanswered()).toEqual([]);
  });

  test("a manager is told their answer is waiting, or why it was sent back; nobody else is", async () => {
    const id = await approvedFeedback();
    const read = async (who: string) => (await env.call("GET", `/api/staff/responses?target=feedback&targetId=${id}`, as(who))).json;
    await respond("manager", id, { status: "change-planned", text: "We will call every two weeks." });
    const waiting = await read("manager");
    expect(waiting.responses).toEqual([]);
    expect(waiting.yours).toEqual([{ organisationId: SERVICE.organisationId, waiting: { at: expect.any(String), status: "change-planned" } }]);
    for (const who of ["worker", "commissioner"]) expect(await read(who)).toEqual({ responses: [] });

    await moderate(id, { decision: "reject", reason: "It names a member of staff." });
    expect((await read("manager")).yours).toEqual([{ organisationId: SERVICE.organisationId, sentBack: { reason: "It names a member of staff.", at: expect.any(String) } }]);
    // The reason may quote what it is about, so it is kept encrypted, as the answer itself is.
    const stored = JSON.stringify((await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items);
    expect(stored).not.toContain("It names a member of staff.");
    for (const who of ["worker", "commissioner"]) expect(await read(who)).toEqual({ responses: [] });

    // Written again: the reason goes, and it waits again; once approved, there is nothing of theirs left to say.
    await respond("manager", id, { status: "change-planned", text: "We will call every two weeks." });
    expect((await read("manager")).yours).toEqual([{ organisationId: SERVICE.organisationId, waiting: expect.objectContaining({ status: "change-planned" }) }]);
    await moderate(id, { decision: "approve" });
    const answered = await read("manager");
    expect(answered.yours).toBeUndefined();
    expect(answered.responses).toHaveLength(1);
  });

  test("on a group report addressed to two organisations, each manager hears only of their own waiting answer", async () => {
    const admin = await createStaff(env.db, [{ role: "admin" }]);
    const adminToken = await startSession(env.db, admin.account.id, env.clock.now);
    const group = await env.call("POST", "/api/staff/groups", { token: adminToken, body: { name: "Answers group", areaId: AREA, description: "A group.", organisationId: SERVICE.organisationId } });
    const groupId = group.json.group.id as string;
    const facilitator = await startSession(env.db, (await createStaff(env.db, [{ role: "facilitator", groupId }])).account.id, env.clock.now);
    const report = { date: "2026-11-20", participants: 5, summary: "We talked about waiting.", addressedTo: { serviceIds: [SERVICE.id], organisationIds: [OTHER_ORG], commissioners: true } };
    const draft = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { token: facilitator, body: report });
    const reportId = draft.json.id as string;
    await env.call("POST", `/api/staff/groups/${groupId}/reports/${reportId}/send`, { token: facilitator });
    await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${reportId}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: {} } });

    const target = `target=group-report&targetId=${reportId}&groupId=${groupId}`;
    const saved = await env.call("POST", `/api/staff/responses?${target}&organisationId=${SERVICE.organisationId}`, { ...as("manager"), body: { status: "heard", text: "Thank you." } });
    expect(saved.status).toBe(202);
    const read = async (who: string) => (await env.call("GET", `/api/staff/responses?${target}`, as(who))).json;
    expect((await read("manager")).yours).toEqual([{ organisationId: SERVICE.organisationId, waiting: expect.objectContaining({ status: "heard" }) }]);
    for (const who of ["otherManager", "commissioner", "worker"]) expect(await read(who)).toEqual({ responses: [] });
  });

  test("feedback not yet approved cannot be answered", async () => {
    await env.call("POST", "/api/feedback", { body: { serviceId: SERVICE.id, text: "Waiting." }, headers: { "Idempotency-Key": newKey() } });
    const id = (await queue())[0]!.id!;
    expect((await respond("manager", id, { status: "heard", text: "Thanks." })).status).toBe(404);
  });
});
