import type { Grant, Role, ROLES } from "../../../../functions/domain/roles";

/**
 * The roles' labels and scopes come from functions/domain/roles.ts, written into the page by
 * StaffPage.astro: importing that module here would bring zod into every staff page's script.
 */
let roles: typeof ROLES | undefined;
const all = (): typeof ROLES => (roles ??= JSON.parse(document.getElementById("staff-roles")?.dataset.roles ?? "{}"));

/** A role's label, as the API's list of roles names it. */
export const roleLabel = (role: Role): string => all()[role]?.label ?? role;

/** What scope a role is held in: an organisation, an area, a group, or everywhere. */
export const roleScope = (role: Role) => all()[role]?.scope;

export const allRoles = () => Object.keys(all()) as Role[];

/** A grant as one string, to compare grants (the same as grantKey in roles.ts). */
export const grantKey = (grant: Grant): string => [grant.role, grant.organisationId ?? "", grant.areaId ?? "", grant.groupId ?? ""].join("|");
