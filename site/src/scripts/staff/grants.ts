import { decide } from "../../../../functions/domain/policy";
import type { Grant, Role } from "../../../../functions/domain/roles";
import { el } from "../dom";
import type { FieldError } from "./form";
import { allRoles, roleScope } from "./roles";
import { actorOf, mayEver, ownOrganisationIds, type Me, type Names } from "./session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The roles this person may hand out, and in which organisations (the policy the API applies). */
export function grantableRoles(me: Me, names: Names): { roles: Role[]; organisationIds: string[] } {
  const actor = actorOf(me);
  const everywhere = mayEver(me, "organisation.list");
  const organisationIds = everywhere ? [...names.organisations.keys()] : ownOrganisationIds(me.grants);
  const may = (grant: Grant) => decide(actor, "staff.invite", { organisationId: grant.organisationId, grants: [grant] }) === "allow";
  const roles = allRoles().filter((role) =>
    roleScope(role) === "organisation" ? organisationIds.some((organisationId) => may({ role, organisationId })) : may({ role }),
  );
  return { roles, organisationIds: organisationIds.filter((organisationId) => roles.some((role) => may({ role, organisationId }))) };
}

/** Wires a GrantFields.astro block: only grantable roles, and only the scope field the chosen role needs. */
export function grantFields(form: HTMLFormElement, me: Me, names: Names) {
  const { roles, organisationIds } = grantableRoles(me, names);
  for (const choice of Array.from(form.querySelectorAll<HTMLElement>("[data-role]"))) choice.hidden = !roles.includes(choice.dataset.role as Role);
  const organisations = form.querySelector<HTMLSelectElement>("select[name=organisationId]")!;
  organisations.append(
    ...organisationIds
      .map((id) => ({ id, name: names.organisations.get(id) ?? id }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
      .map((o) => el("option", { value: o.id }, o.name)),
  );
  if (organisationIds.length === 1) organisations.value = organisationIds[0]!;
  form
    .querySelector<HTMLSelectElement>("select[name=areaId]")!
    .append(...[...names.areas].map(([id, name]) => el("option", { value: id }, name)));

  const chosen = () => form.querySelector<HTMLInputElement>("input[name=role]:checked")?.value;
  const showScope = () => {
    const role = chosen();
    const scope = role ? roleScope(role as Role) : undefined;
    for (const field of Array.from(form.querySelectorAll<HTMLElement>("[data-scope]"))) field.hidden = field.dataset.scope !== scope;
  };
  form.addEventListener("change", (event) => {
    if ((event.target as HTMLInputElement).name === "role") showScope();
  });
  showScope();

  return {
    /** The grant chosen (none when "no new role" is), or what is missing. */
    read(): { grant?: Grant; errors: FieldError[] } {
      const role = chosen() as Role | "" | undefined;
      if (role === undefined) return { errors: [{ field: "grants", message: "Choose a role." }] };
      if (role === "") return { errors: [] };
      const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value.trim();
      switch (roleScope(role)) {
        case "organisation":
          return value("organisationId")
            ? { grant: { role, organisationId: value("organisationId") }, errors: [] }
            : { errors: [{ field: "organisationId", message: "Choose the organisation they work for." }] };
        case "area":
          return value("areaId") ? { grant: { role, areaId: value("areaId") }, errors: [] } : { errors: [{ field: "areaId", message: "Choose the area they work in." }] };
        case "group":
          return UUID.test(value("groupId"))
            ? { grant: { role, groupId: value("groupId").toLowerCase() }, errors: [] }
            : { errors: [{ field: "groupId", message: "Enter the group's id, like 5f0c7a52-8a0d-4b9e-9d55-1c2f0e6a7d01." }] };
        default:
          return { grant: { role }, errors: [] };
      }
    },
    reset() {
      form.reset();
      if (organisationIds.length === 1) organisations.value = organisationIds[0]!;
      showScope();
    },
  };
}
