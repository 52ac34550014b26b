/**
 * The ids OneDoor derives for what it publishes in Open Referral form. Every one is a UUID v5, of
 * OneDoor's namespace or of the service's own id, so exporting the same service twice gives the
 * same document.
 */
import { createHash } from "node:crypto";

/** A name-based UUID (RFC 9562 version 5, SHA-1): the same name in the same namespace, the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1").update(Buffer.from(namespace.replaceAll("-", ""), "hex")).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 9562's URL namespace. OneDoor's own namespace is derived from it, and must never change: every published id depends on it. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
export const ONEDOOR_NAMESPACE = uuidV5("urn:onedoor:openreferral", URL_NAMESPACE);
