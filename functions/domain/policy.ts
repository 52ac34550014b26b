import type { Grant, Role } from "./roles";

/**
 * Who may do what: the one place that decides. Every staff route asks `decide()`; none compares
 * roles itself. Anything not written here is denied.
 */

/** A signed-in member of staff, as the policy sees them. */
export type Actor = { accountId: string; grants: Grant[] };

/** What an action is done to: the scope the record lives in, and grants being handed out. */
export type Target = {
  organisationId?: string;
  areaId?: string;
  groupId?: string;
  /** The account acted on, where there is one. */
  accountId?: string;
  /** Grants being given (invites, role changes): a manager may only hand out their own kind. */
  grants?: Grant[];
};

type Rule = (grant: Grant, target: Target, actor: Actor) => boolean;

const anywhere: Rule = () => true;
const ownOrganisation: Rule = (g, t) => !!g.organisationId && g.organisationId === t.organisationId;
const ownAccount: Rule = (_g, t, actor) => t.accountId === actor.accountId;
const ownArea: Rule = (g, t) => !!g.areaId && g.areaId === t.areaId;
const ownGroup: Rule = (g, t) => !!g.groupId && g.groupId === t.groupId;

/** A manager hands out worker or manager roles in their own organisation, and nothing else. */
const ownOrganisationStaffGrants: Rule = (g, t) =>
  !!g.organisationId &&
  g.organisationId === t.organisationId &&
  (t.grants ?? []).every((given) => (given.role === "worker" || given.role === "manager") && given.organisationId === g.organisationId);

const SIGNED_IN: Partial<Record<Role, Rule>> = {
  worker: anywhere,
  manager: anywhere,
  navigator: anywhere,
  moderator: anywhere,
  facilitator: anywhere,
  commissioner: anywhere,
  admin: anywhere,
};

/** Every action a member of staff can take, with the roles (and scopes) that allow it. */
export const POLICY = {
  /** Their own account page: change password, recovery codes, sign out everywhere. */
  "account.manage_own": Object.fromEntries(Object.keys(SIGNED_IN).map((r) => [r, ownAccount])) as Partial<Record<Role, Rule>>,

  "organisation.list": { admin: anywhere },
  "organisation.create": { admin: anywhere },
  "organisation.read": { admin: anywhere, manager: ownOrganisation, worker: ownOrganisation },
  "organisation.update": { admin: anywhere },

  "service.list": { admin: anywhere, manager: ownOrganisation, worker: ownOrganisation },
  "service.create": { admin: anywhere, manager: ownOrganisation },
  "service.read": { admin: anywhere, manager: ownOrganisation, worker: ownOrganisation },
  "service.update": { admin: anywhere, manager: ownOrganisation },

  "area.list": { admin: anywhere },
  "area.update": { admin: anywhere },

  "staff.list": { admin: anywhere, manager: ownOrganisation },
  "staff.read": { admin: anywhere, manager: ownOrganisation },
  "staff.invite": { admin: anywhere, manager: ownOrganisationStaffGrants },
  "staff.change_roles": { admin: anywhere, manager: ownOrganisationStaffGrants },
  "staff.remove": { admin: anywhere, manager: ownOrganisation },

  "audit.read": { admin: anywhere, manager: ownOrganisation },

  // Requests for support reach only the staff of the services they were sent to. Admins run
  // OneDoor but do not read what people asked (least privilege).
  "route.list": { manager: ownOrganisation, worker: ownOrganisation },
  "route.read": { manager: ownOrganisation, worker: ownOrganisation },
  "route.act": { manager: ownOrganisation, worker: ownOrganisation },

  // A navigator sees, for people in their area who said yes to coordination, every service
  // involved and its stage: never what was written for one service (J7).
  "coordination.list": { navigator: ownArea },
  /** A subject access export of one request: admins only, audited. */
  "request.export": { admin: anywhere },
  "coordination.read": { navigator: ownArea },

  // Feedback free text reaches nobody but a moderator until a moderator approves a redacted copy
  // (J9). Moderators see no request data: they hold no grant for any route or coordination action.
  "feedback.moderate": { moderator: anywhere },
  /** Approved, redacted feedback: a provider's staff about their own services, a commissioner about services in their area. */
  "feedback.read": { manager: ownOrganisation, worker: ownOrganisation, commissioner: ownArea },

  // Contributors' groups (J5): admins set them up and the themes; a facilitator records the
  // sessions of their own groups; approved reports reach whoever they are addressed to.
  "group.list": { admin: anywhere, facilitator: ownGroup },
  "group.create": { admin: anywhere },
  "theme.create": { admin: anywhere },
  "group_report.write": { facilitator: ownGroup },
  /** Approved reports addressed to them: a provider's staff, the area's commissioners. Facilitators see their own group's with its drafts. */
  "group_report.read": { manager: ownOrganisation, worker: ownOrganisation, commissioner: ownArea },
  /** "You said, we did": a manager answers for their own organisation; workers read the answers. */
  "response.write": { manager: ownOrganisation },
  /** Which approved, redacted pieces a service's public page shows: its own organisation's managers. */
  "feedback.feature": { manager: ownOrganisation },
  /** What is still unanswered after 28 days, per provider: the area's commissioners, and each provider's managers for their own. */
  "response.unanswered": { commissioner: ownArea, manager: ownOrganisation },
  /** Insights (J8): an area's figures, published through disclosure control. Its commissioners; admins for every area. */
  "insights.read": { commissioner: ownArea, admin: anywhere },
} satisfies Record<string, Partial<Record<Role, Rule>>>;

export type Action = keyof typeof POLICY;

/**
 * The decision for one action on one target:
 * - `allow`: one of the actor's grants permits it here;
 * - `hidden`: the actor's role could do this somewhere, but not to this target. Routes answer
 *   404 so that ids in other organisations cannot be probed;
 * - `forbidden`: none of the actor's roles may do this at all (403).
 */
export function decide(actor: Actor, action: Action, target: Target = {}): "allow" | "hidden" | "forbidden" {
  const rules: Partial<Record<Role, Rule>> = POLICY[action];
  let couldSomewhere = false;
  for (const grant of actor.grants) {
    const rule = rules[grant.role];
    if (!rule) continue;
    couldSomewhere = true;
    if (rule(grant, target, actor)) return "allow";
  }
  return couldSomewhere ? "hidden" : "forbidden";
}

/** The organisations an actor may do this action in, or "everywhere": for lists that must be filtered. */
export function scopeOf(actor: Actor, action: Action): { everywhere: true } | { everywhere: false; organisationIds: string[] } {
  const rules: Partial<Record<Role, Rule>> = POLICY[action];
  const organisationIds: string[] = [];
  for (const grant of actor.grants) {
    const rule = rules[grant.role];
    if (!rule) continue;
    if (rule === anywhere) return { everywhere: true };
    if (grant.organisationId) organisationIds.push(grant.organisationId);
  }
  return { everywhere: false, organisationIds };
}

/** Whether an account may act on the requests sent to an organisation: who is told of new ones, who can be allocated. */
export const mayWorkOnRequests = (account: { id: string; grants: Grant[] }, organisationId: string) =>
  decide({ accountId: account.id, grants: account.grants }, "route.act", { organisationId }) === "allow";
