import type { DirectoryRepository } from "../db/directory";
import type { FeedbackRepository } from "../db/feedback";
import type { GroupRepository } from "../db/groups";
import type { InsightsRepository, ReadMeter } from "../db/insights";
import type { AuditAction, Source } from "../domain/audit";
import { authorize, scopesFor } from "../domain/authorize";
import { periodMonths, type Period } from "../domain/disclosure";
import { buildInsights, type Figures } from "../domain/insights";
import { decide, type Actor } from "../domain/policy";
import type { StaffActing } from "../domain/staff";
import { countNoise } from "../security/count-noise";
import type { ResponsesFeature } from "./responses";

type Deps = {
  insights: InsightsRepository;
  directory: DirectoryRepository;
  feedback: FeedbackRepository;
  groups: GroupRepository;
  responses: ResponsesFeature;
  now: () => number;
  record: (action: AuditAction, source: Source, details: { actorId: string; record: string }) => Promise<void>;
  /** The key the published counts' noise is made with (disclosure.ts rule 7). */
  hashKey: Buffer;
};

/** How many approved quotes and group reports insights show beside the figures: the newest. */
const NEWEST = 5;

/**
 * Commissioner insights (J8): an area's demand, access, gaps, equity and voice for a fixed period,
 * from figures kept up as events happen. A commissioner reads their own area; admins any area.
 * Nothing here reads a request, a route or an equality answer of one person.
 */
export function insightsFeature({ insights, directory, feedback, groups, responses, now, record, hashKey }: Deps) {
  /** The areas this actor may read insights for: a commissioner's own, every area for an admin. */
  async function areasFor(actor: Actor): Promise<string[]> {
    // Refused outright (403) only for a role that never reads insights; the area is checked next.
    if (decide(actor, "insights.read") === "forbidden") authorize(actor, "insights.read");
    if (actor.grants.some((g) => g.role === "admin")) return (await directory.listAreas()).map((a) => a.id);
    return scopesFor(actor, "insights.read").areaIds;
  }

  return {
    areasFor,

    async read({ actor, source }: StaffActing, query: { areaId?: string; period: Period }, meter: ReadMeter = { queries: 0, units: 0 }) {
      const areas = await areasFor(actor);
      const areaId = query.areaId ?? areas[0];
      if (!areaId) authorize(actor, "insights.read", { areaId: "none" });
      authorize(actor, "insights.read", { areaId: areaId! });
      const months = periodMonths(query.period);
      const [{ demand, access }, feedbackArea, inArea, allAreas] = await Promise.all([
        insights.requestFigures(areaId!, months, meter),
        insights.feedbackOfArea(areaId!, months, meter),
        directory.servicesForAreas([areaId!]),
        directory.listAreas(),
      ]);
      // The area's own services, and any national service that people here asked.
      const services = inArea.items.filter((s) => !s.national || access.has(s.id));
      const signposted = [...access.values()].flatMap((byMonth) => [...byMonth.values()].flatMap((c) => Object.keys(c).filter((k) => k.startsWith("signpost.")).map((k) => k.slice(9))));
      const others = await directory.getServices([...new Set([...access.keys(), ...signposted])].filter((id) => id !== "other" && !services.some((s) => s.id === id)));
      for (const id of access.keys()) if (others.has(id)) services.push(others.get(id)!);
      // A service's feedback is read for the four quarters ending with this one: the trend needs them, and it is one Query either way.
      const trendMonths = periodMonths({ kind: "year", month: months.at(-1)! });
      const perService = await Promise.all(services.map(async (s) => [s.id, await insights.waitingNow(s.id, meter), await insights.feedbackOfService(s.id, trendMonths, meter)] as const));
      const figures: Figures = {
        months,
        trendMonths,
        demand,
        access,
        now: new Map(perService.map(([id, waiting]) => [id, waiting])),
        feedbackArea,
        feedbackService: new Map(perService.map(([id, , fed]) => [id, fed])),
        services,
        names: new Map([...services, ...others.values()].map((s) => [s.id, s.name])),
        today: new Date(now()).toISOString().slice(0, 10),
        areaId: areaId!,
        noise: countNoise(hashKey),
      };
      const [quotes, reports, unanswered] = await Promise.all([
        feedback.approved({ areaId: areaId! }, { limit: NEWEST }),
        groups.approvedReports({ areaId: areaId! }, { limit: NEWEST }),
        // What is unanswered is the area's commissioners' to read (an admin sees the figures alone).
        decide(actor, "response.unanswered", { areaId }) === "allow" ? responses.unanswered(actor, { areaId }) : { providers: [] },
      ]);
      const names = new Map((await groups.listGroups()).map((g) => [g.id, g.name]));
      await record("insights.read", source, { actorId: actor.accountId, record: `area:${areaId}` });
      return {
        area: { id: areaId!, name: allAreas.find((a) => a.id === areaId)?.name ?? areaId! },
        areas: allAreas.filter((a) => areas.includes(a.id)).map((a) => ({ id: a.id, name: a.name })),
        period: { ...query.period, months },
        sections: buildInsights(figures),
        voice: {
          quotes: quotes.items.filter((q) => q.text).map((q) => ({ serviceName: figures.names.get(q.serviceId) ?? "A service", month: q.month, text: q.text })),
          reports: reports.items.map((r) => ({ groupName: names.get(r.groupId) ?? "A group", date: r.date, participants: r.participants, themes: r.themes, summary: r.redacted.summary })),
          unanswered: unanswered.providers.map((p) => ({ organisationName: p.organisationName, count: p.unanswered.length })),
        },
      };
    },
  };
}

export type InsightsFeature = ReturnType<typeof insightsFeature>;
export type Insights = Awaited<ReturnType<InsightsFeature["read"]>>;
