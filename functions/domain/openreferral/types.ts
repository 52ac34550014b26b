/**
 * The shapes OneDoor publishes (a subset of HSDS 3.0 that the UK profile allows). How OneDoor's
 * facts are encoded in them is described in taxonomies.ts.
 */
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

export type HsdsStatus = "active" | "inactive" | "defunct" | "temporarily closed";
