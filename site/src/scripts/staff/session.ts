import type { Area } from "../../../../functions/domain/directory";
import { decide, type Action, type Actor } from "../../../../functions/domain/policy";
import type { Grant } from "../../../../functions/domain/roles";
import type { StaffSummary } from "../../../../functions/domain/staff";
import { getJson } from "../api";
import { getStaff } from "./api";
import { roleLabel } from "./roles";

/** The signed-in member of staff, as `/api/staff/me` returns them. */
export type Me = StaffSummary & { recoveryCodesLeft: number };

/** Loads who is signed in; with no session, the page goes to sign in and this never settles. */
export async function requireSignedIn(): Promise<{ ok: true; me: Me } | { ok: false; message: string }> {
  const result = await getStaff<{ account: Me }>("/api/staff/me");
  return result.ok ? { ok: true, me: result.data.account } : { ok: false, message: result.error.message };
}

export const actorOf = (me: Pick<Me, "id" | "grants">): Actor => ({ accountId: me.id, grants: me.grants });

/** Whether any of the person's roles can do this somewhere (the same policy the API asks). */
export const mayEver = (me: Me, action: Action) => decide(actorOf(me), action) !== "forbidden";

/** Whether the person may do this to a record in this organisation. */
export const mayIn = (me: Me, action: Action, organisationId: string) => decide(actorOf(me), action, { organisationId }) === "allow";

/** The organisations the person works for, from their grants. */
export const ownOrganisationIds = (grants: Grant[]) => [...new Set(grants.flatMap((g) => (g.organisationId ? [g.organisationId] : [])))];

/** Names for the ids in grants: organisations, areas and (for those who may list them) contributors' groups. */
export type Names = { organisations: Map<string, string>; areas: Map<string, string>; groups?: Map<string, string> };

/**
 * The names of organisations and areas, for showing roles in words. An admin can list every
 * organisation; anyone else can read their own. Areas come from the public list.
 */
export async function loadNames(me: Me, organisationIds: string[] = ownOrganisationIds(me.grants)): Promise<Names> {
  const names: Names = { organisations: new Map(), areas: new Map() };
  const areas = getJson<{ areas: Area[] }>("/api/areas");
  if (mayEver(me, "organisation.list")) {
    const all = await getStaff<{ organisations: { id: string; name: string }[] }>("/api/staff/organisations");
    if (all.ok) for (const o of all.data.organisations) names.organisations.set(o.id, o.name);
  } else {
    const found = await Promise.all(organisationIds.map((id) => getStaff<{ organisation: { id: string; name: string } }>(`/api/staff/organisations/${id}`)));
    for (const r of found) if (r.ok) names.organisations.set(r.data.organisation.id, r.data.organisation.name);
  }
  if (mayEver(me, "group.list")) {
    const groups = await getStaff<{ groups: { id: string; name: string }[] }>("/api/staff/groups");
    if (groups.ok) names.groups = new Map(groups.data.groups.map((g) => [g.id, g.name]));
  }
  const areaList = await areas;
  if (areaList.ok) for (const a of areaList.data.areas) names.areas.set(a.id, a.name);
  return names;
}

/** One role in words: "Manager, Harbour Support (example)", "Admin". */
export function describeGrant(grant: Grant, names?: Names): string {
  const label = roleLabel(grant.role);
  if (grant.organisationId) return `${label}, ${names?.organisations.get(grant.organisationId) ?? "another organisation"}`;
  if (grant.areaId) return `${label}, ${names?.areas.get(grant.areaId) ?? grant.areaId}`;
  if (grant.groupId) return `${label}, ${names?.groups?.get(grant.groupId) ?? `group ${grant.groupId.slice(0, 8)}`}`;
  return label;
}
