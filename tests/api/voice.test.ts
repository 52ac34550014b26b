import { beforeEach, describe, expect, test } from "vitest";
import { HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/** "What people said" on a public service page: nothing below five approved pieces, then scores, chosen excerpts, public reports and answers. */

const SERVICE = HARBOUR_YOUNG_PEOPLE;
type Env = Awaited<ReturnType<typeof staffApp>>;
let env: Env;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ token: tokens[who] });

beforeEach(async () => {
  env = await staffApp();
  const grants = {
    moderator: [{ role: "moderator" as const }],
    manager: [{ role: "manager" as const, organisationId: SERVICE.organisationId }],
    worker: [{ role: "worker" as const, organisationId: SERVICE.organisationId }],
    admin: [{ role: "admin" as const }],
  };
  for (const [name, g] of Object.entries(grants)) tokens[name] = await startSession(env.db, (await createStaff(env.db, g)).account.id, env.clock.now);
});

const voice = async () => (await env.call("GET", `/api/services/${SERVICE.id}/voice`)).json;

/** Gives and approves a piece with text; its id. */
async function approvedPiece(scores: Record<string, number>, text = "They listened to me."): Promise<string> {
  const before = new Set(((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces as { id: string }[]).map((p) => p.id));
  await env.call("POST", "/api/feedback", { body: { serviceId: SERVICE.id, scores, text, mayShowPublicly: true }, headers: { "Idempotency-Key": newKey() } });
  const id = ((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces as { id: string }[]).find((p) => !before.has(p.id))!.id;
  await env.call("POST", `/api/staff/moderation/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: [] } });
  return id;
}

describe("what people said", () => {
  test("says there is not enough feedback until five pieces are approved; then shows averages from five answers or more, chosen excerpts and answers", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await approvedPiece({ listened: 4, safe: i === 0 ? 2 : 5 }));
    // Scores-only feedback counts in the averages but not towards the five approved pieces.
    await env.call("POST", "/api/feedback", { body: { serviceId: SERVICE.id, scores: { listened: 5, safe: 5 } }, headers: { "Idempotency-Key": newKey() } });
    expect(await voice()).toEqual({ enough: false, minimum: 5 });

    await env.call("PUT", `/api/staff/feedback/${ids[0]}/excerpt`, { ...as("manager"), body: { shown: true } });
    await env.call("POST", `/api/staff/responses?target=feedback&targetId=${ids[1]}`, { ...as("manager"), body: { status: "change-planned", text: "We will call more often." } });
    await env.call("POST", `/api/staff/moderation/responses/decision?target=feedback&targetId=${ids[1]}&organisationId=${SERVICE.organisationId}`, { ...as("moderator"), body: { decision: "approve" } });
    expect(await voice()).toEqual({ enough: false, minimum: 5 });

    ids.push(await approvedPiece({ listened: 3, choice: 4 }));
    const shown = await voice();
    expect(shown).toMatchObject({ enough: true, approved: 5, excerpts: [{ text: "They listened to me." }], responses: [{ status: "change-planned", text: "We will call more often." }] });
    // listened: 4,4,4,4,5,3 → 4; safe: 2,5,5,5,5 → 4.4; choice was answered once, so it is not shown.
    expect(shown.scores).toEqual([
      { statement: "listened", average: 4, answered: 6 },
      { statement: "safe", average: 4.4, answered: 5 },
    ]);
  });

  test("words are shown only if the person agreed", async () => {
    await env.call("POST", "/api/feedback", { body: { serviceId: SERVICE.id, text: "Not for the page." }, headers: { "Idempotency-Key": newKey() } });
    const { id } = ((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces as { id: string }[])[0]!;
    await env.call("POST", `/api/staff/moderation/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: [] } });
    const res = await env.call("PUT", `/api/staff/feedback/${id}/excerpt`, { ...as("manager"), body: { shown: true } });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe("voice.not_agreed");
  });

  test("only a manager of the service's organisation chooses excerpts, at most three", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await approvedPiece({}, `Piece ${i}.`));
    expect((await env.call("PUT", `/api/staff/feedback/${ids[0]}/excerpt`, { ...as("worker"), body: { shown: true } })).status).toBe(403);
    expect((await env.call("PUT", `/api/staff/feedback/${ids[0]}/excerpt`, { ...as("admin"), body: { shown: true } })).status).toBe(403);
    for (const id of ids.slice(0, 3)) expect((await env.call("PUT", `/api/staff/feedback/${id}/excerpt`, { ...as("manager"), body: { shown: true } })).status).toBe(200);
    const fourth = await env.call("PUT", `/api/staff/feedback/${ids[3]}/excerpt`, { ...as("manager"), body: { shown: true } });
    expect(fourth.status).toBe(409);
    expect((await env.call("PUT", `/api/staff/feedback/${ids[0]}/excerpt`, { ...as("manager"), body: { shown: false } })).status).toBe(200);
    expect((await env.call("PUT", `/api/staff/feedback/${ids[3]}/excerpt`, { ...as("manager"), body: { shown: true } })).status).toBe(200);
  });

  test("a group report addressed to the service appears only if the facilitator said it may be shown publicly", async () => {
    const made = await env.call("POST", "/api/staff/groups", { ...as("admin"), body: { name: "Young voices", areaId: SERVICE.areaIds[0], description: "Monthly.", organisationId: SERVICE.organisationId } });
    const groupId = made.json.group.id;
    const facilitator = await startSession(env.db, (await createStaff(env.db, [{ role: "facilitator", groupId }])).account.id, env.clock.now);
    for (const mayShowPublicly of [true, false]) {
      const draft = await env.call("POST", `/api/staff/groups/${groupId}/reports`, {
        token: facilitator,
        body: { date: "2026-11-20", participants: 6, summary: mayShowPublicly ? "Public summary." : "Private summary.", addressedTo: { serviceIds: [SERVICE.id] }, mayShowPublicly },
      });
      await env.call("POST", `/api/staff/groups/${groupId}/reports/${draft.json.id}/send`, { token: facilitator });
      await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${draft.json.id}/decision`, { ...as("moderator"), body: { decision: "approve" } });
    }
    for (let i = 0; i < 5; i++) await approvedPiece({});
    const { reports } = await voice();
    expect(reports).toEqual([expect.objectContaining({ groupName: "Young voices", participants: 6, summary: "Public summary." })]);
  });

  test("an unknown service is a 404", async () => {
    expect((await env.call("GET", "/api/services/00000000-0000-4000-8000-000000000000/voice")).status).toBe(404);
  });
});
