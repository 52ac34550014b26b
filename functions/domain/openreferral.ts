/**
 * OneDoor's directory in Open Referral UK form (HSDS 3.0 with the UK profile), both ways.
 *
 * How OneDoor-only facts are encoded. The UK profile removes `attribute.value`,
 * `attribute.link_entity`, `taxonomy_term.code`, `service.wait_time`, `service.application_process`,
 * `language.name`/`language.code`, the `metadata` object and every `phones` list in a service.
 * So every OneDoor fact travels as an HSDS `attribute` linking a `taxonomy_term`, and a term's
 * machine-readable value is always in `term` (the UK profile's replacement for `code`), with
 * plain words in `name`:
 * - Codes from a vocabulary (audiences, needs, delivery modes, worker genders, languages,
 *   accessibility) are shared terms of one OneDoor taxonomy each: `term` is the code.
 * - Yes/no facts (self-referral, LGBTQ+ friendly, boys and young men, national, example data)
 *   are shared terms of "OneDoor service features": the attribute is there when the answer is yes.
 * - Facts with a value of their own (expected wait, when it was updated, what happens when you
 *   get in touch, phone and text numbers) are a term made for this one service, whose `parent_id`
 *   is the shared term naming the fact in "OneDoor service facts" and whose `term` is the value.
 *   A wait nobody has stated has no attribute at all.
 * A language may carry neither name nor code in the profile, so languages are terms and the HSDS
 * `languages` list is left out; a place's accessibility is words in `location.accessibility` for
 * people and terms in `location.attributes` for machines.
 * Shared terms and taxonomies are published at `/taxonomies` and `/taxonomy_terms`, and are
 * recognised on import by id. Every id derived here is a UUID v5 (of OneDoor's namespace, or of the
 * service's own id), so exporting the same service twice gives the same document.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import type { FieldError } from "../errors";
import {
  OrganisationSchema,
  ServiceSchema,
  type Area,
  type OpeningTimes,
  type Organisation,
  type PublicService,
  type Service,
} from "./directory";
import { describeOpeningTimes } from "./opening-times";
import { paginate } from "./search";
import {
  ACCESSIBILITY,
  AUDIENCES,
  DELIVERY_MODES,
  LANGUAGES,
  NEED_DESCRIPTIONS,
  NEEDS,
  WORKER_GENDERS,
  codesOf,
  type Audience,
  type ServiceStatus,
} from "./vocabulary";

/** A name-based UUID (RFC 9562 version 5, SHA-1): the same name in the same namespace, the same id. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1").update(Buffer.from(namespace.replaceAll("-", ""), "hex")).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 9562's URL namespace. OneDoor's own namespace is derived from it, and must never change: every published id depends on it. */
const URL_NAMESPACE = "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
const ONEDOOR_NAMESPACE = uuidV5("urn:onedoor:openreferral", URL_NAMESPACE);

// ---------------------------------------------------------------------------------------------
// The shapes OneDoor publishes (a subset of HSDS 3.0 that the UK profile allows).

export type HsdsTaxonomyTerm = {
  id: string;
  name: string;
  description: string;
  term: string;
  taxonomy: string;
  taxonomy_id: string;
  parent_id?: string;
};
export type HsdsTaxonomy = { id: string; name: string; description: string; version: string; taxonomy_terms?: HsdsTaxonomyTerm[] };
export type HsdsAttribute = { id: string; link_type: string; taxonomy_term_id: string; taxonomy_term: HsdsTaxonomyTerm };
export type HsdsOrganization = { id: string; name: string; description: string; website?: string; email?: string; attributes?: HsdsAttribute[] };
export type HsdsAddress = {
  id: string;
  address_1: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: "physical";
};
export type HsdsLocation = {
  id: string;
  location_type: "physical";
  name: string;
  addresses: HsdsAddress[];
  accessibility: { id: string; description: string; accessibility: string }[];
  attributes: HsdsAttribute[];
};
export type HsdsService = {
  id: string;
  name: string;
  description: string;
  url?: string;
  email?: string;
  status: HsdsStatus;
  minimum_age?: number;
  maximum_age?: number;
  last_modified: string;
  organization_id: string;
  organization?: HsdsOrganization;
  service_areas: { id: string; name: string; service_area: string; uri: string }[];
  service_at_locations: { id: string; location: HsdsLocation }[];
  schedules: { id: string; freq: "WEEKLY"; byday: string; opens_at: string; closes_at: string; description: string }[];
  attributes: HsdsAttribute[];
};

