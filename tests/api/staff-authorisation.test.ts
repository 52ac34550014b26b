import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { groupRepository } from "../../functions/db/groups";
import { ROLES, type Grant, type Role } from "../../functions/domain/roles";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { aRequest, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";
import { createStaff, startSession } from "../support/staff";

/**
 * The authorisation matrix: every staff route, for every role, against a record in the actor's
 * own scope and one outside it. Allowed answers succeed; a role that may never do it gets 403;
 * a role that could, but not there, gets 404, exactly as if the record did not exist.
 */

const ORG_A = EXAMPLE_ORGANISATIONS[0]!.id; // the actors' own organisation
const ORG_B = EXAMPLE_ORGANISATIONS[1]!.id; // someone else's
const AREA = EXAMPLE_AREAS[0]!.id;
const GROUP_A = "5f0c7a52-8a0d-4b9e-9d55-1c2f0e6a7d01"; // the facilitator's own group
const GROUP_B = "6a1d8b63-9b1e-4caf-8e66-2d3f1f7b8e12"; // someone else's
const SERVICE_A = EXAMPLE_SERVICES.find((s) => s.organisationId === ORG_A)!;
const SERVICE_B = EXAMPLE_SERVICES.find((s) => s.organisationId === ORG_B)!;
/** A service of neither organisation, outside AREA: nothing about it reaches the actors. */
const SERVICE_ELSEWHERE = EXAMPLE_SERVICES.find((s) => !s.national && !s.areaIds.includes(AREA) && s.organisationId !== ORG_A)!;

function grantFor(role: Role): Grant {
  const scope = ROLES[role].scope;
  if (scope === "organisation") return { role, organisationId: ORG_A };
  if (scope === "area") return { role, areaId: AREA };
  if (scope === "group") return { role, groupId: GROUP_A };
  return { role };
}

const { id: _id, updatedAt: _u, waitUpdatedAt: _w, ...serviceInput } = SERVICE_A;
const serviceIn = (organisationId: string) => ({ ...serviceInput, organisationId, name: `Matrix ${randomUUID().slice(0, 6)}` });

type Scope = "in" | "out";
type Env = Awaited<ReturnType<typeof staffApp>>;
type Route = {
  name: string;
  /** Which roles may do it, and whether only in their own scope ("in") or anywhere ("both"). */
  allowed: Partial<Record<Role, "in" | "both">>;
  ok: number;
  /** The answer when a role that could do this somewhere is out of scope: 404 unless said. */
  outOfScope?: number;
  request: (scope: Scope, env: Env) => Promise<{ method: string; path: string; body?: unknown }>;
};

const orgOf = (scope: Scope) => (scope === "in" ? ORG_A : ORG_B);
const staffIn = async (scope: Scope, env: Env) => (await createStaff(env.db, [{ role: "worker", organisationId: orgOf(scope) }])).account.id;
/** A piece of feedback with text about SERVICE_A, waiting for a moderator; `feltSafe: 1` flags it for safeguarding. */
async function newFeedback(env: Env, scores: Record<string, number> = {}, serviceId = SERVICE_A.id): Promise<string> {
  const queue = async () =>
    ((await env.call("GET", "/api/staff/moderation", { token: moderatorToken })).json.pieces as { kind: string; id: string }[]).filter((p) => p.kind === "feedback").map((p) => p.id);
  const before = new Set(await queue());
  await env.call("POST", "/api/feedback", { body: { serviceId, scores, text: "They listened to me." }, headers: { "Idempotency-Key": newKey() } });
  return (await queue()).find((id) => !before.has(id)) ?? "";
}
let moderatorToken = "";
let facilitatorToken = "";
/** A piece about SERVICE_A (or another service), approved by the moderator. */
async function approvedFeedbackId(env: Env, serviceId = SERVICE_A.id): Promise<string> {
  const id = await newFeedback(env, {}, serviceId);
  await env.call("POST", `/api/staff/moderation/${id}/decision`, { token: moderatorToken, body: { decision: "approve", redactions: [] } });
  return id;
}
const aGroupReport = () => ({ date: "2026-11-20", participants: 5, summary: "We talked about waiting.", addressedTo: { serviceIds: [SERVICE_A.id] } });
/** A session report of GROUP_A, sent to moderation by its facilitator. */
async function sentGroupReport(env: Env): Promise<string> {
  const draft = await env.call("POST", `/api/staff/groups/${GROUP_A}/reports`, { token: facilitatorToken, body: aGroupReport() });
  await env.call("POST", `/api/staff/groups/${GROUP_A}/reports/${draft.json.id}/send`, { token: facilitatorToken });
  return draft.json.id;
}
/**
 * A report of GROUP_A approved by the moderator: "in" is addressed to SERVICE_A and the area's
 * commissioners, "out" only to a service elsewhere.
 */
async function approvedGroupReport(env: Env, scope: Scope): Promise<string> {
  const addressedTo = scope === "in" ? { serviceIds: [SERVICE_A.id], commissioners: true } : { serviceIds: [SERVICE_ELSEWHERE.id], commissioners: false };
  const draft = await env.call("POST", `/api/staff/groups/${GROUP_A}/reports`, { token: facilitatorToken, body: { ...aGroupReport(), addressedTo } });
  await env.call("POST", `/api/staff/groups/${GROUP_A}/reports/${draft.json.id}/send`, { token: facilitatorToken });
  await env.call("POST", `/api/staff/moderation/group-reports/${GROUP_A}/${draft.json.id}/decision`, { token: moderatorToken, body: { decision: "approve", redactions: {} } });
  return draft.json.id;
}
/** A draft of the facilitator's own group ("in"), or one of GROUP_B made straight in the database ("out"). */
async function draftOf(env: Env, scope: Scope): Promise<{ groupId: string; id: string }> {
  if (scope === "in") return { groupId: GROUP_A, id: (await env.call("POST", `/api/staff/groups/${GROUP_A}/reports`, { token: facilitatorToken, body: aGroupReport() })).json.id };
  const id = randomUUID();
  const at = new Date().toISOString();
  await groupRepository(env.db).saveReport({
    id,
    groupId: GROUP_B,
    areaId: AREA,
    organisationId: ORG_B,
    date: "2026-11-20",
    participants: 5,
    themes: [],
    addressedTo: { serviceIds: [SERVICE_B.id], organisationIds: [], commissioners: false },
    mayShowPublicly: false,
    quoteCount: 0,
    sealed: {},
    state: "draft",
    version: 1,
    createdBy: { accountId: "someone", name: "Someone" },
    createdAt: at,
    updatedAt: at,
    expiresAt: Math.floor(Date.now() / 1000) + 86_400,
  });
  return { groupId: GROUP_B, id };
}
/** A manager's answer to approved feedback about SERVICE_A, waiting for the moderator: its query. */
async function waitingResponse(env: Env): Promise<string> {
  const query = `target=feedback&targetId=${await approvedFeedbackId(env)}&organisationId=${ORG_A}`;
  await env.call("POST", `/api/staff/responses?${query}`, { token: managerToken, body: { status: "heard", text: "Thank you for telling us." } });
  return query;
}
let managerToken = "";
const newRequest = async (env: Env) => (await env.call("POST", "/api/requests", { body: aRequest(), headers: { "Idempotency-Key": newKey() } })).json.reference as string;

const ROUTES: Route[] = [
  { name: "list organisations", allowed: { admin: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/organisations" }) },
  {
    name: "create an organisation",
    allowed: { admin: "both" },
    ok: 201,
    request: async () => ({ method: "POST", path: "/api/staff/organisations", body: { name: "New org", description: "Test organisation." } }),
  },
  {
    name: "read an organisation",
    allowed: { admin: "both", manager: "in", worker: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: `/api/staff/organisations/${orgOf(scope)}` }),
  },
  {
    name: "update an organisation",
    allowed: { admin: "both" },
    ok: 200,
    request: async (scope) => ({
      method: "PUT",
      path: `/api/staff/organisations/${orgOf(scope)}`,
      body: { ...EXAMPLE_ORGANISATIONS.find((o) => o.id === orgOf(scope)), id: undefined },
    }),
  },
  // Lists have no out-of-scope record to ask for: they are filtered to the actor's scope, which
  // "what each role sees in lists" below checks.
  { name: "list services", allowed: { admin: "both", manager: "both", worker: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/services" }) },
  {
    name: "create a service",
    allowed: { admin: "both", manager: "in" },
    ok: 201,
    request: async (scope) => ({ method: "POST", path: "/api/staff/services", body: serviceIn(orgOf(scope)) }),
  },
  {
    name: "read a service",
    allowed: { admin: "both", manager: "in", worker: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: `/api/staff/services/${(scope === "in" ? SERVICE_A : SERVICE_B).id}` }),
  },
  {
    name: "update a service",
    allowed: { admin: "both", manager: "in" },
    ok: 200,
    request: async (scope) => {
      const { id, updatedAt: _a, waitUpdatedAt: _b, ...input } = scope === "in" ? SERVICE_A : SERVICE_B;
      return { method: "PUT", path: `/api/staff/services/${id}`, body: { ...input, expectedWaitWeeks: 3 } };
    },
  },
  { name: "list areas", allowed: { admin: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/areas" }) },
  {
    name: "update an area",
    allowed: { admin: "both" },
    ok: 200,
    request: async () => ({ method: "PUT", path: `/api/staff/areas/${AREA}`, body: { name: EXAMPLE_AREAS[0]!.name, postcodeDistricts: EXAMPLE_AREAS[0]!.postcodeDistricts } }),
  },
  { name: "list staff", allowed: { admin: "both", manager: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/accounts" }) },
  {
    name: "read a member of staff",
    allowed: { admin: "both", manager: "in" },
    ok: 200,
    request: async (scope, env) => ({ method: "GET", path: `/api/staff/accounts/${await staffIn(scope, env)}` }),
  },
  {
    name: "change someone's roles",
    allowed: { admin: "both", manager: "in" },
    ok: 200,
    request: async (scope, env) => ({
      method: "PUT",
      path: `/api/staff/accounts/${await staffIn(scope, env)}/grants`,
      body: { grants: [{ role: "manager", organisationId: orgOf(scope) }] },
    }),
  },
  {
    name: "remove a member of staff",
    allowed: { admin: "both", manager: "in" },
    ok: 200,
    request: async (scope, env) => ({ method: "DELETE", path: `/api/staff/accounts/${await staffIn(scope, env)}` }),
  },
  {
    name: "invite someone",
    allowed: { admin: "both", manager: "in" },
    ok: 201,
    outOfScope: 403,
    request: async (scope) => ({
      method: "POST",
      path: "/api/staff/invites",
      body: { email: `${randomUUID().slice(0, 8)}@example.org`, grants: [{ role: "worker", organisationId: orgOf(scope) }] },
    }),
  },
  {
    name: "read the audit log",
    allowed: { admin: "both", manager: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: `/api/staff/audit?organisationId=${orgOf(scope)}` }),
  },
  // A request belongs to no one organisation: an admin may export any, and no one else any.
  {
    name: "make a subject access export",
    allowed: { admin: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "GET", path: `/api/staff/requests/${await newRequest(env)}/export` }),
  },
  // Feedback free text: moderators see every piece before approval, and nobody else does (J9).
  { name: "list the moderation queue", allowed: { moderator: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/moderation" }) },
  {
    name: "open a piece of feedback to moderate",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "GET", path: `/api/staff/moderation/${await newFeedback(env)}` }),
  },
  {
    name: "record a safeguarding action",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "POST", path: `/api/staff/moderation/${await newFeedback(env, { safe: 1 })}/safeguarding`, body: { action: "Told the service's safeguarding lead." } }),
  },
  {
    name: "decide on a piece of feedback",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "POST", path: `/api/staff/moderation/${await newFeedback(env)}/decision`, body: { decision: "reject", reason: "Test." } }),
  },
  // Contributors' groups: admins set them up; a facilitator records their own group's sessions.
  { name: "list groups", allowed: { admin: "both", facilitator: "both" }, ok: 200, request: async () => ({ method: "GET", path: "/api/staff/groups" }) },
  {
    name: "set up a group",
    allowed: { admin: "both" },
    ok: 201,
    request: async () => ({ method: "POST", path: "/api/staff/groups", body: { name: "A group", areaId: AREA, description: "Test group.", organisationId: ORG_A } }),
  },
  { name: "add a theme", allowed: { admin: "both" }, ok: 201, request: async () => ({ method: "POST", path: "/api/staff/themes", body: { label: `Theme ${randomUUID().slice(0, 6)}` } }) },
  {
    name: "list a group's session reports",
    allowed: { facilitator: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: `/api/staff/groups/${scope === "in" ? GROUP_A : GROUP_B}/reports` }),
  },
  {
    name: "record a group session",
    allowed: { facilitator: "in" },
    ok: 201,
    request: async (scope) => ({ method: "POST", path: `/api/staff/groups/${scope === "in" ? GROUP_A : GROUP_B}/reports`, body: aGroupReport() }),
  },
  {
    name: "change a draft session report",
    allowed: { facilitator: "in" },
    ok: 200,
    request: async (scope, env) => {
      const { groupId, id } = await draftOf(env, scope);
      return { method: "PUT", path: `/api/staff/groups/${groupId}/reports/${id}`, body: aGroupReport() };
    },
  },
  {
    name: "send a session report to moderation",
    allowed: { facilitator: "in" },
    ok: 200,
    request: async (scope, env) => {
      const { groupId, id } = await draftOf(env, scope);
      return { method: "POST", path: `/api/staff/groups/${groupId}/reports/${id}/send` };
    },
  },
  // Every signed-in role may read the theme names: they say nothing about anyone.
  {
    name: "list themes",
    allowed: Object.fromEntries(Object.keys(ROLES).map((r) => [r, "both"])) as Route["allowed"],
    ok: 200,
    request: async () => ({ method: "GET", path: "/api/staff/themes" }),
  },
  {
    name: "open a group report to moderate",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "GET", path: `/api/staff/moderation/group-reports/${GROUP_A}/${await sentGroupReport(env)}` }),
  },
  {
    name: "moderate a group report",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "POST", path: `/api/staff/moderation/group-reports/${GROUP_A}/${await sentGroupReport(env)}/decision`, body: { decision: "reject", reason: "Test." } }),
  },
  {
    name: "read approved group reports",
    allowed: { manager: "in", worker: "in", commissioner: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: scope === "in" ? "/api/staff/group-reports" : `/api/staff/group-reports?organisationId=${ORG_B}` }),
  },
  // "You said, we did": a manager answers for their own organisation; what is unanswered, for commissioners and managers.
  {
    name: "answer approved feedback",
    allowed: { manager: "in" },
    ok: 202,
    request: async (scope, env) => ({
      method: "POST",
      path: `/api/staff/responses?target=feedback&targetId=${await approvedFeedbackId(env)}${scope === "out" ? `&organisationId=${ORG_B}` : ""}`,
      body: { status: "heard", text: "Thank you for telling us." },
    }),
  },
  {
    name: "answer an approved group report",
    allowed: { manager: "in" },
    ok: 202,
    request: async (scope, env) => ({
      method: "POST",
      path: `/api/staff/responses?target=group-report&targetId=${await approvedGroupReport(env, "in")}&groupId=${GROUP_A}${scope === "out" ? `&organisationId=${ORG_B}` : ""}`,
      body: { status: "heard", text: "Thank you for telling us." },
    }),
  },
  {
    name: "read the answers to feedback",
    allowed: { manager: "in", worker: "in", commissioner: "in" },
    ok: 200,
    request: async (scope, env) => ({ method: "GET", path: `/api/staff/responses?target=feedback&targetId=${await approvedFeedbackId(env, (scope === "in" ? SERVICE_A : SERVICE_ELSEWHERE).id)}` }),
  },
  {
    name: "read the answers to a group report",
    allowed: { manager: "in", worker: "in", commissioner: "in" },
    ok: 200,
    request: async (scope, env) => ({ method: "GET", path: `/api/staff/responses?target=group-report&targetId=${await approvedGroupReport(env, scope)}&groupId=${GROUP_A}` }),
  },
  {
    name: "open an answer to moderate",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "GET", path: `/api/staff/moderation/responses?${await waitingResponse(env)}` }),
  },
  {
    name: "decide on an answer",
    allowed: { moderator: "both" },
    ok: 200,
    request: async (_scope, env) => ({ method: "POST", path: `/api/staff/moderation/responses/decision?${await waitingResponse(env)}`, body: { decision: "reject", reason: "Test." } }),
  },
  {
    name: "choose an excerpt for a service page",
    allowed: { manager: "in" },
    ok: 200,
    request: async (scope, env) => ({ method: "PUT", path: `/api/staff/feedback/${await approvedFeedbackId(env, (scope === "in" ? SERVICE_A : SERVICE_B).id)}/excerpt`, body: { shown: false } }),
  },
  {
    name: "see what is unanswered",
    allowed: { manager: "in", commissioner: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: scope === "in" ? "/api/staff/responses/unanswered" : `/api/staff/responses/unanswered?organisationId=${ORG_B}` }),
  },
  // Approved feedback: a provider's staff about their own organisation, a commissioner about their area.
  {
    name: "read approved feedback",
    allowed: { manager: "in", worker: "in", commissioner: "in" },
    ok: 200,
    request: async (scope) => ({ method: "GET", path: scope === "in" ? "/api/staff/feedback" : `/api/staff/feedback?organisationId=${ORG_B}` }),
  },
];

