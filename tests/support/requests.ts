import type { APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { SupportRequest } from "../../functions/domain/support-request";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";

/** Example services by what tests use them for (functions/data/example-directory.json). */
const byName = (start: string) => EXAMPLE_SERVICES.find((s) => s.name.startsWith(start))!;
export const HARBOUR_YOUNG_PEOPLE = byName("Harbour Young People");
export const HARBOUR_FAMILY = byName("Harbour Family");
export const MEADOW_CLINIC = byName("Meadow Children's Health");
export const MEADOW_THERAPY_PROFESSIONALS_ONLY = byName("Meadow Therapy");
export const HARBOUR_PAUSED = byName("Harbour Manchester");

/** A complete, valid request: a young person asking two services, with a phone number. */
export function aRequest(overrides: Partial<SupportRequest> = {}): SupportRequest {
  const serviceIds = overrides.serviceIds ?? [HARBOUR_YOUNG_PEOPLE.id, MEADOW_CLINIC.id];
  return {
    asker: "self",
    ageBand: "14-15",
    areaId: "E06000023",
    needs: ["someone-to-talk-to"],
    serviceIds,
    message: "I would like to talk to someone after school.",
    contact: {
      method: "text",
      phone: "07700 900123",
      safeDays: ["MO", "WE"],
      safeTimes: ["afternoon"],
      voicemailOk: false,
      sayWhoWeAre: false,
      codeWord: "bluebird",
    },
    preferences: { workerGender: "female", interpreter: false, accessibilityNeeds: "Please write things down for me." },
    safeNow: "yes",
    consentServiceIds: serviceIds,
    consentToCoordination: true,
    ...overrides,
  } as SupportRequest;
}

/** A fresh Idempotency-Key, as the page makes one. */
export const newKey = () => randomUUID();

/** Sends a request through the API from a browser test, as the /ask/ pages do: its reference and check-in code. */
export async function askThroughTheApi(api: APIRequestContext, baseURL: string, request: SupportRequest = aRequest()) {
  const response = await api.post(`${baseURL}/api/requests`, {
    headers: { Origin: new URL(baseURL).origin, "Idempotency-Key": newKey() },
    data: request,
  });
  if (response.status() !== 201) throw new Error(`Asking for support failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { reference: string; checkInCode: string };
}
