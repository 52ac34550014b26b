import type { Feeling } from "../../../../functions/domain/route-labels";
import type { RouteStatus } from "../../../../functions/domain/route-status";
import type { ContactChange } from "../../../../functions/domain/support-request";
import { callApi } from "../api";
import type { ContactChangeBody } from "../safe-contact";

/** Where a declined service says to go instead: another service, some words, or both. */
export type Signpost = { serviceId?: string; serviceName?: string; text?: string };

/** One service the person asked, as they are allowed to see it. */
export type CheckInService = {
  serviceId: string;
  serviceName: string;
  status: RouteStatus;
  /** The stage in plain words, written by the API for the person. */
  stage: string;
  expectedWaitWeeks?: number;
  updatedAt: string;
  signpost?: Signpost;
};

/** A person's own request, as GET /api/check-in and sign-in return it. */
export type CheckInView = { reference: string; createdAt: string; services: CheckInService[] };

/** Calls the check-in API on OneDoor's own origin; the session travels only as its HttpOnly cookie. */
const call = <T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown) => callApi<T>(method, path, { body });

/** The request of the session this browser holds, or 401 when there is none. */
export const currentCheckIn = () => call<{ request: CheckInView }>("GET", "/api/check-in");

/** Signs in with a reference and a check-in code, already tidied. */
export const signIn = (reference: string, code: string) => call<{ request: CheckInView }>("POST", "/api/check-in/sign-in", { reference, code });

/** "How are you doing?": every service still working on the request sees it. */
export const sendFeeling = (feeling: Feeling, note?: string) => call<{ request: CheckInView }>("POST", "/api/check-in/feeling", { feeling, ...(note ? { note } : {}) });

/** "Please contact me sooner", and whether they are safe right now. */
export const askSooner = (notSafeNow: boolean, note?: string) => call<{ request: CheckInView }>("POST", "/api/check-in/sooner", { notSafeNow, ...(note ? { note } : {}) });

/** Their own safe-contact details and preferences, as they are now. */
export const contactDetails = () => call<ContactChange>("GET", "/api/check-in/contact");

/** New safe-contact details and preferences: every service still working on the request is told. */
export const changeContact = (change: ContactChangeBody) => call<{ request: CheckInView }>("PUT", "/api/check-in/contact", change);

/** Stops asking one service; the others carry on. */
export const withdrawFrom = (serviceId: string) =>
  call<{ request: CheckInView }>("POST", `/api/check-in/services/${encodeURIComponent(serviceId)}/withdraw`);

/** Deletes the whole request at once; the session ends with it. */
export const deleteRequest = () => call<{ deleted: true }>("DELETE", "/api/check-in");

/** Ends the session on the server and clears its cookie. */
export const signOut = () => call<void>("POST", "/api/check-in/sign-out");

/**
 * Ends the session while the page is being left (Exit this page). `keepalive` lets the request
 * outlive the page, which is replaced straight after; the answer is never read.
 */
export function signOutAsTheyLeave(): void {
  try {
    void fetch("/api/check-in/sign-out", { method: "POST", keepalive: true, credentials: "same-origin" }).catch(() => {});
  } catch {
    // Leaving matters more than this request; the session also ends by itself after 15 minutes.
  }
}