type HsdsStatus = "active" | "inactive" | "defunct" | "temporarily closed";

const STATUS_TO_HSDS: Record<ServiceStatus, HsdsStatus> = { active: "active", paused: "temporarily closed", closed: "inactive" };
const STATUS_FROM_HSDS: Record<HsdsStatus, ServiceStatus> = {
  active: "active",
  "temporarily closed": "paused",
  inactive: "closed",
  defunct: "closed",
};

// ---------------------------------------------------------------------------------------------
// OneDoor's taxonomies.

type TermDefinition = { name: string; description: string };

/** Yes/no facts: a service has the attribute when the answer is yes. */
const FEATURES = {
  "self-referral": {
    name: "You can refer yourself",
    description: "You can ask this service for support yourself. You do not need a professional to refer you.",
  },
  "lgbtq-friendly": { name: "LGBTQ+ friendly", description: "The service welcomes lesbian, gay, bisexual, trans and queer people." },
  "boys-and-young-men": {
    name: "Works with boys and young men",
    description: "The service has experience of supporting boys and young men.",
  },
  national: { name: "National service", description: "Anyone can use the service, wherever they live." },
  example: {
    name: "Example data",
    description: "Invented to demonstrate OneDoor. This is not a real service or organisation.",
  },
} as const satisfies Record<string, TermDefinition>;
type Feature = keyof typeof FEATURES;

/** Facts with a value: each service gets a term of its own under one of these, holding the value in `term`. */
const FACTS = {
  "what-happens": {
    name: "What happens when you get in touch",
    description: "What happens when you get in touch, in plain words. The term holds the text.",
  },
  "expected-wait-weeks": {
    name: "Expected wait",
    description: "How long people wait from asking for support to first support, in whole weeks. The term holds the number of weeks.",
  },
  "wait-updated-at": {
    name: "Wait last updated",
    description: "When the service last said how long the wait is. The term holds the date and time (ISO 8601).",
  },
  phone: { name: "Phone number", description: "A number to call the service on. The term holds the number." },
  text: { name: "Text message number", description: "A number to send the service a text message. The term holds the number." },
} as const satisfies Record<string, TermDefinition>;
type Fact = keyof typeof FACTS;

function describe<T extends Record<string, string>>(vocabulary: T, sentence: (label: string) => string): Record<keyof T, TermDefinition> {
  return Object.fromEntries(
    Object.entries(vocabulary).map(([code, label]) => [code, { name: label, description: sentence(label) }]),
  ) as Record<keyof T, TermDefinition>;
}

