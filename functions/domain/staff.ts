import type { Source } from "./audit";
import type { Actor } from "./policy";
import * as z from "zod";
import { GrantSchema } from "./roles";

/** Staff accounts, invites and sessions, and the time rules that govern them. */

export const INVITE_LIFETIME_MS = 72 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email({ error: "Enter an email address like name@example.org." }));

export const StaffNameSchema = z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters.");

export const StaffAccountSchema = z.object({
  id: z.uuid(),
  email: EmailSchema,
  name: StaffNameSchema,
  grants: z.array(GrantSchema).min(1),
  passwordHash: z.string(),
  /**
   * The TOTP secret, encrypted with the field cipher and bound to this account
   * (features/staff-auth.ts). An account made before secrets were sealed still has it in clear
   * as `totpSecret`, until its next sign-in seals it.
   */
  totpSealed: z.string().optional(),
  totpSecret: z.string().optional(),
  /** The TOTP time step last accepted: a code from that step or earlier is a replay. */
  totpLastStep: z.number().int().optional(),
  recoveryCodeHashes: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StaffAccount = z.infer<typeof StaffAccountSchema>;

/** Who a live staff session belongs to: the account, and the actor the policy decides for. */
export type StaffIdentity = { actor: Actor; account: StaffAccount };

/** A member of staff acting on something: who, and from where (for the audit log). */
export type StaffActing = StaffIdentity & { source: Source };

/** What any other member of staff (or the account page) may see of an account: never secrets. */
export type StaffSummary = Pick<StaffAccount, "id" | "email" | "name" | "grants" | "createdAt"> & {
  recoveryCodesLeft?: number;
};
export const summarise = (a: StaffAccount): StaffSummary => ({
  id: a.id,
  email: a.email,
  name: a.name,
  grants: a.grants,
  createdAt: a.createdAt,
});

export const InviteSchema = z.object({
  tokenHash: z.string(),
  email: EmailSchema,
  grants: z.array(GrantSchema).min(1),
  invitedBy: z.uuid(),
  createdAt: z.iso.datetime(),
  /** Epoch seconds: also the table's TTL attribute, so DynamoDB removes old invites. */
  expiresAt: z.number().int(),
  usedAt: z.iso.datetime().optional(),
  /**
   * Set while the invited person sets up their sign-in, before the invite is used up; its TOTP
   * secret sealed to the invite. (One begun before secrets were sealed has none: step 1 again.)
   */
  pending: z.object({ name: StaffNameSchema, passwordHash: z.string(), totpSealed: z.string().optional() }).optional(),
});
export type Invite = z.infer<typeof InviteSchema>;

export const SessionSchema = z.object({
  tokenHash: z.string(),
  accountId: z.uuid(),
  createdAt: z.number().int(),
  lastSeenAt: z.number().int(),
  /** Epoch seconds, the TTL attribute: the absolute end of the session. */
  expiresAt: z.number().int(),
});
export type Session = z.infer<typeof SessionSchema>;

/** Why a session no longer counts, or undefined while it is live. */
export function sessionEnded(session: Session, now: number): "idle" | "expired" | undefined {
  if (now >= session.createdAt + SESSION_ABSOLUTE_MS || now >= session.expiresAt * 1000) return "expired";
  if (now >= session.lastSeenAt + SESSION_IDLE_MS) return "idle";
  return undefined;
}
