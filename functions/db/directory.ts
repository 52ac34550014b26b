import { BatchGetCommand, GetCommand, paginateQuery, TransactWriteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { isDeepStrictEqual } from "node:util";
import { AreaSchema, OrganisationSchema, ServiceSchema, type Area, type Organisation, type Service } from "../domain/directory";
import type { Database } from "./client";
import { keys } from "./keys";
import { nameWordsOf } from "../domain/names";

/** What a write did, so an import can say how much changed (and prove a rerun changed nothing). */
export type WriteOutcome = "created" | "updated" | "unchanged";

/** Reads of a partition, with the read capacity DynamoDB says they consumed. */
export type Read<T> = { items: T[]; consumedReadUnits: number };

const KEY_ATTRIBUTES = ["pk", "sk", "gsi1pk", "gsi1sk", "type"] as const;

function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...item };
  for (const k of KEY_ATTRIBUTES) delete copy[k];
  return copy;
}

/** The repository for organisations, areas and services. Route handlers never call the SDK. */
export function directoryRepository(db: Database) {
  const TableName = db.tableName;

  async function get(key: { pk: string; sk: string }) {
    const out = await db.doc.send(new GetCommand({ TableName, Key: key }));
    return out.Item ? withoutKeys(out.Item) : undefined;
  }

  /** Every item of a partition, or with `limit` at most that many (one page). */
  async function queryAll(
    params: { pk: string; skPrefix?: string } | { gsi1pk: string },
    limit?: number,
  ): Promise<Read<Record<string, unknown>>> {
    const input =
      "gsi1pk" in params
        ? {
            TableName,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk",
            ExpressionAttributeValues: { ":pk": params.gsi1pk },
          }
        : {
            TableName,
            KeyConditionExpression: params.skPrefix ? "pk = :pk AND begins_with(sk, :sk)" : "pk = :pk",
            ExpressionAttributeValues: params.skPrefix
              ? { ":pk": params.pk, ":sk": params.skPrefix }
              : { ":pk": params.pk },
          };
    const items: Record<string, unknown>[] = [];
    let consumedReadUnits = 0;
    for await (const page of paginateQuery({ client: db.doc }, { ...input, ReturnConsumedCapacity: "TOTAL", Limit: limit })) {
      items.push(...(page.Items ?? []).map(withoutKeys));
      consumedReadUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      if (limit) break;
    }
    return { items, consumedReadUnits };
  }

  /** Items by key, 100 at a time, asking again for any DynamoDB leaves unprocessed under load. */
  async function batchGet(keyList: { pk: string; sk: string }[]): Promise<Record<string, unknown>[]> {
    const unique = [...new Map(keyList.map((k) => [`${k.pk}|${k.sk}`, k])).values()];
    const found: Record<string, unknown>[] = [];
    for (let i = 0; i < unique.length; i += 100) {
      let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = { [TableName]: { Keys: unique.slice(i, i + 100) } };
      while (request && Object.keys(request).length) {
        const out = await db.doc.send(new BatchGetCommand({ RequestItems: request }));
        found.push(...(out.Responses?.[TableName] ?? []).map(withoutKeys));
        request = out.UnprocessedKeys as typeof request;
      }
    }
    return found;
  }

  /** The partitions a service is copied into, so a search reads only what it needs. */
  function membershipKeys(service: Service) {
    return [
      keys.serviceInDirectory(service.id),
      ...(service.national ? [keys.serviceNationally(service.id)] : []),
      ...service.areaIds.map((areaId) => keys.serviceInArea(areaId, service.id)),
      ...nameWordsOf(service.name).map((word) => keys.serviceByNameWord(word, service.id)),
    ];
  }
  const keyText = (k: { pk: string; sk: string }) => `${k.pk}|${k.sk}`;

  return {
    async saveOrganisation(organisation: Organisation): Promise<WriteOutcome> {
      const existing = await get(keys.organisation(organisation.id));
      if (existing && isDeepStrictEqual(existing, organisation)) return "unchanged";
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: { ...organisation, ...keys.organisation(organisation.id), ...keys.organisationListing(organisation.id), type: "organisation" },
        }),
      );
      return existing ? "updated" : "created";
    },

    async getOrganisation(id: string): Promise<Organisation | undefined> {
      const item = await get(keys.organisation(id));
      return item ? OrganisationSchema.parse(item) : undefined;
    },

    /** Organisations by id, in one round trip (ids are few: one page of results). */
    async getOrganisations(ids: string[]): Promise<Map<string, Organisation>> {
      const items = await batchGet(ids.map((id) => keys.organisation(id)));
      return new Map(items.map((i) => OrganisationSchema.parse(i)).map((o) => [o.id, o]));
    },

    async listOrganisations(): Promise<Organisation[]> {
      const { items } = await queryAll(keys.allOrganisations());
      return items.map((i) => OrganisationSchema.parse(i));
    },

    /** Saves an area and the postcode districts that point to it, removing districts it lost. */
    async saveArea(area: Area): Promise<WriteOutcome> {
      const existing = await get(keys.area(area.id));
      if (existing && isDeepStrictEqual(existing, area)) return "unchanged";
      const before = existing ? AreaSchema.parse(existing).postcodeDistricts : [];
      const removed = before.filter((d) => !area.postcodeDistricts.includes(d));
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...area, ...keys.area(area.id), ...keys.areaListing(area.id), type: "area" } } },
            ...area.postcodeDistricts.map((d) => ({
              Put: { TableName, Item: { ...keys.postcodeDistrict(d, area.id), areaId: area.id, type: "postcode" } },
            })),
            ...removed.map((d) => ({ Delete: { TableName, Key: keys.postcodeDistrict(d, area.id) } })),
          ],
        }),
      );
      return existing ? "updated" : "created";
    },

    /** Areas by id, in one round trip. */
    async getAreas(ids: string[]): Promise<Map<string, Area>> {
      const items = await batchGet(ids.map((id) => keys.area(id)));
      return new Map(items.map((i) => AreaSchema.parse(i)).map((a) => [a.id, a]));
    },

    async listAreas(): Promise<Area[]> {
      const { items } = await queryAll(keys.allAreas());
      return items.map((i) => AreaSchema.parse(i));
    },

    /** The areas a postcode district falls in (a district can straddle a boundary). */
    async areaIdsForPostcodeDistrict(district: string): Promise<string[]> {
      const { items } = await queryAll(keys.postcodeDistrictPartition(district));
      return items.map((i) => String(i.areaId));
    },

    /**
     * Saves a service and its copies in each area partition in one transaction, deleting
     * copies from areas it no longer covers: a reader never sees half a change.
     */
    async saveService(service: Service): Promise<WriteOutcome> {
      const existingItem = await get(keys.service(service.id));
      const existing = existingItem ? ServiceSchema.parse(existingItem) : undefined;
      const current = membershipKeys(service);
      // The service keeps the list of copies it has, so a stale copy is always found. One saved
      // before it kept the list is written again, which adds any new kind of copy (by name).
      const recorded = Array.isArray(existingItem?.copies) ? (existingItem.copies as string[]) : undefined;
      const had = recorded ?? (existing ? membershipKeys(existing).map(keyText) : []);
      if (existing && recorded && isDeepStrictEqual(existing, service) && isDeepStrictEqual(recorded, current.map(keyText))) return "unchanged";
      const stale = had
        .filter((old) => !current.some((k) => keyText(k) === old))
        .map((old) => ({ pk: old.slice(0, old.indexOf("|")), sk: old.slice(old.indexOf("|") + 1) }));
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: {
                  ...service,
                  ...keys.service(service.id),
                  ...keys.serviceByOrganisation(service.organisationId, service.id),
                  copies: current.map(keyText),
                  type: "service",
                },
              },
            },
            ...current.map((key) => ({ Put: { TableName, Item: { ...service, ...key, type: "service-copy" } } })),
            ...stale.map((key) => ({ Delete: { TableName, Key: key } })),
          ],
        }),
      );
      return existing ? "updated" : "created";
    },

    async getService(id: string): Promise<Service | undefined> {
      const item = await get(keys.service(id));
      return item ? ServiceSchema.parse(item) : undefined;
    },

    /** Services by id, in one round trip (a request's chosen services, at most ten). */
    async getServices(ids: string[]): Promise<Map<string, Service>> {
      const items = await batchGet(ids.map((id) => keys.service(id)));
      return new Map(items.map((i) => ServiceSchema.parse(i)).map((s) => [s.id, s]));
    },

    /** Every service covering one of these areas, plus national ones: reads only those partitions. */
    async servicesForAreas(areaIds: string[]): Promise<Read<Service>> {
      const reads = await Promise.all([
        ...areaIds.map((id) => queryAll(keys.servicesInAreaPartition(id))),
        queryAll(keys.nationalServicesPartition()),
      ]);
      return collect(reads);
    },

    /** The national services alone: a search with no area or name (what helps people anywhere). */
    async nationalServices(): Promise<Read<Service>> {
      return collect([await queryAll(keys.nationalServicesPartition())]);
    },

    /**
     * Services with a word in their name that starts with `typed`, at most `limit`: a search by
     * name with no area, which costs no more however big the directory grows.
     */
    async servicesByNameWord(typed: string, limit: number): Promise<Read<Service>> {
      return collect([await queryAll(keys.servicesByNameWord(typed), limit)]);
    },

    /** Every service in the directory: the Open Referral export. */
    async allServices(): Promise<Read<Service>> {
      return collect([await queryAll(keys.directoryPartition())]);
    },
  };
}

/** Merges partition reads, keeping one copy of a service found in several of them. */
function collect(reads: Read<Record<string, unknown>>[]): Read<Service> {
  const byId = new Map<string, Service>();
  for (const read of reads) {
    for (const item of read.items) {
      const service = ServiceSchema.parse(item);
      byId.set(service.id, service);
    }
  }
  return {
    items: [...byId.values()],
    consumedReadUnits: reads.reduce((sum, r) => sum + r.consumedReadUnits, 0),
  };
}

export type DirectoryRepository = ReturnType<typeof directoryRepository>;