const TAXONOMIES = {
  audiences: {
    name: "OneDoor audiences",
    description: "Who a service is for.",
    linkType: "audience",
    terms: describe(AUDIENCES, (label) => `The service is for ${label.toLowerCase()}.`),
  },
  needs: {
    name: "OneDoor needs",
    description: "The help a person can ask for after sexual abuse or exploitation.",
    linkType: "need",
    terms: Object.fromEntries(codesOf(NEEDS).map((code) => [code, { name: NEEDS[code], description: NEED_DESCRIPTIONS[code] }])) as Record<
      keyof typeof NEEDS,
      TermDefinition
    >,
  },
  delivery: {
    name: "OneDoor delivery modes",
    description: "How a service gives support.",
    linkType: "delivery_mode",
    terms: describe(DELIVERY_MODES, (label) => `Support is given this way: ${label.toLowerCase()}.`),
  },
  "worker-genders": {
    name: "OneDoor worker genders",
    description: "Who a person can ask to talk to.",
    linkType: "worker_gender",
    terms: describe(WORKER_GENDERS, (label) => `You can ask to talk to ${label.toLowerCase()}.`),
  },
  languages: {
    name: "OneDoor languages",
    description: "Languages a service can work in, without an interpreter. The term is the ISO 639 code.",
    linkType: "language",
    terms: describe(LANGUAGES, (label) => `The service can work in ${label}.`),
  },
  accessibility: {
    name: "OneDoor accessibility",
    description: "Accessibility a service or one of its places offers.",
    linkType: "accessibility",
    terms: describe(ACCESSIBILITY, (label) => `The service offers this: ${label.toLowerCase()}.`),
  },
  features: {
    name: "OneDoor service features",
    description: "Yes or no facts about a service. A service has the term when the answer is yes.",
    linkType: "feature",
    terms: FEATURES,
  },
  facts: {
    name: "OneDoor service facts",
    description: "Facts with a value, such as the expected wait. Each service has a child term of these holding its own value.",
    linkType: "fact",
    terms: FACTS,
  },
} as const;
type TaxonomySlug = keyof typeof TAXONOMIES;
type CodeOf<T extends TaxonomySlug> = keyof (typeof TAXONOMIES)[T]["terms"] & string;

const taxonomyId = (slug: TaxonomySlug) => uuidV5(`taxonomy/${slug}`, ONEDOOR_NAMESPACE);
const termId = (slug: TaxonomySlug, code: string) => uuidV5(`taxonomy-term/${slug}/${code}`, ONEDOOR_NAMESPACE);

function sharedTerm<T extends TaxonomySlug>(slug: T, code: CodeOf<T>): HsdsTaxonomyTerm {
  const taxonomy = TAXONOMIES[slug];
  const definition = (taxonomy.terms as Record<string, TermDefinition>)[code]!;
  return {
    id: termId(slug, code),
    name: definition.name,
    description: definition.description,
    term: code,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomyId(slug),
  };
}

/** Every shared term by id, so an import recognises them. */
const TERMS_BY_ID = new Map<string, { slug: TaxonomySlug; code: string }>(
  (Object.keys(TAXONOMIES) as TaxonomySlug[]).flatMap((slug) =>
    Object.keys(TAXONOMIES[slug].terms).map((code) => [termId(slug, code), { slug, code }] as const),
  ),
);

/** The taxonomies OneDoor publishes: `GET /openreferral/taxonomies`. */
export function taxonomies(): HsdsTaxonomy[] {
  return (Object.keys(TAXONOMIES) as TaxonomySlug[]).map((slug) => ({
    id: taxonomyId(slug),
    name: TAXONOMIES[slug].name,
    description: TAXONOMIES[slug].description,
    version: "1",
  }));
}

/** One taxonomy with its terms, or undefined. */
export function taxonomy(id: string): HsdsTaxonomy | undefined {
  const found = taxonomies().find((t) => t.id === id);
  return found && { ...found, taxonomy_terms: taxonomyTerms().filter((t) => t.taxonomy_id === id) };
}

/** Every shared term of every OneDoor taxonomy: `GET /openreferral/taxonomy_terms`. */
export function taxonomyTerms(): HsdsTaxonomyTerm[] {
  return (Object.keys(TAXONOMIES) as TaxonomySlug[]).flatMap((slug) =>
    Object.keys(TAXONOMIES[slug].terms).map((code) => sharedTerm(slug, code as CodeOf<typeof slug>)),
  );
}

/** Every term id an exported service links to (its own and its places'), and their parents. */
export function termIdsOf(service: HsdsService): Set<string> {
  const attributes = [...service.attributes, ...service.service_at_locations.flatMap((s) => s.location.attributes)];
  return new Set(attributes.flatMap((a) => [a.taxonomy_term_id, ...(a.taxonomy_term.parent_id ? [a.taxonomy_term.parent_id] : [])]));
}

// ---------------------------------------------------------------------------------------------
// Export.

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

// ---------------------------------------------------------------------------------------------
// Import. The input schemas read only what OneDoor uses, and let everything else through.

const Uuid = z.uuid({ error: "Use a UUID, like ac148810-d857-441c-9679-408f346de14b." });

