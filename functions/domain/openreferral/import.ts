/** Import: an Open Referral service, from OneDoor or another directory, read as a OneDoor service and organisation. */
import * as z from "zod";
import type { FieldError } from "../../errors";
import { OrganisationSchema, ServiceSchema, type Area, type Organisation, type Service } from "../directory";
import { AUDIENCES, DELIVERY_MODES, NEEDS, codesOf, type Audience, type ServiceStatus } from "../vocabulary";
import { TERMS_BY_ID, type CodeOf, type Fact, type TaxonomySlug } from "./taxonomies";
import type { HsdsStatus } from "./types";

const STATUS_FROM_HSDS: Record<HsdsStatus, ServiceStatus> = {
  active: "active",
  "temporarily closed": "paused",
  inactive: "closed",
  defunct: "closed",
};

// The input schemas read only what OneDoor uses, and let everything else through.

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
