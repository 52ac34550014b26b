import { GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { keys } from "../../functions/db/keys";
import { isCheckInCode, isReference } from "../../functions/domain/request-codes";
import { IDENTIFYING_FIELDS } from "../../functions/domain/support-request";
import { CHECK_IN_CODE_SCRYPT_PARAMETERS, verifyPassword } from "../../functions/security/passwords";
import { aRequest, HARBOUR_FAMILY, HARBOUR_PAUSED, HARBOUR_YOUNG_PEOPLE, MEADOW_CLINIC, newKey } from "../support/requests";
import { staffApp } from "../support/staff-api";

/** POST /api/requests: J2 "Ask for support", stored encrypted, idempotent and all-or-nothing. */

async function ask(env: Awaited<ReturnType<typeof staffApp>>, body: unknown, key: string | null = newKey()) {
  return env.call("POST", "/api/requests", { body, headers: key === null ? {} : { "Idempotency-Key": key } });
}

async function itemsOf(env: Awaited<ReturnType<typeof staffApp>>, reference: string) {
  const out = await env.db.doc.send(
    new QueryCommand({ TableName: env.db.tableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.requestPartition(reference).pk } }),
  );
  return out.Items ?? [];
}

describe("asking for support", () => {
  it("stores one request with a route to each chosen service and answers with a reference and a check-in code", async () => {
    const env = await staffApp();
    const res = await ask(env, aRequest());
    expect(res.status).toBe(201);
    expect(isReference(res.json.reference)).toBe(true);
    expect(isCheckInCode(res.json.checkInCode)).toBe(true);
    expect(res.json.urgent).toBe(false);
    const items = await itemsOf(env, res.json.reference);
    const routes = items.filter((i) => i.type === "route");
    expect(routes.map((r) => r.serviceId).sort()).toEqual([HARBOUR_YOUNG_PEOPLE.id, MEADOW_CLINIC.id].sort());
    expect(routes.every((r) => r.status === "received" && r.gsi1pk.startsWith("INBOX#") && r.gsi1pk.endsWith("#OPEN"))).toBe(true);
  });

  it("marks every route urgent when the person is not safe right now", async () => {
    const env = await staffApp();
    const res = await ask(env, aRequest({ safeNow: "no" }));
    expect(res.json.urgent).toBe(true);
    const routes = (await itemsOf(env, res.json.reference)).filter((i) => i.type === "route");
    expect(routes.every((r) => r.urgent === true && String(r.gsi1sk).startsWith("0#"))).toBe(true);
  });

  it("keeps the check-in code only as a slow hash", async () => {
    const env = await staffApp();
    const res = await ask(env, aRequest());
    const request = (await itemsOf(env, res.json.reference)).find((i) => i.type === "request")!;
    expect(JSON.stringify(request)).not.toContain(res.json.checkInCode);
    const { N, r, p } = CHECK_IN_CODE_SCRYPT_PARAMETERS;
    expect(request.checkInCodeHash.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
    expect(await verifyPassword(res.json.checkInCode, request.checkInCodeHash)).toBe(true);
    expect(await verifyPassword("000000000000", request.checkInCodeHash)).toBe(false);
  });

  it("encrypts every identifying answer: no item in the table holds the contact details or free text in clear", async () => {
    const env = await staffApp();
    const answers = aRequest({
      message: "My name is Sam Example and I go to Hill School.",
      contact: {
        method: "trusted-adult",
        phone: "07700 900456",
        email: "sam.example@example.org",
        trustedAdult: { name: "Auntie Jo Example", phone: "07700 900789" },
        safeDays: [],
        safeTimes: [],
        codeWord: "marmalade",
      },
      preferences: { accessibilityNeeds: "I use a wheelchair called Zoom." },
    });
    const res = await ask(env, answers);
    expect(res.status).toBe(201);
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName }));
    const everything = JSON.stringify(scan.Items);
    for (const secret of ["Sam Example", "Hill School", "900456", "07700900456", "sam.example", "Auntie Jo", "900789", "marmalade", "Zoom"]) {
      expect(everything, secret).not.toContain(secret);
    }
    const request = (await itemsOf(env, res.json.reference)).find((i) => i.type === "request")!;
    expect(Object.keys(request.sealed).sort()).toEqual([...IDENTIFYING_FIELDS].sort());
    // What stays in clear is what queries and statistics need.
    expect(request).toMatchObject({ asker: "self", ageBand: "14-15", areaId: "E06000023", needs: ["someone-to-talk-to"] });
    // The ciphertext opens only as the field of the record it was written for.
    const context = { record: `request:${res.json.reference}`, field: "contact.codeWord" };
    expect(await env.fieldCipher.decrypt(request.sealed["contact.codeWord"], context)).toBe("marmalade");
    await expect(env.fieldCipher.decrypt(request.sealed["contact.codeWord"], { ...context, field: "message" })).rejects.toThrow();
  });

  it("tells the inbox staff of each organisation, without naming the topic, the person or the service", async () => {
    const env = await staffApp();
    const { createStaff } = await import("../support/staff");
    const worker = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
    const other = await createStaff(env.db, [{ role: "worker", organisationId: "00000000-0000-4000-8000-000000000000" }]);
    await ask(env, aRequest());
    const mails = env.outbox.sent.filter((m) => m.to === worker.account.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("You have a new request in OneDoor");
    expect(mails[0]!.text).not.toMatch(/abuse|sexual|Harbour|Meadow|07700/i);
    expect(env.outbox.sent.some((m) => m.to === other.account.email)).toBe(false);
  });
});