const AttributeInput = z.looseObject({
  taxonomy_term_id: z.string().optional(),
  taxonomy_term: z
    .looseObject({ id: z.string().optional(), parent_id: z.string().optional(), term: z.string().optional() })
    .optional(),
});
const Attributes = z.array(AttributeInput).default([]);

const OrganizationInput = z.looseObject({
  id: Uuid,
  name: z.string({ error: "Give the organisation's name." }),
  description: z.string({ error: "Describe the organisation in a sentence or two." }),
  website: z.string().optional(),
  email: z.string().optional(),
  attributes: Attributes,
});

const AddressInput = z.looseObject({
  address_1: z.string({ error: "Give the first line of the address." }),
  city: z.string({ error: "Give the town or city." }),
  postal_code: z.string({ error: "Give the postcode." }),
  address_type: z.string().optional(),
});

const LocationInput = z.looseObject({
  id: Uuid,
  location_type: z.string().optional(),
  name: z.string().optional(),
  addresses: z.array(AddressInput).default([]),
  attributes: Attributes,
});

const ServiceInput = z.looseObject({
  id: Uuid,
  name: z.string({ error: "Give the service's name." }),
  description: z.string({ error: "Describe the service in a sentence or two." }),
  url: z.string().optional(),
  email: z.string().optional(),
  status: z.enum(["active", "inactive", "defunct", "temporarily closed"], {
    error: "Use one of: active, temporarily closed, inactive, defunct.",
  }),
  minimum_age: z.number({ error: "Give the age as a number." }).optional(),
  maximum_age: z.number({ error: "Give the age as a number." }).optional(),
  last_modified: z.string().optional(),
  assured_date: z.string().optional(),
  organization: OrganizationInput.optional(),
  service_areas: z.array(z.looseObject({ name: z.string().optional(), service_area: z.string().optional(), uri: z.string().optional() })).default([]),
  service_at_locations: z.array(z.looseObject({ location: LocationInput.optional() })).default([]),
  schedules: z
    .array(z.looseObject({ freq: z.string().optional(), byday: z.string().optional(), opens_at: z.string().optional(), closes_at: z.string().optional() }))
    .default([]),
  attributes: Attributes,
});

/** What an import of one record gives: a service and its organisation, or every problem with it. */
export type OpenReferralImport =
  | { ok: true; organisation: Organisation; service: Service }
  | { ok: false; problems: FieldError[] };

type Found = {
  codes: { [T in Exclude<TaxonomySlug, "facts">]: CodeOf<T>[] };
  facts: Partial<Record<Fact, { value: string; field: string }>>;
};

/** The OneDoor terms among a subject's attributes; terms of other taxonomies are left alone. */
function readAttributes(attributes: z.infer<typeof Attributes>, field: string): Found {
  const found: Found = {
    codes: { audiences: [], needs: [], delivery: [], "worker-genders": [], languages: [], accessibility: [], features: [] },
    facts: {},
  };
  attributes.forEach((attribute, index) => {
    const term = attribute.taxonomy_term;
    const known = TERMS_BY_ID.get(attribute.taxonomy_term_id ?? term?.id ?? "");
    if (known && known.slug !== "facts") {
      const codes = found.codes[known.slug] as string[];
      if (!codes.includes(known.code)) codes.push(known.code);
      return;
    }
    const parent = TERMS_BY_ID.get(term?.parent_id ?? "");
    if (parent?.slug === "facts" && term?.term !== undefined) {
      found.facts[parent.code as Fact] = { value: term.term, field: `${field}.${index}.taxonomy_term.term` };
    }
  });
  return found;
}

/** Whether a date-time is as OneDoor stores it; others (offsets, plain dates) are turned into UTC. */
function isoDateTime(value: string | undefined): string | undefined {
  if (value === undefined || z.iso.datetime().safeParse(value).success) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

/** Without OneDoor's audience terms: everyone when no ages are given, else by the age range. */
function audiencesForAges(min: number | undefined, max: number | undefined): Audience[] {
  if (min === undefined && max === undefined) return codesOf(AUDIENCES);
  return [...((min ?? 0) < 18 ? (["young-person"] as const) : []), ...(max === undefined || max >= 18 ? (["adult-survivor"] as const) : [])];
}

const ONS_CODE = /\b[EWSN]\d{8}\b/;

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
}

