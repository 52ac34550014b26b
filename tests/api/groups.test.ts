import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeEach, describe, expect, test } from "vitest";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { HARBOUR_YOUNG_PEOPLE } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/** J5 through the API, on DynamoDB Local: groups, session reports, their moderation and who reads them. */

const SERVICE = HARBOUR_YOUNG_PEOPLE;
const AREA = SERVICE.areaIds[0]!;
const OTHER_AREA = EXAMPLE_AREAS.find((a) => a.id !== AREA)!.id;
const OTHER_ORG = EXAMPLE_ORGANISATIONS.find((o) => o.id !== SERVICE.organisationId && !EXAMPLE_SERVICES.some((s) => s.organisationId === o.id && s.id === SERVICE.id))!.id;

type Env = Awaited<ReturnType<typeof staffApp>>;
let env: Env;
let groupId: string;
const tokens: Record<string, string> = {};

const aReport = (overrides: Record<string, unknown> = {}) => ({
  date: "2026-11-20",
  participants: 7,
  themes: ["waiting", "being-listened-to"],
  summary: "The group talked about waiting. Sarah Jones said the wait at Harbour was too long.",
  quotes: [
    { text: "I waited months and nobody called.", consent: true },
    { text: "My worker Tom listened to me.", consent: true },
  ],
  recommendations: "Call people on the waiting list every two weeks.",
  addressedTo: { serviceIds: [SERVICE.id], commissioners: true },
  mayShowPublicly: false,
  ...overrides,
});

const as = (who: string) => ({ token: tokens[who] });
const everything = async () => JSON.stringify((await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }))).Items);

beforeEach(async () => {
  env = await staffApp();
  const admin = await createStaff(env.db, [{ role: "admin" }]);
  tokens.admin = await startSession(env.db, admin.account.id, env.clock.now);
  const made = await env.call("POST", "/api/staff/groups", { ...as("admin"), body: { name: "Young voices", areaId: AREA, description: "Young people who meet monthly.", organisationId: SERVICE.organisationId } });
  expect(made.status).toBe(201);
  groupId = made.json.group.id;
  const people = {
    facilitator: [{ role: "facilitator" as const, groupId }],
    otherFacilitator: [{ role: "facilitator" as const, groupId: "5f0c7a52-8a0d-4b9e-9d55-1c2f0e6a7d01" }],
    moderator: [{ role: "moderator" as const }],
    worker: [{ role: "worker" as const, organisationId: SERVICE.organisationId }],
    otherWorker: [{ role: "worker" as const, organisationId: OTHER_ORG }],
    commissioner: [{ role: "commissioner" as const, areaId: AREA }],
    elsewhere: [{ role: "commissioner" as const, areaId: OTHER_AREA }],
  };
  for (const [name, grants] of Object.entries(people)) tokens[name] = await startSession(env.db, (await createStaff(env.db, grants)).account.id, env.clock.now);
});

async function sentReport(overrides: Record<string, unknown> = {}) {
  const draft = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body: aReport(overrides) });
  expect(draft.status, JSON.stringify(draft.json)).toBe(201);
  expect((await env.call("POST", `/api/staff/groups/${groupId}/reports/${draft.json.id}/send`, as("facilitator"))).json.state).toBe("pending");
  return draft.json.id as string;
}

describe("groups and themes", () => {
  test("an admin sets up groups; a facilitator sees only their own", async () => {
    const bad = await env.call("POST", "/api/staff/groups", { ...as("admin"), body: { name: "X", areaId: AREA, description: "Y", organisationId: "00000000-0000-4000-8000-000000000000" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual([{ field: "organisationId", message: "Choose an organisation that is in OneDoor." }]);
    expect((await env.call("GET", "/api/staff/groups", as("facilitator"))).json.groups.map((g: { id: string }) => g.id)).toEqual([groupId]);
    expect((await env.call("GET", "/api/staff/groups", as("otherFacilitator"))).json.groups).toEqual([]);
    expect((await env.call("GET", "/api/staff/groups", as("worker"))).status).toBe(403);
    expect((await env.call("POST", "/api/staff/groups", { ...as("facilitator"), body: { name: "X", areaId: AREA, description: "Y", organisationId: SERVICE.organisationId } })).status).toBe(403);
  });

  test("admins extend the shared themes; a report may use only known themes", async () => {
    expect((await env.call("POST", "/api/staff/themes", { ...as("admin"), body: { label: "Money worries" } })).json.theme).toEqual({ code: "money-worries", label: "Money worries" });
    expect((await env.call("POST", "/api/staff/themes", { ...as("admin"), body: { label: "money  WORRIES" } })).status).toBe(400);
    expect((await env.call("POST", "/api/staff/themes", { ...as("facilitator"), body: { label: "Other" } })).status).toBe(403);
    const themes = (await env.call("GET", "/api/staff/themes", as("facilitator"))).json.themes.map((t: { code: string }) => t.code);
    expect(themes).toEqual(expect.arrayContaining(["waiting", "money-worries"]));
    expect((await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body: aReport({ themes: ["money-worries"] }) })).status).toBe(201);
    const unknown = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body: aReport({ themes: ["made-up"] }) });
    expect(unknown.json.error.fields).toEqual([{ field: "themes", message: "Choose themes from the list." }]);
  });
});