describe("idempotency", () => {
  it("answers a retry with the same reference and code, and stores one request", async () => {
    const env = await staffApp();
    const key = newKey();
    const first = await ask(env, aRequest(), key);
    const again = await ask(env, aRequest(), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#t = :t", ExpressionAttributeNames: { "#t": "type" }, ExpressionAttributeValues: { ":t": "request" } }));
    expect(scan.Items).toHaveLength(1);
  });

  it("stores one request when 50 identical submissions arrive at once", async () => {
    const env = await staffApp({ limits: { requests: { bucket: "ask", limit: 1000, windowSeconds: 60 } } });
    const key = newKey();
    const responses = await Promise.all(Array.from({ length: 50 }, () => ask(env, aRequest(), key)));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(49);
    expect(new Set(responses.map((r) => r.json.reference)).size).toBe(1);
    expect(new Set(responses.map((r) => r.json.checkInCode)).size).toBe(1);
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#t IN (:r, :route)", ExpressionAttributeNames: { "#t": "type" }, ExpressionAttributeValues: { ":r": "request", ":route": "route" } }));
    expect(scan.Items?.filter((i) => i.type === "request")).toHaveLength(1);
    expect(scan.Items?.filter((i) => i.type === "route")).toHaveLength(2);
    expect(env.outbox.sent.length).toBeLessThanOrEqual(2); // one notice per organisation's staff at most, never 50
  }, 60_000);

  it("refuses the same key with different answers, and a missing key", async () => {
    const env = await staffApp();
    const key = newKey();
    await ask(env, aRequest(), key);
    const changed = await ask(env, aRequest({ message: "Something else" }), key);
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("idempotency.reused");
    for (const bad of [null, "short", "has spaces in it but is long enough"]) {
      const res = await ask(env, aRequest(), bad);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe("idempotency.missing");
    }
  });
});

describe("the per-address limit", () => {
  it("is counted in the request's own transaction: over it, a 429 and nothing written", async () => {
    const env = await staffApp({ limits: { requests: { bucket: "ask", limit: 2, windowSeconds: 600 } } });
    expect((await ask(env, aRequest())).status).toBe(201);
    const key = newKey();
    expect((await ask(env, aRequest(), key)).status).toBe(201);
    // A retry of a request already stored is answered, not counted against the limit.
    expect((await ask(env, aRequest(), key)).status).toBe(200);
    const over = await ask(env, aRequest());
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("request.rate_limited");
    expect(over.json.error.message).toContain("Your answers are still here");
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "#t = :t", ExpressionAttributeNames: { "#t": "type" }, ExpressionAttributeValues: { ":t": "request" } }));
    expect(scan.Items).toHaveLength(2);
    // The window passes: asking works again.
    env.clock.now += 600_000;
    expect((await ask(env, aRequest())).status).toBe(201);
  });
});