const ALL_ROLES = Object.keys(ROLES) as Role[];

let env: Env;
const tokens = {} as Record<Role, string>;
beforeAll(async () => {
  // The matrix gives far more feedback from one address than a person could.
  env = await staffApp({ limits: { feedback: { bucket: "feedback", limit: 100_000, windowSeconds: 60 } } });
  for (const role of ALL_ROLES) {
    const { account } = await createStaff(env.db, [grantFor(role)]);
    tokens[role] = await startSession(env.db, account.id, env.clock.now);
  }
  moderatorToken = tokens.moderator;
  facilitatorToken = tokens.facilitator;
  managerToken = tokens.manager;
  const at = new Date().toISOString();
  for (const [id, organisationId] of [[GROUP_A, ORG_A], [GROUP_B, ORG_B]] as const) {
    await groupRepository(env.db).saveGroup({ id, name: "Matrix group", areaId: AREA, description: "Test group.", organisationId, createdAt: at, updatedAt: at });
  }
}, 60_000);

const cases = ROUTES.flatMap((route) => ALL_ROLES.flatMap((role) => (["in", "out"] as const).map((scope) => ({ route, role, scope }))));

describe.each(cases.map((c) => [`${c.route.name} · ${c.role} · ${c.scope} of scope`, c] as const))("%s", (_, { route, role, scope }) => {
  const rule = route.allowed[role];
  const expected = rule === "both" || (rule === "in" && scope === "in") ? route.ok : rule ? (route.outOfScope ?? 404) : 403;
  test(`answers ${expected}`, async () => {
    const request = await route.request(scope, env);
    const res = await env.call(request.method, request.path, { token: tokens[role], body: request.body });
    expect(res.status, JSON.stringify(res.json?.error ?? {})).toBe(expected);
  });
});

