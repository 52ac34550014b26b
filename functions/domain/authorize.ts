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

/**
 * The one scope a list is read in: the organisation or area asked for (if the policy allows it
 * there), else the first the actor holds for this action. A role that may never do it is refused.
 */
export function readingScope(actor: Actor, action: Action, asked: { organisationId?: string; areaId?: string }): { organisationId: string } | { areaId: string } {
  if (asked.organisationId) {
    authorize(actor, action, { organisationId: asked.organisationId });
    return { organisationId: asked.organisationId };
  }
  if (asked.areaId) {
    authorize(actor, action, { areaId: asked.areaId });
    return { areaId: asked.areaId };
  }
  const { organisationIds, areaIds } = scopesFor(actor, action);
  if (organisationIds[0]) return { organisationId: organisationIds[0] };
  if (areaIds[0]) return { areaId: areaIds[0] };
  authorize(actor, action);
  throw notFound();
}

/** Every organisation and area the actor holds this action in: what a page offers to choose between. */
export function scopesFor(actor: Actor, action: Action): { organisationIds: string[]; areaIds: string[] } {
  const held = (pick: (g: Actor["grants"][number]) => string | undefined) => [...new Set(actor.grants.flatMap((g) => (pick(g) ? [pick(g)!] : [])))];
  return {
    organisationIds: held((g) => g.organisationId).filter((organisationId) => decide(actor, action, { organisationId }) === "allow"),
    areaIds: held((g) => g.areaId).filter((areaId) => decide(actor, action, { areaId }) === "allow"),
  };
}
