import { Hono } from "hono";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import type { AuditRepository } from "../db/audit";
import type { DirectoryRepository } from "../db/directory";
import type { StaffRepository } from "../db/staff";
import { AreaSchema, OrganisationSchema, ServiceInputSchema, ServiceSchema, type Service } from "../domain/directory";
import { decide, scopeOf, type Actor, type Target } from "../domain/policy";
import { GrantSchema, sameGrants, type Grant } from "../domain/roles";
import { EmailSchema, summarise, type StaffAccount } from "../domain/staff";
import { AppError } from "../errors";
import type { StaffAuthFeature } from "../features/staff-auth";
import { authorize, authorizeAny, notFound } from "../domain/authorize";
import { sourceAddress } from "../http/source";
import { requireStaff, type StaffVariables } from "../http/staff-session";
import { validate } from "../http/validate";

type Deps = { auth: StaffAuthFeature; staff: StaffRepository; directory: DirectoryRepository; audit: AuditRepository; now: () => number };

const IdParam = z.object({ id: z.uuid({ error: "That is not a OneDoor id." }) });
const GrantsSchema = z.array(GrantSchema).min(1, "Give at least one role.").max(20, "Give at most 20 roles.");

/** The scopes an account's grants live in, as policy targets. */
const targetsOf = (grants: Grant[]): Target[] =>
  grants.map((g) => ({ organisationId: g.organisationId, areaId: g.areaId, groupId: g.groupId, grants }));

