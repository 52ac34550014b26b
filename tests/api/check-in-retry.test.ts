import { describe, expect, it } from "vitest";
import { aRequest, HARBOUR_FAMILY, HARBOUR_YOUNG_PEOPLE, newKey } from "../support/requests";
import { createStaff, startSession } from "../support/staff";
import { staffApp } from "../support/staff-api";

/**
 * A person's own change to their request (here, how they are) is worked out from the request as
 * they read it and written only if nothing changed since. When their worker changes it in
 * between, their change is worked out again from a fresh read (features/check-in.ts,
 * `onFreshRequest`), up to three times, rather than answering "something changed".
 */

type Env = Awaited<ReturnType<typeof staffApp>>;

/** Someone who asked two Harbour services and checked in, and a worker there. */
async function personAndWorker(env: Env) {
  const ids = [HARBOUR_YOUNG_PEOPLE.id, HARBOUR_FAMILY.id];
  const asked = await env.call("POST", "/api/requests", { body: aRequest({ serviceIds: ids, consentServiceIds: ids }), headers: { "Idempotency-Key": newKey() } });
  const { reference, checkInCode } = asked.json as { reference: string; checkInCode: string };
  const signedIn = await env.call("POST", "/api/check-in/sign-in", { body: { reference, code: checkInCode } });
  const cookie = `onedoor_checkin=${/onedoor_checkin=([^;]*)/.exec(signedIn.setCookie)![1]}`;
  const worker = await createStaff(env.db, [{ role: "worker", organisationId: HARBOUR_YOUNG_PEOPLE.organisationId }]);
  return { reference, cookie, token: await startSession(env.db, worker.account.id) };
}

/**
 * Makes each of the next transactions that record how the person is (one per action given) wait
 * while the worker records that action on the same request: each then finds it changed under it.
 */
function workerActsFirst(env: Env, reference: string, token: string, actions: Record<string, unknown>[]) {
  let racing = false;
  env.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = JSON.stringify((args as { input?: unknown }).input ?? {});
      if (!racing && actions.length && context.commandName === "TransactWriteItemsCommand" && input.includes('"feeling"')) {
        racing = true;
        try {
          const done = await env.call("POST", `/api/staff/inbox/${reference}/${HARBOUR_YOUNG_PEOPLE.id}/actions`, { token, body: actions.shift() });
          expect(done.status, JSON.stringify(done.json)).toBe(200);
        } finally {
          racing = false;
        }
      }
      return next(args);
    },
    { step: "initialize", name: "workerActsFirst" },
  );
}

describe("a person's change when their worker changes the request at the same moment", () => {
  it("is worked out again from a fresh read and kept, with the worker's change", async () => {
    const env = await staffApp();
    const { reference, cookie, token } = await personAndWorker(env);
    workerActsFirst(env, reference, token, [{ action: "acknowledge" }]);
    const told = await env.call("POST", "/api/check-in/feeling", { body: { feeling: "okay" }, headers: { cookie } });
    expect(told.status, JSON.stringify(told.json)).toBe(200);
    const young = told.json.request.services.find((s: { serviceId: string }) => s.serviceId === HARBOUR_YOUNG_PEOPLE.id);
    // The worker's acknowledgement stands (the answer is worked out after it), and the feeling is recorded once on each service.
    expect(young.stage).not.toBe("We have sent them your request. They have not looked at it yet.");
    const worker = await env.call("GET", `/api/staff/inbox/${reference}/${HARBOUR_YOUNG_PEOPLE.id}`, { token });
    expect(worker.status).toBe(200);
    const feelings = JSON.stringify(worker.json).match(/"action":"feeling"/g) ?? [];
    expect(feelings).toHaveLength(1);
  });

  it("gives up after three tries with a clear 'try again', having recorded nothing", async () => {
    const env = await staffApp();
    const { reference, cookie, token } = await personAndWorker(env);
    workerActsFirst(env, reference, token, [{ action: "acknowledge" }, { action: "wait", expectedWaitWeeks: 4 }, { action: "contact", outcome: "no-answer", channel: "phone" }]);
    const told = await env.call("POST", "/api/check-in/feeling", { body: { feeling: "okay" }, headers: { cookie } });
    expect(told.status, JSON.stringify(told.json)).toBe(409);
    expect(told.json.error.message).toBe("Something changed just now. Please try again.");
    const worker = await env.call("GET", `/api/staff/inbox/${reference}/${HARBOUR_YOUNG_PEOPLE.id}`, { token });
    expect(JSON.stringify(worker.json)).not.toContain('"action":"feeling"');
  });
});
