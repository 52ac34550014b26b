import { decide, type Action, type Actor, type Target } from "./policy";
import { AppError } from "../errors";

/**
 * Asks the policy and refuses if it says no. Out of scope is a 404, exactly like a record that
 * does not exist, so nobody can learn which ids exist in other organisations.
 */
export function authorize(actor: Actor, action: Action, target: Target = {}): void {
  const decision = decide(actor, action, target);
  if (decision === "allow") return;
  if (decision === "hidden") throw notFound();
  throw new AppError("access.forbidden", 403, "Your role does not let you do this.");
}

/** Allowed if the policy allows the action in any one of several scopes (an account in two organisations). */
export function authorizeAny(actor: Actor, action: Action, targets: Target[]): void {
  if (targets.some((t) => decide(actor, action, t) === "allow")) return;
  authorize(actor, action, targets[0] ?? { organisationId: "none" });
}

export const notFound = () => new AppError("record.not_found", 404, "We could not find that. It may have been removed.");