describe("recording a session", () => {
  test("a quote without the person's agreement cannot be saved, and nothing is stored", async () => {
    const res = await env.call("POST", `/api/staff/groups/${groupId}/reports`, {
      ...as("facilitator"),
      body: aReport({ quotes: [{ text: "Shared.", consent: true }, { text: "Not agreed.", consent: false }] }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual([{ field: "quotes.consent", message: "Quote 2: tick that the person agreed to share it, or take it out." }]);
    expect((await env.call("GET", `/api/staff/groups/${groupId}/reports`, as("facilitator"))).json.reports).toEqual([]);
  });

  test("drafts keep their text encrypted, can change until sent, and only the group's facilitator may write them", async () => {
    const draft = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body: aReport() });
    expect(await everything()).not.toContain("Sarah Jones");
    const changed = await env.call("PUT", `/api/staff/groups/${groupId}/reports/${draft.json.id}`, { ...as("facilitator"), body: aReport({ participants: 8 }) });
    expect(changed.status).toBe(200);
    const [listed] = (await env.call("GET", `/api/staff/groups/${groupId}/reports`, as("facilitator"))).json.reports;
    expect(listed).toMatchObject({ participants: 8, state: "draft", summary: aReport().summary, quotes: aReport().quotes });
    expect((await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("otherFacilitator"), body: aReport() })).status).toBe(404);
    expect((await env.call("GET", `/api/staff/groups/${groupId}/reports`, as("worker"))).status).toBe(403);
    expect((await env.call("POST", `/api/staff/groups/${groupId}/reports/${draft.json.id}/send`, as("facilitator"))).status).toBe(200);
    const late = await env.call("PUT", `/api/staff/groups/${groupId}/reports/${draft.json.id}`, { ...as("facilitator"), body: aReport() });
    expect(late.status).toBe(409);
  });

  test.each([
    ["nobody to send it to", aReport({ addressedTo: { serviceIds: [], commissioners: false } }), "addressedTo"],
    ["a date in the future", aReport({ date: "2099-01-01" }), "date"],
    ["no people", aReport({ participants: 0 }), "participants"],
    ["a summary over 3,000 characters", aReport({ summary: "a".repeat(3001) }), "summary"],
    ["a name list", aReport({ names: ["Sarah"] }), ""],
  ])("%s is refused, naming what to fix", async (_, body, field) => {
    const res = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body });
    expect(res.status).toBe(400);
    if (field) expect(res.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test("a draft with no summary cannot be sent", async () => {
    const draft = await env.call("POST", `/api/staff/groups/${groupId}/reports`, { ...as("facilitator"), body: aReport({ summary: "" }) });
    const send = await env.call("POST", `/api/staff/groups/${groupId}/reports/${draft.json.id}/send`, as("facilitator"));
    expect(send.status).toBe(400);
    expect(send.json.error.fields).toEqual([{ field: "summary", message: "Write a summary of the session before you send it." }]);
  });
});

