import { callApi, type ApiResult } from "../api";
import { one, yesNo, type Answers } from "../answers";
import { equalityBody } from "../equality";
import { contactChange } from "../safe-contact";

export type Sent = { reference: string; checkInCode: string; urgent: boolean };
export type SendResult = ApiResult<Sent>;

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
    equality: asker === "child" ? undefined : equalityBody(answers),
  };
}

/**
 * POSTs a request for support. The idempotency key stays the same for the same answers, so
 * trying again after a failure can never make a second request.
 */
export const sendRequest = (body: Record<string, unknown>, idempotencyKey: string): Promise<SendResult> =>
  callApi<Sent>("POST", "/api/requests", { body, headers: { "Idempotency-Key": idempotencyKey } });
