/**
 * What the groups API returns (J5), and the words the groups pages share. Written here rather
 * than imported from functions/domain/groups.ts, so no page script pulls zod in.
 */

export type Group = { id: string; name: string; areaId: string; description: string; organisationId: string; createdAt: string };
export type Theme = { code: string; label: string };
export type ReportState = "draft" | "pending" | "approved" | "rejected";
export type Quote = { text: string; consent: boolean };
export type AddressedTo = { serviceIds: string[]; organisationIds: string[]; commissioners: boolean };
export type ReportInput = {
  date: string;
  participants: number;
  themes: string[];
  summary: string;
  quotes: Quote[];
  recommendations: string;
  addressedTo: AddressedTo;
  mayShowPublicly: boolean;
};
export type Report = ReportInput & {
  id: string;
  state: ReportState;
  decided?: { by: string; at: string; reason?: string };
  createdAt: string;
  updatedAt: string;
};

/** A report's state in words (the same as GROUP_REPORT_STATES in functions/domain/groups.ts). */
export const STATE_WORDS: Record<ReportState, string> = {
  draft: "Draft",
  pending: "Waiting for a moderator",
  approved: "Approved",
  rejected: "Sent back",
};

const TAG_CLASS: Record<ReportState, string> = { draft: "tag", pending: "tag", approved: "tag tag--open", rejected: "tag tag--paused" };
export const stateTagClass = (state: ReportState) => TAG_CLASS[state];

/** The page where a facilitator records or changes a session. */
export const reportHref = (groupId: string, id?: string) => `/staff/groups/report/?${new URLSearchParams({ group: groupId, ...(id ? { id } : {}) })}`;

/** The same message the API gives for a quote without the person's agreement. */
export const consentMessage = (n: number) => `Quote ${n}: tick that the person agreed to share it, or take it out.`;