describe("moderating a report and who reads it", () => {
  test("it joins the moderation queue; once approved, the addressed providers and the area's commissioners read only the redacted copy", async () => {
    const id = await sentReport();
    const queue = (await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces;
    expect(queue).toEqual([expect.objectContaining({ kind: "group-report", id, groupId, groupName: "Young voices" })]);
    expect((await env.call("GET", "/api/staff/group-reports", as("worker"))).json.reports).toEqual([]);

    const { report } = (await env.call("GET", `/api/staff/moderation/group-reports/${groupId}/${id}`, as("moderator"))).json;
    expect(report.texts.summary).toContain("Sarah Jones");
    expect(report.proposals.summary.map((p: { text: string }) => p.text)).toContain("Sarah Jones");
    const approve = await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: report.proposals } });
    expect(approve.json).toEqual({ state: "approved" });
    expect(await everything()).not.toContain("Sarah Jones");

    for (const who of ["worker", "commissioner"]) {
      const { reports } = (await env.call("GET", "/api/staff/group-reports", as(who))).json;
      expect(reports).toHaveLength(1);
      expect(reports[0].redacted.summary).not.toContain("Sarah");
      expect(reports[0].redacted.quotes).toHaveLength(2);
      expect(reports[0]).toMatchObject({ participants: 7, themes: ["waiting", "being-listened-to"], groupName: "Young voices" });
    }
    expect((await env.call("GET", "/api/staff/group-reports", as("elsewhere"))).json.reports).toEqual([]);
    expect((await env.call("GET", "/api/staff/group-reports", as("otherWorker"))).json.reports).toEqual([]);
    expect((await env.call("GET", `/api/staff/group-reports?areaId=${AREA}`, as("elsewhere"))).status).toBe(404);
    expect((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces).toEqual([]);
  });

  test("addressed only to a service (named twice), the area's commissioners do not get it", async () => {
    const id = await sentReport({ addressedTo: { serviceIds: [SERVICE.id, SERVICE.id], commissioners: false }, mayShowPublicly: true });
    await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: {} } });
    expect((await env.call("GET", "/api/staff/group-reports", as("worker"))).json.reports).toHaveLength(1);
    expect((await env.call("GET", "/api/staff/group-reports", as("commissioner"))).json.reports).toEqual([]);
  });

  test("a report sent back is read by nobody else, and the facilitator sees why", async () => {
    const id = await sentReport();
    const res = await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${id}/decision`, { ...as("moderator"), body: { decision: "reject", reason: "Please take out the names." } });
    expect(res.json).toEqual({ state: "rejected" });
    for (const who of ["worker", "commissioner"]) expect((await env.call("GET", "/api/staff/group-reports", as(who))).json.reports).toEqual([]);
    const [mine] = (await env.call("GET", `/api/staff/groups/${groupId}/reports`, as("facilitator"))).json.reports;
    expect(mine).toMatchObject({ state: "rejected", decided: { reason: "Please take out the names." } });
    expect(await everything()).not.toContain("Please take out the names.");
  });

  test("a report sent back can be changed and sent again, keeping its id; pending and approved reports cannot be changed", async () => {
    const id = await sentReport();
    const path = `/api/staff/groups/${groupId}/reports/${id}`;
    expect((await env.call("PUT", path, { ...as("facilitator"), body: aReport() })).status).toBe(409);
    await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${id}/decision`, { ...as("moderator"), body: { decision: "reject", reason: "Please take out the names." } });
    expect((await env.call("PUT", path, { ...as("otherFacilitator"), body: aReport() })).status).toBe(404);

    const changed = await env.call("PUT", path, { ...as("facilitator"), body: aReport({ summary: "The group talked about waiting." }) });
    expect(changed.json).toEqual({ id, state: "draft" });
    const [draft] = (await env.call("GET", `/api/staff/groups/${groupId}/reports`, as("facilitator"))).json.reports;
    expect(draft).toMatchObject({ id, state: "draft", summary: "The group talked about waiting." });
    expect(draft.decided).toBeUndefined();
    expect(await everything()).not.toContain("Please take out the names.");

    expect((await env.call("POST", `${path}/send`, as("facilitator"))).json.state).toBe("pending");
    expect((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces).toEqual([expect.objectContaining({ kind: "group-report", id })]);
    const { report } = (await env.call("GET", `/api/staff/moderation/group-reports/${groupId}/${id}`, as("moderator"))).json;
    expect(report.texts.summary).toBe("The group talked about waiting.");
    expect(report.decided).toBeUndefined();
    await env.call("POST", `/api/staff/moderation/group-reports/${groupId}/${id}/decision`, { ...as("moderator"), body: { decision: "approve", redactions: {} } });
    expect((await env.call("PUT", path, { ...as("facilitator"), body: aReport() })).status).toBe(409);
    expect((await env.call("GET", "/api/staff/group-reports", as("worker"))).json.reports.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  test("redactions for a part that is not there, or that do not fit, are refused", async () => {
    const id = await sentReport();
    const path = `/api/staff/moderation/group-reports/${groupId}/${id}/decision`;
    const wrongField = await env.call("POST", path, { ...as("moderator"), body: { decision: "approve", redactions: { "quote.9": [] } } });
    expect(wrongField.json.error.fields[0].field).toBe("redactions");
    const wrongText = await env.call("POST", path, { ...as("moderator"), body: { decision: "approve", redactions: { summary: [{ start: 0, end: 3, kind: "person-name", text: "Zzz" }] } } });
    expect(wrongText.status).toBe(400);
    expect((await env.call("GET", "/api/staff/moderation", as("moderator"))).json.pieces).toHaveLength(1);
    expect((await env.call("GET", `/api/staff/moderation/group-reports/${groupId}/${id}`, as("facilitator"))).status).toBe(403);
  });
});
