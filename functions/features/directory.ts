import type { Area, Organisation, PublicService, Service } from "../domain/directory";
import { compareForResults, matchesFilters, NAME_SEARCH_LIMIT, paginate, searchWordOf, type Page, type SearchFilters } from "../domain/search";
import type { DirectoryRepository } from "../db/directory";
import { AppError } from "../errors";
import { freshFor } from "./fresh-for";

/**
 * The Open Referral export is every service, read at most once a minute per instance: it is
 * public and the same for everyone, and reading the whole directory for each page asked for
 * would let anyone make OneDoor read it again and again. A change shows in it within a minute.
 */
export const EXPORT_FRESH_MS = 60_000;

/** Every service that is not closed, with its organisation. */
export type DirectoryExport = { services: PublicService[]; organisations: Map<string, Organisation> };

/** A page of search results, with what the search read (for the benchmark's capacity check). */
export type SearchResult = Page<PublicService> & { consumedReadUnits: number; areaIds: string[] };

/** The directory as the public sees it: search, one service, and the list of areas. */
export function directoryFeature(repository: DirectoryRepository, now: () => number = Date.now) {
  async function present(services: Service[]): Promise<PublicService[]> {
    const [organisations, areas] = await Promise.all([
      repository.getOrganisations(services.map((s) => s.organisationId)),
      repository.getAreas(services.flatMap((s) => s.areaIds)),
    ]);
    const areaNames = new Map([...areas.values()].map((a) => [a.id, a.name]));
    return services.map((service) => publicView(service, organisations.get(service.organisationId), areaNames));
  }

  /** Turns the chosen area or postcode district into area ids, or says clearly why it cannot. */
  async function resolveAreas(filters: SearchFilters): Promise<string[] | undefined> {
    if (filters.area) {
      const known = await repository.getAreas([filters.area]);
      if (!known.size) {
        throw new AppError("search.area_unknown", 400, "We do not know that area. Choose one from the list.", [
          { field: "area", message: "We do not know that area. Choose one from the list." },
        ]);
      }
      return [filters.area];
    }
    if (filters.postcode) {
      const areaIds = await repository.areaIdsForPostcodeDistrict(filters.postcode);
      if (!areaIds.length) {
        const message = `We do not have services listed for ${filters.postcode} yet. Choose your area from the list instead.`;
        throw new AppError("search.postcode_unknown", 400, message, [{ field: "postcode", message }]);
      }
      return areaIds;
    }
    return undefined;
  }

  const recentExport = freshFor(EXPORT_FRESH_MS, now, async () => {
    const { items } = await repository.allServices();
    const services = items.filter((s) => s.status !== "closed").sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    const organisations = await repository.getOrganisations(services.map((s) => s.organisationId));
    return new Map([["all", { services: await present(services), organisations }]]);
  });

  return {
    /**
     * Services that fit the filters, best first, one page at a time. Each search reads only the
     * partitions it needs, however big the directory: an area's (and the national ones), or with
     * no area the services with the name typed, or with neither the national services, which
     * are the ones that help someone anywhere.
     */
    async search(filters: SearchFilters): Promise<SearchResult> {
      const areaIds = await resolveAreas(filters);
      const read = areaIds
        ? await repository.servicesForAreas(areaIds)
        : filters.name
          ? await repository.servicesByNameWord(searchWordOf(filters.name)!, NAME_SEARCH_LIMIT)
          : await repository.nationalServices();
      const ordered = read.items.filter((s) => matchesFilters(s, filters)).sort(compareForResults);
      const page = paginate(ordered, filters.page, filters.perPage);
      return { ...page, items: await present(page.items), consumedReadUnits: read.consumedReadUnits, areaIds: areaIds ?? [] };
    },

    /** One service by id; closed services are still shown, so a saved link explains itself. */
    async getService(id: string): Promise<PublicService> {
      const service = await repository.getService(id);
      if (!service) throw new AppError("service.not_found", 404, "We could not find that service. It may have moved or closed.");
      const [presented] = await present([service]);
      return presented!;
    },

    /** Every service that is not closed, with its organisation: the Open Referral export. */
    async exportDirectory(): Promise<DirectoryExport> {
      return (await recentExport(["all"])).get("all")!;
    },

    /** One service with its whole organisation record (Open Referral nests it). */
    async getServiceForExport(id: string): Promise<{ service: PublicService; organisation: Organisation | undefined }> {
      const service = await this.getService(id);
      return { service, organisation: await repository.getOrganisation(service.organisationId) };
    },

    async listAreas(): Promise<Area[]> {
      return (await repository.listAreas()).sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
    },
  };
}

function publicView(service: Service, organisation: Organisation | undefined, areaNames: Map<string, string>): PublicService {
  return {
    ...service,
    organisation: organisation
      ? { id: organisation.id, name: organisation.name, website: organisation.website }
      : { id: service.organisationId, name: "" },
    areas: service.areaIds.map((id) => ({ id, name: areaNames.get(id) ?? id })),
  };
}

export type DirectoryFeature = ReturnType<typeof directoryFeature>;