const listOf = (codes: readonly string[]) => codes.join(", ");

type ServiceInputData = z.infer<typeof ServiceInput>;

/** What was read from part of a record, the HSDS field each value came from, and what was wrong. */
type Read<T> = { values: T[]; fields: string[]; problems: FieldError[] };

function knownAreasHint(areas: Area[]): string {
  return areas.length
    ? `Use one of ours, by name or ONS code: ${areas.map((a) => `${a.name} (${a.id})`).join(", ")}.`
    : "OneDoor has no areas yet: add them first.";
}

/** Service areas as OneDoor area ids, by the ONS code in `uri` or name, or by the area's name. */
function readServiceAreas(serviceAreas: ServiceInputData["service_areas"], areas: Area[]): Read<string> {
  const read: Read<string> = { values: [], fields: [], problems: [] };
  serviceAreas.forEach((serviceArea, index) => {
    const label = serviceArea.name ?? serviceArea.service_area ?? "";
    const code = ONS_CODE.exec(serviceArea.uri ?? "")?.[0] ?? ONS_CODE.exec(label)?.[0];
    const area = areas.find((a) => a.id === code || a.name.toLowerCase() === label.trim().toLowerCase());
    if (!area) {
      const message = `We do not know the area "${shorten(label || serviceArea.uri || "")}". ${knownAreasHint(areas)}`;
      read.problems.push({ field: `service_areas.${index}`, message });
    } else if (!read.values.includes(area.id)) {
      read.values.push(area.id);
      read.fields.push(`service_areas.${index}`);
    }
  });
  return read;
}

/** Physical places as OneDoor locations; virtual and postal ones are not places to go, so are left out. */
function readLocations(serviceAtLocations: ServiceInputData["service_at_locations"]): Read<Service["locations"][number]> & { virtual: boolean } {
  const read = { values: [] as Service["locations"], fields: [] as string[], problems: [] as FieldError[], virtual: false };
  serviceAtLocations.forEach(({ location }, index) => {
    if (!location) return;
    const field = `service_at_locations.${index}.location`;
    if ((location.location_type ?? "physical") !== "physical") {
      read.virtual ||= location.location_type === "virtual";
      return;
    }
    const address = location.addresses.find((a) => a.address_type === "physical") ?? location.addresses[0];
    if (!address) {
      read.problems.push({ field: `${field}.addresses`, message: "Give the address of this place, or mark it as a virtual location." });
      return;
    }
    read.values.push({
      id: location.id,
      name: location.name ?? address.address_1,
      address: address.address_1,
      town: address.city,
      postcode: address.postal_code,
      accessibility: readAttributes(location.attributes, `${field}.attributes`).codes.accessibility,
    });
    read.fields.push(field);
  });
  return read;
}

/** Weekly schedules as opening times. Other schedules are left out rather than misread. */
function readSchedules(schedules: ServiceInputData["schedules"]): Read<{ days: string[]; opens: string; closes: string }> {
  const read: Read<{ days: string[]; opens: string; closes: string }> = { values: [], fields: [], problems: [] };
  schedules.forEach((schedule, index) => {
    if ((schedule.freq ?? "WEEKLY") !== "WEEKLY" || !schedule.byday || !schedule.opens_at || !schedule.closes_at) return;
    read.values.push({
      days: schedule.byday.split(",").map((d) => d.trim().toUpperCase()),
      opens: schedule.opens_at.slice(0, 5),
      closes: schedule.closes_at.slice(0, 5),
    });
    read.fields.push(`schedules.${index}`);
  });
  return read;
}

/** Where each OneDoor value came from in the record, so a problem names the HSDS field to fix. */
type Sources = { areas: string[]; locations: string[]; schedules: string[]; facts: Found["facts"] };

