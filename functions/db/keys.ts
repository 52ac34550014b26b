/**
 * Every key string in the table is built here and nowhere else.
 *
 * Layout (one table, `pk`/`sk`, one generic index `gsi1pk`/`gsi1sk`):
 * - `SERVICE#<id>` / `SERVICE`           the service itself; gsi1 `ORG#<orgId>` / `SERVICE#<id>`
 * - `AREA#<areaId>` / `SERVICE#<id>`     a copy of the service for each area it covers, so a
 *                                        search reads only the partitions of the searched area
 * - `AREA#NATIONAL` / `SERVICE#<id>`     a copy for each national service
 * - `DIRECTORY` / `SERVICE#<id>`         a copy for every service (search with no area, export)
 * - `ORG#<id>` / `ORG`                   an organisation; gsi1 `ORGS` / `ORG#<id>`
 * - `AREA#<areaId>` / `AREA`             an area; gsi1 `AREAS` / `AREA#<areaId>`
 * - `POSTCODE#<district>` / `AREA#<id>`  which areas a postcode district falls in
 */
export const keys = {
  service: (id: string) => ({ pk: `SERVICE#${id}`, sk: "SERVICE" }),
  serviceByOrganisation: (organisationId: string, serviceId: string) => ({
    gsi1pk: `ORG#${organisationId}`,
    gsi1sk: `SERVICE#${serviceId}`,
  }),
  serviceInArea: (areaId: string, serviceId: string) => ({ pk: `AREA#${areaId}`, sk: `SERVICE#${serviceId}` }),
  serviceNationally: (serviceId: string) => ({ pk: "AREA#NATIONAL", sk: `SERVICE#${serviceId}` }),
  serviceInDirectory: (serviceId: string) => ({ pk: "DIRECTORY", sk: `SERVICE#${serviceId}` }),
  servicesInAreaPartition: (areaId: string) => ({ pk: `AREA#${areaId}`, skPrefix: "SERVICE#" }),
  nationalServicesPartition: () => ({ pk: "AREA#NATIONAL", skPrefix: "SERVICE#" }),
  directoryPartition: () => ({ pk: "DIRECTORY", skPrefix: "SERVICE#" }),

  organisation: (id: string) => ({ pk: `ORG#${id}`, sk: "ORG" }),
  organisationListing: (id: string) => ({ gsi1pk: "ORGS", gsi1sk: `ORG#${id}` }),
  allOrganisations: () => ({ gsi1pk: "ORGS" }),

  area: (id: string) => ({ pk: `AREA#${id}`, sk: "AREA" }),
  areaListing: (id: string) => ({ gsi1pk: "AREAS", gsi1sk: `AREA#${id}` }),
  allAreas: () => ({ gsi1pk: "AREAS" }),
  postcodeDistrict: (district: string, areaId: string) => ({ pk: `POSTCODE#${district}`, sk: `AREA#${areaId}` }),
  postcodeDistrictPartition: (district: string) => ({ pk: `POSTCODE#${district}` }),
} as const;

/** Attribute names of the table and its index, shared by the local table and the SST stack. */
export const TABLE_SCHEMA = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  indexes: { gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" } },
} as const;