/** The staff area's records: organisations, services, areas, staff and roles, invites and the audit log. */
export const staffAdminRoutes = ({ auth, staff, directory, audit, now }: Deps) => {
  const iso = () => new Date(now()).toISOString();
  const source = (c: { req: unknown }) => ({ address: sourceAddress(c as never) });

  async function accountInScope(actor: Actor, action: "staff.read" | "staff.remove", id: string) {
    const account = await staff.getAccount(id);
    if (!account) throw notFound();
    authorizeAny(actor, action, targetsOf(account.grants));
    return account;
  }

  /**
   * Whether the actor may hand out or take away every one of these grants: an admin anything,
   * a manager only worker and manager roles in their own organisation.
   */
  const mayManage = (actor: Actor, grants: Grant[]) =>
    grants.every((g) => decide(actor, "staff.change_roles", { organisationId: g.organisationId, grants: [g] }) === "allow");

  /**
   * Nobody changes or removes their own account: another admin or manager must. So the last
   * admin can never lock everyone out, and nobody can raise their own access.
   */
  const notYourself = (actor: Actor, accountId: string, doing: string) => {
    if (actor.accountId === accountId) throw new AppError("account.own", 403, `You cannot ${doing} your own account. Ask another admin or manager.`);
  };

  return (
    new Hono<{ Variables: StaffVariables }>()
      .use(requireStaff(auth.authenticate))

      // Organisations
      .get("/organisations", async (c) => {
        authorize(c.get("actor"), "organisation.list");
        return c.json({ organisations: await directory.listOrganisations() });
      })
      .post("/organisations", validate("json", OrganisationSchema.omit({ id: true })), async (c) => {
        authorize(c.get("actor"), "organisation.create");
        const organisation = { ...c.req.valid("json"), id: randomUUID() };
        await directory.saveOrganisation(organisation);
        await auth.record("organisation.created", source(c), { actorId: c.get("actor").accountId, record: `organisation:${organisation.id}`, organisationId: organisation.id });
        return c.json({ organisation }, 201);
      })
      .get("/organisations/:id", validate("param", IdParam), async (c) => {
        const { id } = c.req.valid("param");
        authorize(c.get("actor"), "organisation.read", { organisationId: id });
        const organisation = await directory.getOrganisation(id);
        if (!organisation) throw notFound();
        return c.json({ organisation });
      })
      .put("/organisations/:id", validate("param", IdParam), validate("json", OrganisationSchema.omit({ id: true })), async (c) => {
        const { id } = c.req.valid("param");
        authorize(c.get("actor"), "organisation.update", { organisationId: id });
        if (!(await directory.getOrganisation(id))) throw notFound();
        const organisation = { ...c.req.valid("json"), id };
        await directory.saveOrganisation(organisation);
        await auth.record("organisation.updated", source(c), { actorId: c.get("actor").accountId, record: `organisation:${id}`, organisationId: id });
        return c.json({ organisation });
      })

      // Services
      .get("/services", async (c) => {
        const scope = scopeOf(c.get("actor"), "service.list");
        authorize(c.get("actor"), "service.list", scope.everywhere ? {} : { organisationId: scope.organisationIds[0] });
        const { items } = await directory.allServices();
        const visible = scope.everywhere ? items : items.filter((s) => scope.organisationIds.includes(s.organisationId));
        return c.json({ services: visible.sort((a, b) => a.name.localeCompare(b.name, "en-GB")) });
      })
      .post("/services", validate("json", ServiceInputSchema), async (c) => {
        const input = c.req.valid("json");
        authorize(c.get("actor"), "service.create", { organisationId: input.organisationId });
        if (!(await directory.getOrganisation(input.organisationId))) throw notFound();
        const service = ServiceSchema.parse({ ...input, id: randomUUID(), updatedAt: iso(), waitUpdatedAt: iso() });
        await directory.saveService(service);
        await auth.record("service.created", source(c), { actorId: c.get("actor").accountId, record: `service:${service.id}`, organisationId: service.organisationId });
        return c.json({ service }, 201);
      })
      .get("/services/:id", validate("param", IdParam), async (c) => {
        const service = await directory.getService(c.req.valid("param").id);
        authorize(c.get("actor"), "service.read", { organisationId: service?.organisationId ?? "none" });
        if (!service) throw notFound();
        return c.json({ service });
      })
      .put(
        "/services/:id",
        validate("param", IdParam),
        validate("json", ServiceInputSchema),
        async (c) => {
          const { id } = c.req.valid("param");
          const before = await directory.getService(id);
          authorize(c.get("actor"), "service.update", { organisationId: before?.organisationId ?? "none" });
          if (!before) throw notFound();
          const input = c.req.valid("json");
          // Moving a service to another organisation needs the right in that one too.
          authorize(c.get("actor"), "service.update", { organisationId: input.organisationId });
          const waitChanged = input.expectedWaitWeeks !== before.expectedWaitWeeks;
          const service: Service = ServiceSchema.parse({
            ...input,
            id,
            updatedAt: iso(),
            waitUpdatedAt: waitChanged ? iso() : before.waitUpdatedAt,
          });
          await directory.saveService(service);
          await auth.record("service.updated", source(c), { actorId: c.get("actor").accountId, record: `service:${id}`, organisationId: service.organisationId });
          return c.json({ service });
        },
      )

      // Areas
      .get("/areas", async (c) => {
        authorize(c.get("actor"), "area.list");
        return c.json({ areas: await directory.listAreas() });
      })
      .put("/areas/:id", validate("json", AreaSchema.omit({ id: true })), async (c) => {
        const id = AreaSchema.shape.id.safeParse(c.req.param("id"));
        authorize(c.get("actor"), "area.update");
        if (!id.success) throw notFound();
        const area = { ...c.req.valid("json"), id: id.data };
        await directory.saveArea(area);
        await auth.record("area.updated", source(c), { actorId: c.get("actor").accountId, record: `area:${area.id}` });
        return c.json({ area });
      })

      // Staff and roles
      .get("/accounts", async (c) => {
        const actor = c.get("actor");
        const scope = scopeOf(actor, "staff.list");
        authorize(actor, "staff.list", scope.everywhere ? {} : { organisationId: scope.organisationIds[0] });
        const accounts = await staff.listAccounts();
        const visible = scope.everywhere
          ? accounts
          : accounts.filter((a) => a.grants.some((g) => g.organisationId && scope.organisationIds.includes(g.organisationId)));
        // Names and emails of colleagues are personal data: the list is a read like any other.
        await auth.record("staff.read", source(c), {
          actorId: actor.accountId,
          record: "account:list",
          organisationId: scope.everywhere ? undefined : scope.organisationIds[0],
        });
        return c.json({ accounts: visible.map(summarise) });
      })
      .get("/accounts/:id", validate("param", IdParam), async (c) => {
        const account = await accountInScope(c.get("actor"), "staff.read", c.req.valid("param").id);
        await auth.record("staff.read", source(c), { actorId: c.get("actor").accountId, record: `account:${account.id}`, organisationId: account.grants.find((g) => g.organisationId)?.organisationId });
        return c.json({ account: summarise(account) });
      })
      .put("/accounts/:id/grants", validate("param", IdParam), validate("json", z.object({ grants: GrantsSchema })), async (c) => {
        const actor = c.get("actor");
        const account = await staff.getAccount(c.req.valid("param").id);
        if (!account) throw notFound();
        notYourself(actor, account.id, "change the roles of");
        const { grants } = c.req.valid("json");
        // Both what they hold now and what they would hold must be within the actor's powers.
        if (!mayManage(actor, [...account.grants, ...grants])) {
          await auth.record("roles.refused", source(c), { actorId: actor.accountId, record: `account:${account.id}`, outcome: "refused" });
          authorizeAny(actor, "staff.read", targetsOf(account.grants));
          throw new AppError("roles.not_allowed", 403, "You cannot give or take away these roles.");
        }
        if (!sameGrants(account.grants, grants)) {
          const changed: StaffAccount = { ...account, grants, updatedAt: iso() };
          await staff.saveAccount(changed);
          // Their sessions end: the next one is issued with the new roles (a new session id).
          await staff.deleteSessionsOf(account.id);
          await auth.record("roles.changed", source(c), { actorId: actor.accountId, record: `account:${account.id}`, organisationId: grants.find((g) => g.organisationId)?.organisationId });
          return c.json({ account: summarise(changed) });
        }
        return c.json({ account: summarise(account) });
      })
      .delete("/accounts/:id", validate("param", IdParam), async (c) => {
        const actor = c.get("actor");
        const account = await accountInScope(actor, "staff.remove", c.req.valid("param").id);
        notYourself(actor, account.id, "remove");
        // A manager removes only people whose every role they could have given.
        if (!mayManage(actor, account.grants)) throw new AppError("roles.not_allowed", 403, "You cannot remove someone with these roles.");
        await staff.deleteAccount(account);
        await auth.record("account.removed", source(c), { actorId: actor.accountId, record: `account:${account.id}`, organisationId: account.grants.find((g) => g.organisationId)?.organisationId });
        return c.json({ removed: true });
      })
      .post("/invites", validate("json", z.object({ email: EmailSchema, grants: GrantsSchema })), async (c) => {
        const actor = c.get("actor");
        const { email, grants } = c.req.valid("json");
        if (!targetsOf(grants).every((t) => decide(actor, "staff.invite", t) === "allow")) {
          await auth.record("invite.refused", source(c), { actorId: actor.accountId, outcome: "refused" });
          throw new AppError("roles.not_allowed", 403, "You cannot invite someone with these roles.");
        }
        const invite = await auth.createInvite(c.get("account"), email, grants, source(c));
        return c.json({ sentTo: email, expiresAt: invite.expiresAt }, 201);
      })

      // The audit log
      .get(
        "/audit",
        validate("query", z.object({ organisationId: z.uuid().optional(), before: z.string().max(100).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) })),
        async (c) => {
          const actor = c.get("actor");
          const query = c.req.valid("query");
          const { before, limit } = query;
          // Someone who reads only their own organisation's log sees it without having to ask.
          const scope = scopeOf(actor, "audit.read");
          const organisationId = query.organisationId ?? (scope.everywhere ? undefined : scope.organisationIds[0]);
          authorize(actor, "audit.read", organisationId ? { organisationId } : {});
          const page = await audit.list({ organisationId, before, limit });
          await auth.record("audit.read", source(c), { actorId: actor.accountId, organisationId });
          return c.json(page);
        },
      )
  );
};
