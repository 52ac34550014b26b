import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, test } from "vitest";
import { feedbackRepository } from "../../functions/db/feedback";
import { FEEDBACK_TEXT_MAX } from "../../functions/domain/feedback";
import { EXAMPLE_AREAS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { aRequest, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession, type TestStaff } from "../support/staff";
import { staffApp } from "../support/staff-api";

/** J4 and J9 through the API, on DynamoDB Local: anonymous feedback, moderation, and who reads what. */

const SERVICE = HARBOUR_YOUNG_PEOPLE;
const AREA = SERVICE.areaIds[0]!;
const OTHER_AREA = EXAMPLE_AREAS.find((a) => !SERVICE.areaIds.includes(a.id))!.id;
/** A service of another organisation, and not one that aRequest() asks. */
const OTHER_ORG_SERVICE = EXAMPLE_SERVICES.find((s) => s.organisationId !== SERVICE.organisationId && s.status !== "closed" && !s.national && !aRequest().serviceIds.includes(s.id))!;
const TEXT = "Sarah Jones at Harbour was kind. I go to St Mary's Academy. Call me on 07700 900123.";

type Env = Awaited<ReturnType<typeof staffApp>>;
let env: Env;
const tokens: Record<string, string> = {};
let worker: TestStaff;

beforeEach(async () => {
  env = await staffApp({ limits: { feedback: { bucket: "feedback", limit: 1000, windowSeconds: 60 } } });
  worker = await createStaff(env.db, [{ role: "worker", organisationId: SERVICE.organisationId }]);
  const people = {
    worker,
    moderator: await createStaff(env.db, [{ role: "moderator" }]),
    commissioner: await createStaff(env.db, [{ role: "commissioner", areaId: AREA }]),
    elsewhere: await createStaff(env.db, [{ role: "commissioner", areaId: OTHER_AREA }]),
    otherWorker: await createStaff(env.db, [{ role: "worker", organisationId: OTHER_ORG_SERVICE.organisationId }]),
    admin: await createStaff(env.db, [{ role: "admin" }]),
  };
  for (const [name, person] of Object.entries(people)) tokens[name] = await startSession(env.db, person.account.id, env.clock.now);
});

const give = (body: unknown, key = newKey()) => env.call("POST", "/api/feedback", { body, headers: { "Idempotency-Key": key } });
const aPiece = (overrides: Record<string, unknown> = {}) => ({ serviceId: SERVICE.id, usage: "used", scores: { listened: 5, safe: 4 }, text: TEXT, ...overrides });
const queue = async () => (await env.call("GET", "/api/staff/moderation", { token: tokens.moderator })).json.pieces as { id: string; safeguarding?: { actioned: boolean } }[];
const everything = async () => JSON.stringify((await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items);
const stored = async () => (await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items!.filter((i) => i.type === "feedback");
const approvedFor = async (who: string, query = "") => (await env.call("GET", `/api/staff/feedback${query}`, { token: tokens[who] })).json;

describe("giving feedback", () => {
  test("is anonymous, waits for a moderator, keeps its text encrypted, and counts its scores at once", async () => {
    const res = await give(aPiece());
    expect(res.status).toBe(201);
    expect(res.json).toEqual({ moderated: true, safeguarding: false });
    const [piece] = await stored();
    expect(piece).toMatchObject({ state: "pending", serviceId: SERVICE.id, fromCheckIn: false, scores: { listened: 5, safe: 4 } });
    expect(piece!.expiresAt).toBeGreaterThan(Date.now() / 1000 + 300 * 24 * 3600);
    const all = await everything();
    for (const secret of ["Sarah", "Mary", "900123", "kind"]) expect(all, secret).not.toContain(secret);
    const month = new Date(env.clock.now).toISOString().slice(0, 7);
    const counters = await feedbackRepository(env.db).serviceCounters(SERVICE.id, month);
    expect(counters).toMatchObject({ pieces: 1, withText: 1, "usage.used": 1, "score.listened.5": 1, "score.safe.4": 1 });
    expect(counters.approved).toBeUndefined();
  });

  test("scores only need no moderator; equality answers count for the service's areas", async () => {
    const res = await give({ serviceId: SERVICE.id, scores: { waitOk: 2 }, equality: { gender: "boy-man", ethnicity: "black-african" } });
    expect(res.json).toEqual({ moderated: false, safeguarding: false });
    expect(await queue()).toEqual([]);
    const month = new Date(env.clock.now).toISOString().slice(0, 7);
    expect(await feedbackRepository(env.db).areaCounters(AREA, month)).toMatchObject({ pieces: 1, "equality.gender.boy-man": 1, "equality.ethnicity.black-african": 1 });
    // Counted, and not kept beside the piece, where they could help pick someone out.
    expect((await stored())[0]).not.toHaveProperty("equality");
  });

  test("50 identical submissions at once store one piece and count it once", async () => {
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 50 }, () => give(aPiece(), key)));
    expect(answers.map((a) => a.status).sort((a, b) => b - a)).toEqual([201, ...Array(49).fill(200)]);
    expect(await stored()).toHaveLength(1);
    const month = new Date(env.clock.now).toISOString().slice(0, 7);
    expect((await feedbackRepository(env.db).serviceCounters(SERVICE.id, month)).pieces).toBe(1);
    const reused = await give(aPiece({ text: "Something else." }), key);
    expect(reused.status).toBe(409);
    expect(reused.json.error.code).toBe("idempotency.reused");
  });

  test("is limited per address in the same transaction: over the limit nothing is stored", async () => {
    const limited = await staffApp({ limits: { feedback: { bucket: "feedback", limit: 2, windowSeconds: 600 } } });
    const send = () => limited.call("POST", "/api/feedback", { body: aPiece(), headers: { "Idempotency-Key": newKey() } });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(429);
    expect(third.json.error.message).toMatch(/Your answers are still here/);
    const items = (await limited.db.doc.send(new ScanCommand({ TableName: limited.db.tableName }))).Items!;
    expect(items.filter((i) => i.type === "feedback")).toHaveLength(2);
  });

  test.each([
    ["text over the limit", aPiece({ text: "a".repeat(FEEDBACK_TEXT_MAX + 1) }), "text", /at most 2,000 characters/],
    ["a score off the scale", aPiece({ scores: { listened: 6 } }), "scores.listened", /one of the five answers/],
    ["an unknown service", aPiece({ serviceId: "00000000-0000-4000-8000-000000000000" }), "serviceId", /in OneDoor/],
    ["no service", aPiece({ serviceId: undefined }), "serviceId", /Choose the service/],
    ["an unknown equality answer", aPiece({ equality: { gender: "robot" } }), "equality.gender", /from the list/],
    ["a question OneDoor does not ask", aPiece({ equality: { postcode: "BS5" } }), "equality", /not questions OneDoor asks/],
    ["contact details", aPiece({ email: "me@example.org" }), "", /anonymous, so OneDoor does not take email/],
  ])("%s is refused, naming what to fix, and nothing is stored", async (_, body, field, message) => {
    const res = await give(body);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.error)).toMatch(message);
    if (field) expect(res.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await stored()).toHaveLength(0);
  });

  test("needs an Idempotency-Key", async () => {
    const res = await env.call("POST", "/api/feedback", { body: aPiece() });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("idempotency.missing");
  });

  test("writes nothing of the piece to the logs", async () => {
    await give(aPiece());
    const [id] = (await queue()).map((p) => p.id);
    await env.call("GET", `/api/staff/moderation/${id}`, { token: tokens.moderator });
    const logs = JSON.stringify(env.logger.lines);
    for (const secret of ["Sarah", "Mary", "900123", SERVICE.id]) expect(logs).not.toContain(secret);
  });
});

