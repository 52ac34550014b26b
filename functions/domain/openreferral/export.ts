/** Export: a OneDoor service, with its organisation, as an Open Referral UK service. */
import type { Organisation, PublicService } from "../directory";
import { describeOpeningTimes } from "../opening-times";
import { ACCESSIBILITY, type ServiceStatus } from "../vocabulary";
import { uuidV5 } from "./ids";
import { TAXONOMIES, sharedTerm, type CodeOf, type Fact, type Feature, type TaxonomySlug } from "./taxonomies";
import type { HsdsAttribute, HsdsOrganization, HsdsService, HsdsStatus, HsdsTaxonomyTerm } from "./types";

const STATUS_TO_HSDS: Record<ServiceStatus, HsdsStatus> = { active: "active", paused: "temporarily closed", closed: "inactive" };

const NATIONS: Record<string, string> = { E: "England", W: "Wales", S: "Scotland", N: "Northern Ireland" };

/** The nation for a place's address: the one every area of the service is in, else the UK. */
function nationOf(areaIds: string[]): string {
  const nations = new Set(areaIds.map((id) => NATIONS[id[0]!] ?? "United Kingdom"));
  return nations.size === 1 ? [...nations][0]! : "United Kingdom";
}

function readableDate(iso: string): string {
  return new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}

/** The attributes of one subject (a service, a place, an organisation), with ids derived from its own id. */
function attributeMaker(subjectId: string, prefix = "") {
  const vocabulary = <T extends Exclude<TaxonomySlug, "facts">>(slug: T, codes: readonly CodeOf<T>[]): HsdsAttribute[] =>
    codes.map((code) => {
      const term = sharedTerm(slug, code);
      return {
        id: uuidV5(`${prefix}attribute/${slug}/${code}`, subjectId),
        link_type: TAXONOMIES[slug].linkType,
        taxonomy_term_id: term.id,
        taxonomy_term: term,
      };
    });
  const features = (answers: [Feature, boolean][]) => vocabulary("features", answers.filter(([, yes]) => yes).map(([f]) => f));
  const fact = (fact: Fact, value: string | undefined, name: (value: string) => string): HsdsAttribute[] => {
    if (value === undefined) return [];
    const parent = sharedTerm("facts", fact);
    const term: HsdsTaxonomyTerm = {
      id: uuidV5(`${prefix}taxonomy-term/facts/${fact}`, subjectId),
      name: name(value),
      description: parent.description,
      term: value,
      taxonomy: parent.taxonomy,
      taxonomy_id: parent.taxonomy_id,
      parent_id: parent.id,
    };
    return [{ id: uuidV5(`${prefix}attribute/facts/${fact}`, subjectId), link_type: fact.replaceAll("-", "_"), taxonomy_term_id: term.id, taxonomy_term: term }];
  };
  return { vocabulary, features, fact };
}

function toHsdsOrganization(organisation: Organisation): HsdsOrganization {
  const attributes = attributeMaker(organisation.id).features([["example", organisation.isExample]]);
  return {
    id: organisation.id,
    name: organisation.name,
    description: organisation.description,
    ...(organisation.website ? { website: organisation.website } : {}),
    ...(organisation.email ? { email: organisation.email } : {}),
    ...(attributes.length ? { attributes } : {}),
  };
}

/** A OneDoor service as an Open Referral UK service, with its organisation, areas, places and times nested. */
export function toOpenReferralService(service: PublicService, organisation: Organisation | undefined): HsdsService {
  const make = attributeMaker(service.id);
  const wait = service.expectedWaitWeeks;
  const attributes = [
    ...make.vocabulary("audiences", service.audiences),
    ...make.vocabulary("needs", service.needs),
    ...make.vocabulary("delivery", service.deliveryModes),
    ...make.vocabulary("worker-genders", service.workerGenders),
    ...make.vocabulary("languages", service.languages),
    ...make.vocabulary("accessibility", service.accessibility),
    ...make.features([
      ["self-referral", service.acceptsSelfReferral],
      ["lgbtq-friendly", service.lgbtqFriendly],
      ["boys-and-young-men", service.boysAndYoungMen],
      ["national", service.national],
      ["example", service.isExample],
    ]),
    ...make.fact("what-happens", service.whatHappens, (text) => text),
    ...make.fact("expected-wait-weeks", wait === null ? undefined : String(wait), () => (wait === 1 ? "1 week" : `${wait} weeks`)),
    ...make.fact("wait-updated-at", service.waitUpdatedAt, (at) => `Wait last updated ${readableDate(at)}`),
    ...make.fact("phone", service.contact.phone, (number) => `Phone ${number}`),
    ...make.fact("text", service.contact.text, (number) => `Text ${number}`),
  ];
  const stateProvince = nationOf(service.areaIds);

  return {
    id: service.id,
    name: service.name,
    description: service.description,
    ...(service.contact.website ? { url: service.contact.website } : {}),
    ...(service.contact.email ? { email: service.contact.email } : {}),
    status: STATUS_TO_HSDS[service.status],
    ...(service.minAge !== undefined ? { minimum_age: service.minAge } : {}),
    ...(service.maxAge !== undefined ? { maximum_age: service.maxAge } : {}),
    last_modified: service.updatedAt,
    organization_id: service.organisationId,
    ...(organisation ? { organization: toHsdsOrganization(organisation) } : {}),
    service_areas: service.areas.map((area) => ({
      id: uuidV5(`service-area/${area.id}`, service.id),
      name: area.name,
      service_area: area.name,
      // The ONS linked-data address of the local authority: the code stays machine-readable.
      uri: `http://statistics.data.gov.uk/id/statistical-geography/${area.id}`,
    })),
    service_at_locations: service.locations.map((place) => {
      const prefix = `location/${place.id}/`;
      return {
        id: uuidV5(`service-at-location/${place.id}`, service.id),
        location: {
          id: place.id,
          location_type: "physical",
          name: place.name,
          addresses: [
            {
              id: uuidV5(`${prefix}address`, service.id),
              address_1: place.address,
              city: place.town,
              state_province: stateProvince,
              postal_code: place.postcode,
              country: "GB",
              address_type: "physical",
            },
          ],
          accessibility: place.accessibility.map((code) => ({
            id: uuidV5(`${prefix}accessibility/${code}`, service.id),
            description: ACCESSIBILITY[code],
            accessibility: ACCESSIBILITY[code],
          })),
          attributes: attributeMaker(service.id, prefix).vocabulary("accessibility", place.accessibility),
        },
      };
    }),
    schedules: service.openingTimes.map((times, index) => ({
      id: uuidV5(`schedule/${index}`, service.id),
      freq: "WEEKLY",
      byday: times.days.join(","),
      opens_at: `${times.opens}:00`,
      closes_at: `${times.closes}:00`,
      description: describeOpeningTimes(times),
    })),
    attributes,
  };
}