describe("what each role sees in lists", () => {
  test("a manager's staff and services lists hold only their own organisation's", async () => {
    const outsider = await createStaff(env.db, [{ role: "worker", organisationId: ORG_B }]);
    const staff = await env.call("GET", "/api/staff/accounts", { token: tokens.manager });
    expect(staff.json.accounts.map((a: { id: string }) => a.id)).not.toContain(outsider.account.id);
    const services = await env.call("GET", "/api/staff/services", { token: tokens.manager });
    expect(services.json.services.every((s: { organisationId: string }) => s.organisationId === ORG_A)).toBe(true);
    const all = await env.call("GET", "/api/staff/services", { token: tokens.admin });
    expect(all.json.services.length).toBeGreaterThan(services.json.services.length);
  });

  test("reading staff, one or the whole list, is written to the audit log", async () => {
    // The matrix above writes many entries at one instant; a moment later, these are the newest page.
    env.clock.now += 1000;
    await env.call("GET", "/api/staff/accounts", { token: tokens.admin });
    const entries = (await env.call("GET", "/api/staff/audit", { token: tokens.admin })).json.entries;
    expect(entries.some((e: { action: string; record?: string }) => e.action === "staff.read" && e.record === "account:list")).toBe(true);
  });

  test("a manager's audit log, unasked, is their own organisation's", async () => {
    const res = await env.call("GET", "/api/staff/audit", { token: tokens.manager });
    expect(res.status).toBe(200);
    expect(res.json.entries.every((e: { organisationId?: string }) => e.organisationId === ORG_A)).toBe(true);
  });
});

