import * as z from "zod";
import { AreaIdSchema } from "./directory";

/**
 * Staff roles (PRODUCT.md, "Roles and what they may see") and the scope each is held in. A
 * person may hold several grants, each a role in one scope.
 */
export const ROLES = {
  worker: { label: "Worker", scope: "organisation" },
  manager: { label: "Manager", scope: "organisation" },
  navigator: { label: "Navigator", scope: "area" },
  moderator: { label: "Moderator", scope: "everywhere" },
  facilitator: { label: "Facilitator", scope: "group" },
  commissioner: { label: "Commissioner", scope: "area" },
  admin: { label: "Admin", scope: "everywhere" },
} as const;

export type Role = keyof typeof ROLES;
export const RoleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]], {
  error: `Choose one of: ${Object.keys(ROLES).join(", ")}.`,
});

/** A role held in one scope: an organisation, an area, a contributors' group, or everywhere. */
export const GrantSchema = z
  .object({
    role: RoleSchema,
    organisationId: z.uuid().optional(),
    areaId: AreaIdSchema.optional(),
    groupId: z.uuid().optional(),
  })
  .superRefine((grant, ctx) => {
    const scope = ROLES[grant.role].scope;
    const given = {
      organisation: grant.organisationId !== undefined,
      area: grant.areaId !== undefined,
      group: grant.groupId !== undefined,
    };
    const needed = { organisation: scope === "organisation", area: scope === "area", group: scope === "group" };
    for (const kind of ["organisation", "area", "group"] as const) {
      if (given[kind] !== needed[kind]) {
        ctx.addIssue({
          code: "custom",
          path: [`${kind}Id`],
          message: needed[kind]
            ? `A ${grant.role} must be given the ${kind} they work for.`
            : `A ${grant.role} does not work for one ${kind}: leave it out.`,
        });
      }
    }
  });
export type Grant = z.infer<typeof GrantSchema>;

/** Grants as a stable string, to compare two sets of grants whatever their order. */
export function grantKey(grant: Grant): string {
  return [grant.role, grant.organisationId ?? "", grant.areaId ?? "", grant.groupId ?? ""].join("|");
}

/** Whether two lists hold the same grants. */
export function sameGrants(a: Grant[], b: Grant[]): boolean {
  const left = new Set(a.map(grantKey));
  const right = new Set(b.map(grantKey));
  return left.size === right.size && [...left].every((k) => right.has(k));
}