describe("moderation", () => {
  test("a moderator sees the original with proposed redactions; once approved, providers and the area's commissioners read only the redacted text", async () => {
    await give(aPiece());
    expect(await approvedFor("worker")).toMatchObject({ pieces: [] });
    const { id } = (await queue())[0]!;
    const open = await env.call("GET", `/api/staff/moderation/${id}`, { token: tokens.moderator });
    expect(open.status).toBe(200);
    const { piece } = open.json;
    expect(piece.text).toBe(TEXT);
    const kinds = piece.proposals.map((p: { kind: string; text: string }) => `${p.kind}:${p.text}`);
    expect(kinds).toEqual(expect.arrayContaining(["person-name:Sarah Jones", "school:St Mary's Academy", "phone:07700 900123"]));

    const decided = await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "approve", redactions: piece.proposals } });
    expect(decided.json).toEqual({ state: "approved" });
    // What was removed is nowhere in clear: the redactions are kept as places, not words.
    const all = await everything();
    for (const removed of ["Sarah Jones", "St Mary's Academy", "07700 900123"]) expect(all, removed).not.toContain(removed);
    for (const who of ["worker", "commissioner"]) {
      const { pieces } = await approvedFor(who);
      expect(pieces).toHaveLength(1);
      expect(pieces[0].text).not.toMatch(/Sarah|Jones|Mary|900123/);
      expect(pieces[0].text).toMatch(/\[name removed\]/);
      expect(pieces[0]).not.toHaveProperty("equality");
      expect(pieces[0].month).toMatch(/^\d{4}-\d{2}$/);
    }
    expect((await approvedFor("elsewhere")).pieces).toEqual([]);
    expect((await approvedFor("otherWorker")).pieces).toEqual([]);
    expect((await env.call("GET", `/api/staff/feedback?organisationId=${SERVICE.organisationId}`, { token: tokens.otherWorker })).status).toBe(404);
    expect((await env.call("GET", "/api/staff/feedback", { token: tokens.admin })).status).toBe(403);
    // Decided once: a second decision is refused, and the queue is empty.
    expect((await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "reject", reason: "x" } })).status).toBe(409);
    expect(await queue()).toEqual([]);
    const month = new Date(env.clock.now).toISOString().slice(0, 7);
    expect((await feedbackRepository(env.db).serviceCounters(SERVICE.id, month)).approved).toBe(1);
    const audit = (await env.call("GET", "/api/staff/audit", { token: tokens.admin })).json.entries.map((e: { action: string }) => e.action);
    expect(audit).toEqual(expect.arrayContaining(["feedback.opened", "feedback.approved", "feedback.read"]));
  });

  test("a rejected piece is seen by nobody else", async () => {
    await give(aPiece());
    const { id } = (await queue())[0]!;
    const noReason = await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "reject", reason: " " } });
    expect(noReason.status).toBe(400);
    expect(noReason.json.error.fields).toEqual([{ field: "reason", message: "Say why you are rejecting it." }]);
    expect((await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "reject", reason: "Not about the service." } })).json).toEqual({ state: "rejected" });
    for (const who of ["worker", "commissioner"]) expect((await approvedFor(who)).pieces).toEqual([]);
    expect(await everything()).not.toContain("Not about the service.");
    const reopened = (await env.call("GET", `/api/staff/moderation/${id}`, { token: tokens.moderator })).json.piece;
    expect(reopened.decided.reason).toBe("Not about the service.");
  });

  test("redactions that do not fit the text are refused, and the piece stays waiting", async () => {
    await give(aPiece());
    const { id } = (await queue())[0]!;
    const res = await env.call("POST", `/api/staff/moderation/${id}/decision`, {
      token: tokens.moderator,
      body: { decision: "approve", redactions: [{ start: 0, end: 5, kind: "person-name", text: "Zzzzz" }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].field).toBe("redactions");
    expect(await queue()).toHaveLength(1);
  });

  test("words of risk go first in the queue, need a recorded safeguarding action before a decision, and the thank-you shows the crisis lines", async () => {
    await give(aPiece({ text: "It was fine." }));
    const risky = await give(aPiece({ text: "I want to kill myself. He is still doing it." }));
    expect(risky.json).toEqual({ moderated: true, safeguarding: true });
    const unsafe = await give({ serviceId: SERVICE.id, scores: { safe: 1 } });
    expect(unsafe.json).toEqual({ moderated: false, safeguarding: true });
    const pieces = await queue();
    expect(pieces.map((p) => !!p.safeguarding)).toEqual([true, false]);
    const id = pieces[0]!.id;
    const open = (await env.call("GET", `/api/staff/moderation/${id}`, { token: tokens.moderator })).json.piece;
    expect(open.safeguarding.phrases.length).toBeGreaterThan(0);
    expect(await everything()).not.toContain("kill myself");
    const early = await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "reject", reason: "Risk." } });
    expect(early.status).toBe(409);
    expect(early.json.error.code).toBe("feedback.safeguarding_first");
    const recorded = await env.call("POST", `/api/staff/moderation/${id}/safeguarding`, { token: tokens.moderator, body: { action: "Passed to the service's safeguarding lead by phone." } });
    expect(recorded.json.piece.safeguarding.actioned).toMatchObject({ action: "Passed to the service's safeguarding lead by phone." });
    expect((await queue()).find((p) => p.id === id)!.safeguarding).toEqual({ actioned: true });
    expect((await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: tokens.moderator, body: { decision: "reject", reason: "Risk, handled." } })).status).toBe(200);
    expect(await everything()).not.toContain("safeguarding lead by phone");
  });
});

describe("feedback from check in", () => {
  test("counts as from someone who used the service, only for services they asked, and holds nothing of the request", async () => {
    const asked = await env.call("POST", "/api/requests", { body: aRequest(), headers: { "Idempotency-Key": newKey() } });
    const signIn = await env.call("POST", "/api/check-in/sign-in", { body: { reference: asked.json.reference, code: asked.json.checkInCode } });
    const cookie = signIn.setCookie.split(";")[0]!;
    const send = (serviceId: string) => env.call("POST", "/api/check-in/feedback", { body: aPiece({ serviceId }), headers: { "Idempotency-Key": newKey(), cookie } });
    expect((await send(OTHER_ORG_SERVICE.id)).status).toBe(400);
    expect((await send(SERVICE.id)).status).toBe(201);
    const [piece] = await stored();
    expect(piece!.fromCheckIn).toBe(true);
    expect(JSON.stringify(piece)).not.toContain(asked.json.reference);
    expect((await env.call("POST", "/api/check-in/feedback", { body: aPiece(), headers: { "Idempotency-Key": newKey() } })).status).toBe(401);
  });
});