function hsdsFieldOf(path: PropertyKey[], sources: Sources): string {
  const [head, index, part] = path;
  const at = (fields: string[]) => (typeof index === "number" ? fields[index] : undefined);
  const fact = (name: Fact, otherwise = "attributes") => sources.facts[name]?.field ?? otherwise;
  switch (head) {
    case "id":
    case "name":
    case "description":
    case "status":
      return head;
    case "minAge":
      return "minimum_age";
    case "maxAge":
      return "maximum_age";
    case "updatedAt":
      return "last_modified";
    case "organisationId":
      return "organization.id";
    case "whatHappens":
      return fact("what-happens");
    case "expectedWaitWeeks":
      return fact("expected-wait-weeks");
    case "waitUpdatedAt":
      return fact("wait-updated-at", "last_modified");
    case "areaIds":
      return at(sources.areas) ?? "service_areas";
    case "locations": {
      const field = at(sources.locations) ?? "service_at_locations";
      const address = { address: "address_1", town: "city", postcode: "postal_code" }[String(part)];
      return address ? `${field}.addresses.0.${address}` : part === undefined ? field : `${field}.${String(part)}`;
    }
    case "openingTimes": {
      const field = at(sources.schedules) ?? "schedules";
      const property = { days: "byday", opens: "opens_at", closes: "closes_at" }[String(part)];
      return property ? `${field}.${property}` : field;
    }
    case "contact":
      if (index === "phone" || index === "text") return fact(index);
      return index === "website" ? "url" : "email";
    default:
      return "attributes";
  }
}

/**
 * An Open Referral service (one OneDoor published, or one from another directory) as a OneDoor
 * service and organisation, checked by OneDoor's own schemas. `areas` are the areas OneDoor
 * knows: a service area is matched by the ONS code in its `uri` or name, or by its name.
 *
 * Defaults for a service from elsewhere, which has none of OneDoor's terms: audiences from the
 * age range (everyone when there is none); delivery in person when it has a physical place, online
 * when it has a virtual one; English; no self-referral; no stated wait; a general "what happens";
 * and `assured_date` as the last change when there is no `last_modified`. Needs are never
 * guessed: without a OneDoor need term the record is refused.
 */
