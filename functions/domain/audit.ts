import * as z from "zod";

/** The audit log: who did what to which record, when, and from where (as a keyed hash). */
export const AUDIT_ACTIONS = [
  "signin.succeeded",
  "signin.failed",
  "signin.locked",
  "signout",
  "signout.everywhere",
  "session.rejected",
  "invite.created",
  "invite.refused",
  "invite.accepted",
  "totp.rejected",
  "recovery_code.used",
  "recovery_code.rejected",
  "recovery_codes.regenerated",
  "password.changed",
  "roles.changed",
  "roles.refused",
  "account.removed",
  "organisation.created",
  "organisation.updated",
  "service.created",
  "service.updated",
  "area.updated",
  "audit.read",
  "staff.read",
  "route.read",
  "route.acknowledge",
  "route.wait",
  "route.allocate",
  "route.contact",
  "route.decline",
  "route.close",
  "coordination.read",
  "request.exported",
  "feedback.opened",
  "feedback.approved",
  "feedback.rejected",
  "feedback.safeguarding_recorded",
  "feedback.read",
  "group.created",
  "theme.created",
  "group_report.saved",
  "group_report.sent",
  "group_report.opened",
  "group_report.approved",
  "group_report.rejected",
  "group_report.read",
  "insights.read",
  "feedback.excerpt_chosen",
  "response.saved",
  "response.opened",
  "response.approved",
  "response.rejected",
] as const;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  action: z.enum(AUDIT_ACTIONS),
  /** The member of staff who acted; absent for failed sign-ins by unknown people. */
  actorId: z.uuid().optional(),
  /** The record acted on, as `kind:id`. Never a name, an email or free text. */
  record: z.string().optional(),
  /** The organisation the record belongs to, so a manager can read their own organisation's log. */
  organisationId: z.uuid().optional(),
  /** A keyed hash of the source address: comparable between entries, not reversible. */
  sourceHash: z.string(),
  outcome: z.enum(["allowed", "refused"]).default("allowed"),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The request an entry's record belongs to (`request:<ref>` or `route:<ref>:<serviceId>`), if any. */
export function requestOfRecord(record: string | undefined): string | undefined {
  return /^(?:request|route):([^:]+)/.exec(record ?? "")?.[1];
}
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Where a request came from, for the audit log and per-address limits. */
export type Source = { address: string };
