import type { StoredRequest } from "../db/requests";
import type { RouteEvent } from "../domain/route";
import { joinIdentifying, type ClearRequest, type SupportRequest } from "../domain/support-request";
import type { FieldCipher } from "../security/field-encryption";
import { openFields, sealFields } from "../security/sealed-fields";

/**
 * The one place that knows how a request's encrypted parts are named: its identifying answers
 * (by field path) and the free text of each recorded action (`event:<id>:<field>`), all bound to
 * the record `request:<reference>`.
 */
const record = (reference: string) => `request:${reference}`;
const eventField = (eventId: string, field: string) => `event:${eventId}:${field}`;

/** The person's answers, decrypted, as they gave them. */
export async function openAnswers(cipher: FieldCipher, request: StoredRequest): Promise<SupportRequest> {
  const { sealed, checkInCodeHash: _h, contactHashes: _c, idempotencyKeyHash: _k, reference, createdAt: _at, urgent: _u, ...clear } = request;
  return joinIdentifying(clear as ClearRequest, await openFields(cipher, record(reference), sealed));
}

export type EventTexts = { reason?: string; note?: string; signpostText?: string };

/** Encrypts an action's free text for storage in its event. */
export function sealEventTexts(cipher: FieldCipher, reference: string, eventId: string, texts: EventTexts): Promise<Record<string, string>> {
  return sealFields(cipher, record(reference), Object.fromEntries(Object.entries(texts).map(([field, value]) => [eventField(eventId, field), value])));
}

/** An action's free text, decrypted. */
export async function openEventTexts(cipher: FieldCipher, event: RouteEvent): Promise<EventTexts> {
  const opened = await openFields(cipher, record(event.reference), event.sealed);
  const text = (field: keyof EventTexts) => opened[eventField(event.id, field)];
  return { reason: text("reason"), note: text("note"), signpostText: text("signpostText") };
}
