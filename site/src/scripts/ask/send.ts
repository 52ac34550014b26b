import type { ApiError } from "../api";
import { one, yesNo, type Answers } from "../answers";
import { contactChange } from "../safe-contact";

export type Sent = { reference: string; checkInCode: string; urgent: boolean };
export type SendResult = { ok: true; data: Sent } | { ok: false; status: number; error: ApiError };

const unreachable: ApiError = {
  code: "network.unavailable",
  message: "We could not reach OneDoor just now. Check your internet connection, then try again.",
  fields: [],
};

/** Field errors as a list, whichever shape the API gives them in. */
function fieldsOf(fields: unknown): ApiError["fields"] {
  if (Array.isArray(fields)) return fields as ApiError["fields"];
  if (fields && typeof fields === "object") return Object.entries(fields).map(([field, message]) => ({ field, message: String(message) }));
  return [];
}

/**
 * The request the API takes (functions/domain/support-request.ts), from the answers to the
 * steps that apply. Questions for a parent or carer are left out for anyone else: the API
 * refuses them. Contact and preferences are read as /check-in/ reads them (safe-contact.ts).
 */
export function requestBody(answers: Answers, applies: (field: string) => boolean): Record<string, unknown> {
  const get = (field: string) => (applies(field) ? one(answers, field) : undefined);
  const all = (field: string) => (applies(field) ? (answers[field] ?? []) : []);
  const asker = get("asker");
  return {
    asker,
    ageBand: get("ageBand"),
    areaId: get("areaId"),
    needs: all("needs"),
    serviceIds: all("serviceIds"),
    message: get("message"),
    ...contactChange(answers),
    safeNow: get("safeNow"),
    childKnows: asker === "child" ? get("childKnows") : undefined,
    supportForMeToo: asker === "child" ? yesNo(get("supportForMeToo")) : undefined,
    consentServiceIds: all("consentServiceIds").filter((id) => all("serviceIds").includes(id)),
    consentToCoordination: get("consentToCoordination") === "yes",
  };
}

/**
 * POSTs a request for support. The idempotency key stays the same for the same answers, so
 * trying again after a failure can never make a second request.
 */
export async function sendRequest(body: string, idempotencyKey: string): Promise<SendResult> {
  try {
    const response = await fetch("/api/requests", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "Idempotency-Key": idempotencyKey },
      credentials: "same-origin",
      body,
    });
    const json = (await response.json().catch(() => undefined)) as { error?: ApiError } | Sent | undefined;
    if (response.ok && json && "reference" in json) return { ok: true, data: json };
    const error = json && "error" in json && json.error ? { ...json.error, fields: fieldsOf(json.error.fields) } : unreachable;
    return { ok: false, status: response.status, error };
  } catch {
    return { ok: false, status: 0, error: unreachable };
  }
}
