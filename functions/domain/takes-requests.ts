/**
 * Whether a person can ask a service for support through OneDoor: it is open to new requests,
 * and it takes requests from people themselves, not only from professionals. The ask pages, the
 * "Ask for support" links and the API all ask this one rule. Zod-free, for the pages too.
 */
export const takesRequests = (service: { status: string; acceptsSelfReferral: boolean }) =>
  service.status === "active" && service.acceptsSelfReferral;