describe("all or nothing", () => {
  it("writes nothing when one chosen service cannot take requests", async () => {
    const env = await staffApp();
    const res = await ask(env, aRequest({ serviceIds: [HARBOUR_FAMILY.id, HARBOUR_PAUSED.id], consentServiceIds: [HARBOUR_FAMILY.id, HARBOUR_PAUSED.id] }));
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0]).toMatchObject({ field: "serviceIds", message: expect.stringContaining("not taking new requests") });
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "begins_with(pk, :p)", ExpressionAttributeValues: { ":p": "REQUEST#" } }));
    expect(scan.Items).toHaveLength(0);
  });

  it("writes nothing when the transaction fails part way (an existing reference is reused)", async () => {
    const env = await staffApp();
    const first = await ask(env, aRequest());
    const { requestRepository } = await import("../../functions/db/requests");
    const repo = requestRepository(env.db);
    const whole = await repo.getWhole(first.json.reference);
    // A second request forced onto the same reference: the transaction must fail whole.
    const outcome = await repo.create({
      request: { ...whole.request!, message: undefined } as never,
      facts: whole.facts!,
      routes: [{ ...whole.routes[0]!, serviceId: HARBOUR_FAMILY.id }],
      idempotencyKeyHash: "another-key",
      idempotency: { reference: first.json.reference, answersHash: "x", urgent: false },
      expiresAt: 0,
      limit: { bucket: "ask", key: "test", limit: 10, windowSeconds: 60, now: Date.now() },
    });
    expect(outcome).toBe("reference-taken");
    expect((await repo.getWhole(first.json.reference)).routes.map((r) => r.serviceId)).not.toContain(HARBOUR_FAMILY.id);
    expect(await repo.getIdempotency("another-key")).toBeUndefined();
  });

  it("answers 503 with a clear code when DynamoDB is unreachable, and nothing is written", async () => {
    const { createDatabase } = await import("../../functions/db/client");
    const { testApp } = await import("../support/database");
    const { app } = testApp(createDatabase({ tableName: "nowhere", endpoint: "http://127.0.0.1:9" }));
    const res = await app.request("/api/requests", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost", "Idempotency-Key": newKey() },
      body: JSON.stringify(aRequest()),
    });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe("database.unavailable");
  });
});

describe("duplicate hints", () => {
  it("marks a route whose phone matches another open request to the same organisation", async () => {
    const env = await staffApp();
    const first = await ask(env, aRequest({ serviceIds: [HARBOUR_YOUNG_PEOPLE.id], consentServiceIds: [HARBOUR_YOUNG_PEOPLE.id] }));
    const second = await ask(
      env,
      aRequest({
        serviceIds: [HARBOUR_FAMILY.id, MEADOW_CLINIC.id],
        consentServiceIds: [HARBOUR_FAMILY.id, MEADOW_CLINIC.id],
        contact: { method: "phone", phone: "+447700900123", safeDays: [], safeTimes: [] },
      }),
    );
    const routes = (await itemsOf(env, second.json.reference)).filter((i) => i.type === "route");
    const harbour = routes.find((r) => r.serviceId === HARBOUR_FAMILY.id)!;
    const meadow = routes.find((r) => r.serviceId === MEADOW_CLINIC.id)!;
    expect(harbour.possibleDuplicateOf).toEqual([first.json.reference]);
    expect(meadow.possibleDuplicateOf).toEqual([]); // another organisation: not a duplicate there
    // The earlier route is marked too, and its version moved on.
    const earlier = (await itemsOf(env, first.json.reference)).find((i) => i.type === "route")!;
    expect(earlier.possibleDuplicateOf).toEqual([second.json.reference]);
    expect(earlier.version).toBe(2);
    const match = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "begins_with(pk, :p)", ExpressionAttributeValues: { ":p": "CONTACT#" } }));
    expect(JSON.stringify(match.Items)).not.toContain("900123");
  });
});

