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
import {
  ACCESSIBILITY,
  AUDIENCES,
  DELIVERY_MODES,
  LANGUAGES,
  NEED_DESCRIPTIONS,
  NEEDS,
  WORKER_GENDERS,
  codesOf,
} from "../vocabulary";
import { ONEDOOR_NAMESPACE, uuidV5 } from "./ids";
import type { HsdsService, HsdsTaxonomy, HsdsTaxonomyTerm } from "./types";

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
export type Feature = keyof typeof FEATURES;

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
export type Fact = keyof typeof FACTS;

function describe<T extends Record<string, string>>(vocabulary: T, sentence: (label: string) => string): Record<keyof T, TermDefinition> {
  return Object.fromEntries(
    Object.entries(vocabulary).map(([code, label]) => [code, { name: label, description: sentence(label) }]),
  ) as Record<keyof T, TermDefinition>;
}

export const TAXONOMIES = {
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
export type TaxonomySlug = keyof typeof TAXONOMIES;
export type CodeOf<T extends TaxonomySlug> = keyof (typeof TAXONOMIES)[T]["terms"] & string;

const taxonomyId = (slug: TaxonomySlug) => uuidV5(`taxonomy/${slug}`, ONEDOOR_NAMESPACE);
const termId = (slug: TaxonomySlug, code: string) => uuidV5(`taxonomy-term/${slug}/${code}`, ONEDOOR_NAMESPACE);

export function sharedTerm<T extends TaxonomySlug>(slug: T, code: CodeOf<T>): HsdsTaxonomyTerm {
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
export const TERMS_BY_ID = new Map<string, { slug: TaxonomySlug; code: string }>(
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