export function fromOpenReferralService(json: unknown, areas: Area[]): OpenReferralImport {
  const parsed = ServiceInput.safeParse(json);
  if (!parsed.success) return { ok: false, problems: distinct(problemsOf(parsed.error, (path) => path.map(String).join("."))) };
  const input = parsed.data;
  const { codes, facts } = readAttributes(input.attributes, "attributes");
  // A service OneDoor published always says what happens; only others get defaults.
  const fromOneDoor = facts["what-happens"] !== undefined;
  const serviceAreas = readServiceAreas(input.service_areas, areas);
  const locations = readLocations(input.service_at_locations);
  const schedules = readSchedules(input.schedules);
  const problems = [...serviceAreas.problems, ...locations.problems, ...schedules.problems];

  if (!input.organization) {
    problems.push({ field: "organization", message: "Include the organisation that runs the service, with its id, name and description." });
  }
  if (!codes.needs.length) {
    problems.push({
      field: "attributes",
      message: `Say what help the service gives, with at least one term from the "OneDoor needs" taxonomy (${listOf(codesOf(NEEDS))}). Without one, nobody searching by need would find it.`,
    });
  }
  const deliveryModes = codes.delivery.length
    ? codes.delivery
    : [...(locations.values.length ? (["in-person"] as const) : []), ...(locations.virtual ? (["online"] as const) : [])];
  if (!deliveryModes.length) {
    problems.push({
      field: "attributes",
      message: `Say how the service gives support, with a term from the "OneDoor delivery modes" taxonomy (${listOf(codesOf(DELIVERY_MODES))}), or give it a place.`,
    });
  }
  const national = codes.features.includes("national");
  if (!input.service_areas.length && !national) {
    problems.push({
      field: "service_areas",
      message: `Give at least one area the service covers, or add the "National service" term. ${knownAreasHint(areas)}`,
    });
  }
  const updatedAt = isoDateTime(input.last_modified ?? input.assured_date);
  if (updatedAt === undefined) problems.push({ field: "last_modified", message: "Say when the service's details last changed." });

  const wait = facts["expected-wait-weeks"]?.value;
  const service = withoutUndefined({
    id: input.id,
    organisationId: input.organization?.id,
    name: input.name,
    description: input.description,
    whatHappens: facts["what-happens"]?.value ?? "Get in touch with the service and they will tell you what happens next.",
    audiences: codes.audiences.length ? codes.audiences : audiencesForAges(input.minimum_age, input.maximum_age),
    minAge: input.minimum_age,
    maxAge: input.maximum_age,
    needs: codes.needs,
    deliveryModes,
    workerGenders: codes["worker-genders"],
    languages: codes.languages.length || fromOneDoor ? codes.languages : undefined,
    accessibility: codes.accessibility,
    lgbtqFriendly: codes.features.includes("lgbtq-friendly"),
    boysAndYoungMen: codes.features.includes("boys-and-young-men"),
    areaIds: serviceAreas.values,
    national,
    locations: locations.values,
    contact: withoutUndefined({ phone: facts.phone?.value, text: facts.text?.value, email: input.email, website: input.url }),
    openingTimes: schedules.values,
    acceptsSelfReferral: codes.features.includes("self-referral"),
    expectedWaitWeeks: wait === undefined ? null : /^\d+$/.test(wait) ? Number(wait) : wait,
    waitUpdatedAt: isoDateTime(facts["wait-updated-at"]?.value) ?? updatedAt,
    status: STATUS_FROM_HSDS[input.status],
    isExample: codes.features.includes("example"),
    updatedAt,
  });
  const sources: Sources = { areas: serviceAreas.fields, locations: locations.fields, schedules: schedules.fields, facts };

  const checks: FieldError[] = [];
  const checkedService = ServiceSchema.safeParse(service);
  if (!checkedService.success) checks.push(...problemsOf(checkedService.error, (path) => hsdsFieldOf(path, sources)));
  const organisation = input.organization;
  const checkedOrganisation =
    organisation &&
    OrganisationSchema.safeParse(
      withoutUndefined({
        id: organisation.id,
        name: organisation.name,
        description: organisation.description,
        website: organisation.website,
        email: organisation.email,
        isExample: readAttributes(organisation.attributes, "organization.attributes").codes.features.includes("example"),
      }),
    );
  if (checkedOrganisation && !checkedOrganisation.success) {
    checks.push(...problemsOf(checkedOrganisation.error, (path) => ["organization", ...path.map(String)].join(".")));
  }
  // A problem already found above is said in OneDoor's words; the schemas' report of it would repeat it.
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  problems.push(...checks.filter((check) => !problems.some((p) => overlaps(p.field, check.field))));

  if (problems.length || !checkedService.success || !checkedOrganisation?.success) {
    return { ok: false, problems: distinct(problems) };
  }
  return { ok: true, organisation: checkedOrganisation.data, service: checkedService.data };
}

function problemsOf(error: z.ZodError, field: (path: PropertyKey[]) => string): FieldError[] {
  return error.issues.map((issue) => ({ field: field(issue.path) || "service", message: issue.message }));
}

function distinct(problems: FieldError[]): FieldError[] {
  return problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i);
}

/** Drops keys whose value is undefined: a stored record has no such keys, so an unchanged import compares equal. */
function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------------
// Lists.

/** A page of an Open Referral list, as the OpenAPI `Page` schema has it. */
export type OpenReferralPage<T> = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
};

/** Cuts one page out of a full, ordered list. `size` is how many are on this page, as the spec says. */
export function openReferralPage<T>(all: T[], page: number, perPage: number): OpenReferralPage<T> {
  const cut = paginate(all, page, perPage);
  return {
    total_items: cut.totalItems,
    total_pages: cut.totalPages,
    page_number: cut.page,
    size: cut.items.length,
    first_page: cut.page === 1,
    last_page: cut.page >= cut.totalPages,
    empty: cut.items.length === 0,
    contents: cut.items,
  };
}