describe("role escalation through the API is refused and audited", () => {
  test.each([
    ["admin", [{ role: "admin" }]],
    ["a manager elsewhere", [{ role: "manager", organisationId: ORG_B }]],
    ["a commissioner", [{ role: "commissioner", areaId: AREA }]],
  ])("a manager cannot make anyone %s", async (_, grants) => {
    env.clock.now += 1000;
    const target = await staffIn("in", env);
    const res = await env.call("PUT", `/api/staff/accounts/${target}/grants`, { token: tokens.manager, body: { grants } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("roles.not_allowed");
    const invite = await env.call("POST", "/api/staff/invites", { token: tokens.manager, body: { email: "x@example.org", grants } });
    expect(invite.status).toBe(403);
    const audit = await env.call("GET", "/api/staff/audit", { token: tokens.admin });
    expect(audit.json.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["roles.refused", "invite.refused"]));
  });

  test("a manager cannot remove an admin, nor change the roles of someone who is also elsewhere", async () => {
    const mixed = await createStaff(env.db, [
      { role: "worker", organisationId: ORG_A },
      { role: "worker", organisationId: ORG_B },
    ]);
    const change = await env.call("PUT", `/api/staff/accounts/${mixed.account.id}/grants`, {
      token: tokens.manager,
      body: { grants: [{ role: "worker", organisationId: ORG_A }] },
    });
    expect(change.status).toBe(403);
    const remove = await env.call("DELETE", `/api/staff/accounts/${mixed.account.id}`, { token: tokens.manager });
    expect(remove.status).toBe(403);
  });

  test.each(["manager", "admin"] as const)("a %s cannot change their own roles or remove themselves, so the last admin cannot lock everyone out", async (role) => {
    const self = (await env.call("GET", "/api/staff/me", { token: tokens[role] })).json.account;
    const change = await env.call("PUT", `/api/staff/accounts/${self.id}/grants`, { token: tokens[role], body: { grants: [{ role: "admin" }] } });
    expect(change.status).toBe(403);
    expect(change.json.error.code).toBe("account.own");
    const remove = await env.call("DELETE", `/api/staff/accounts/${self.id}`, { token: tokens[role] });
    expect(remove.status).toBe(403);
    expect((await env.call("GET", "/api/staff/me", { token: tokens[role] })).json.account.grants).toEqual(self.grants);
  });

  test("a grant whose scope does not fit its role is a 400 naming the field", async () => {
    const res = await env.call("POST", "/api/staff/invites", { token: tokens.admin, body: { email: "y@example.org", grants: [{ role: "worker" }] } });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/organisation they work for/);
    expect(res.json.error.fields[0].field).toBe("grants.organisationId");
  });

  test.each(["javascript:alert(1)", "data:text/html,hi", "ftp://example.org"])("a web address %s is refused: only http and https can be opened safely", async (website) => {
    const organisation = await env.call("POST", "/api/staff/organisations", { token: tokens.admin, body: { name: "A", description: "B", website } });
    expect(organisation.status).toBe(400);
    expect(organisation.json.error.fields).toEqual([{ field: "website", message: "Enter a web address starting with https://" }]);
    const { id, updatedAt: _u, waitUpdatedAt: _w, ...input } = SERVICE_A;
    const service = await env.call("PUT", `/api/staff/services/${id}`, { token: tokens.admin, body: { ...input, contact: { ...input.contact, website } } });
    expect(service.status).toBe(400);
    expect(service.json.error.fields[0].field).toBe("contact.website");
  });

  test("directory fields are refused in plain words, not a library's", async () => {
    const { id, updatedAt: _u, waitUpdatedAt: _w, ...input } = SERVICE_A;
    const res = await env.call("PUT", `/api/staff/services/${id}`, { token: tokens.admin, body: { ...input, name: "", expectedWaitWeeks: 300, minAge: -1 } });
    expect(res.json.error.fields).toEqual([
      { field: "name", message: "This cannot be empty." },
      { field: "minAge", message: "Enter an age from 0 to 120." },
      { field: "expectedWaitWeeks", message: "Enter at most 104 weeks (2 years)." },
    ]);
  });
});