describe("validation: every field gets a field-level 400, never a 500", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["asker", { asker: "stranger" }, "asker"],
    ["asker missing", { asker: undefined }, "asker"],
    ["ageBand", { ageBand: "ancient" }, "ageBand"],
    ["areaId", { areaId: "Bristol" }, "areaId"],
    ["needs", { needs: ["magic"] }, "needs"],
    ["serviceIds empty", { serviceIds: [], consentServiceIds: [] }, "serviceIds"],
    ["serviceIds not ids", { serviceIds: ["abc"], consentServiceIds: ["abc"] }, "serviceIds"],
    ["serviceIds unknown", { serviceIds: ["00000000-0000-4000-8000-000000000000"], consentServiceIds: ["00000000-0000-4000-8000-000000000000"] }, "serviceIds"],
    ["message too long", { message: "x".repeat(2001) }, "message"],
    ["contact method", { contact: { method: "pigeon" } }, "contact.method"],
    ["phone needed", { contact: { method: "phone" } }, "contact.phone"],
    ["phone not UK", { contact: { method: "text", phone: "12345" } }, "contact.phone"],
    ["email needed", { contact: { method: "email" } }, "contact.email"],
    ["email bad", { contact: { method: "email", email: "not-an-email" } }, "contact.email"],
    ["trusted adult needed", { contact: { method: "trusted-adult" } }, "contact.trustedAdult"],
    ["trusted adult name", { contact: { method: "trusted-adult", trustedAdult: { name: "", phone: "07700900123" } } }, "contact.trustedAdult.name"],
    ["safe days", { contact: { method: "check-in-only", safeDays: ["FUNDAY"] } }, "contact.safeDays"],
    ["safe times", { contact: { method: "check-in-only", safeTimes: ["midnight"] } }, "contact.safeTimes"],
    ["voicemail", { contact: { method: "check-in-only", voicemailOk: "maybe" } }, "contact.voicemailOk"],
    ["code word", { contact: { method: "check-in-only", codeWord: "x".repeat(41) } }, "contact.codeWord"],
    ["worker gender", { preferences: { workerGender: "robot" } }, "preferences.workerGender"],
    ["language", { preferences: { language: "klingon" } }, "preferences.language"],
    ["interpreter", { preferences: { interpreter: "yes" } }, "preferences.interpreter"],
    ["accessibility", { preferences: { accessibilityNeeds: "x".repeat(501) } }, "preferences.accessibilityNeeds"],
    ["safe now", { safeNow: "perhaps" }, "safeNow"],
    ["child knows, not a parent", { childKnows: "yes" }, "childKnows"],
    ["consent missing", { consentServiceIds: [] }, "consentServiceIds"],
    ["coordination", { consentToCoordination: "sure" }, "consentToCoordination"],
  ];
  it.each(cases)("%s", async (_name, change, field) => {
    const env = await staffApp();
    const res = await ask(env, { ...aRequest(), ...change });
    expect(res.status).toBe(400);
    expect(res.json.error.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(res.json.error.fields.find((f: { field: string }) => f.field === field).message).toMatch(/\w/);
  });

  it("refuses a body that is not JSON", async () => {
    const env = await staffApp();
    const res = await env.call("POST", "/api/requests", { body: "{not json", headers: { "Idempotency-Key": newKey() } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("request.malformed");
  });

  it("refuses a request from another origin", async () => {
    const env = await staffApp();
    const res = await env.call("POST", "/api/requests", { body: aRequest(), origin: "https://evil.example", headers: { "Idempotency-Key": newKey() } });
    expect(res.status).toBe(403);
  });
});

void GetCommand;

describe("services that cannot be asked through OneDoor", () => {
  it("refuses a service that only takes requests from professionals, saying so, and writes nothing", async () => {
    const env = await staffApp();
    const { MEADOW_THERAPY_PROFESSIONALS_ONLY } = await import("../support/requests");
    const ids = [HARBOUR_FAMILY.id, MEADOW_THERAPY_PROFESSIONALS_ONLY.id];
    const res = await ask(env, aRequest({ serviceIds: ids, consentServiceIds: ids }));
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0]).toMatchObject({ field: "serviceIds", message: expect.stringContaining("only takes requests from professionals") });
    const scan = await env.db.doc.send(new ScanCommand({ TableName: env.db.tableName, FilterExpression: "begins_with(pk, :p)", ExpressionAttributeValues: { ":p": "REQUEST#" } }));
    expect(scan.Items).toHaveLength(0);
  });
});
