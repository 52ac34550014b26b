import type { DirectoryRepository } from "../db/directory";
import type { RequestRepository } from "../db/requests";
import type { AuditAction } from "../domain/audit";
import { decide, type Actor } from "../domain/policy";
import { isCheckInOverdue, type Route } from "../domain/route";
import { authorize, notFound } from "../domain/authorize";
import type { Source } from "../domain/audit";

type Deps = {
  requests: RequestRepository;
  directory: DirectoryRepository;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string }) => Promise<void>;
  now: () => number;
};

/**
 * J7: a navigator's view of one person's support, for people in their area who said yes to
 * coordination. Every service involved, its stage and its last contact: never the free text or
 * contact details meant for one service.
 */
export function coordinationFeature({ requests, directory, record, now }: Deps) {
  async function overview(reference: string) {
    const whole = await requests.getWhole(reference);
    const request = whole.request;
    if (!request || !request.consentToCoordination) return undefined;
    const services = await directory.getServices(whole.routes.map((r) => r.serviceId));
    const organisations = await directory.getOrganisations([...new Set(whole.routes.map((r) => r.organisationId))]);
    const lastContact = (route: Route) =>
      whole.events.filter((e) => e.serviceId === route.serviceId && e.action === "contact").at(-1)?.at;
    return {
      reference,
      createdAt: request.createdAt,
      areaId: request.areaId,
      asker: request.asker,
      ageBand: request.ageBand,
      needs: request.needs,
      urgent: whole.routes.some((r) => r.urgent),
      services: whole.routes.map((route) => ({
        serviceId: route.serviceId,
        serviceName: services.get(route.serviceId)?.name ?? "A service no longer listed",
        organisationName: organisations.get(route.organisationId)?.name,
        status: route.status,
        urgent: route.urgent,
        expectedWaitWeeks: route.status === "waiting" ? route.expectedWaitWeeks : undefined,
        allocated: route.allocatedTo !== undefined,
        lastContactAt: lastContact(route),
        checkInOverdue: isCheckInOverdue(route, now()),
        updatedAt: route.updatedAt,
      })),
    };
  }

  /** The areas this navigator coordinates in, as the policy says. */
  const areasOf = (actor: Actor) =>
    [...new Set(actor.grants.flatMap((g) => (g.areaId ? [g.areaId] : [])))].filter((areaId) => decide(actor, "coordination.list", { areaId }) === "allow");

  return {
    async list(actor: Actor) {
      const areaIds = areasOf(actor);
      if (!areaIds.length) authorize(actor, "coordination.list");
      const references = (await Promise.all(areaIds.map((a) => requests.forCoordination(a)))).flat();
      const overviews = (await Promise.all(references.map((r) => overview(r)))).filter((o) => !!o);
      // Urgent first, then oldest. The list carries no names, contact details or free text.
      return overviews.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.createdAt.localeCompare(b.createdAt));
    },

    /** One person's services on one page; the read is audited. */
    async read(actor: Actor, reference: string, source: Source) {
      const found = await overview(reference);
      if (!found) throw notFound();
      authorize(actor, "coordination.read", { areaId: found.areaId });
      await record("coordination.read", source, { actorId: actor.accountId, record: `request:${reference}` });
      return found;
    },
  };
}

export type CoordinationFeature = ReturnType<typeof coordinationFeature>;
