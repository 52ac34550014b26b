import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { changeTally, combine, factsTally, negate, routeTally, type RequestFacts, type Tally } from "../domain/request-stats";
import { isOpen, type RouteChange } from "../domain/route-status";
import { RouteEventSchema, RouteSchema, type Route, type RouteEvent } from "../domain/route";
import type { ClearRequest } from "../domain/support-request";
import type { Database } from "./client";
import { conditionally } from "./conditions";
import { idempotencyPut, getIdempotency } from "./idempotency";
import { addCounters, strip } from "./items";
import { keys } from "./keys";
import { partition, queryAll } from "./query-all";
import { countInWindow, type WindowLimit } from "./rate-limits";

/** A request as stored: clear answers, encrypted identifying answers, and the check-in code's hash. */
export type StoredRequest = ClearRequest & {
  reference: string;
  createdAt: string;
  urgent: boolean;
  /** Encrypted identifying answers, by field path (support-request.ts IDENTIFYING_FIELDS). */
  sealed: Record<string, string>;
  checkInCodeHash: string;
  /** Keyed hashes of the contact details, for duplicate hints and nothing else. */
  contactHashes: string[];
  /** Which idempotency answer points here, so deleting the request deletes it too. */
  idempotencyKeyHash: string;
  /** When every route had finished, and when its personal data goes (retention). */
  closedAt?: string;
  purgeAt?: string;
};

/** What a submission's idempotency key answers with on a retry. */
export type Idempotency = { reference: string; answersHash: string; urgent: boolean };

export type CreateOutcome = "created" | "reference-taken" | "already-submitted" | "rate-limited" | "stale" | "busy";

/** The TTL (epoch seconds) of a request due to be purged: the second way its personal data goes. */
const purgeTtl = (purgeAt: string) => Math.ceil(Date.parse(purgeAt) / 1000);

/** Requests for support, their routes and what was done to them. Every key comes from `keys.ts`. */
export function requestRepository(db: Database) {
  const TableName = db.tableName;

  const routeItem = (route: Route) => ({
    ...route,
    ...keys.route(route.reference, route.serviceId),
    ...keys.routeInInbox({ ...route, open: isOpen(route.status) }),
    type: "route",
  });
  /**
   * The request item: findable by a navigator of its area when the person said yes to
   * coordination, and expiring through the TTL once it is due to be purged (retention).
   */
  const requestItem = (request: StoredRequest) => ({
    ...request,
    ...keys.request(request.reference),
    ...(request.consentToCoordination && request.areaId ? keys.requestForCoordination(request.areaId, request.createdAt, request.reference) : {}),
    ...(request.purgeAt ? { expiresAt: purgeTtl(request.purgeAt) } : {}),
    type: "request",
  });
  const contactMatchItem = (hash: string, reference: string, organisationIds: string[]) => ({
    ...keys.contactMatch(hash, reference),
    reference,
    organisationIds,
    type: "contact-match",
  });
  const eventItem = (event: RouteEvent) => ({ ...event, ...keys.routeEvent(event.reference, event.serviceId, event.version), type: "route-event" });
  const factsItem = (facts: RequestFacts) => ({ ...facts, ...keys.requestFacts(facts.reference), type: "request-facts" });
  /** The figures a change moves (domain/request-stats.ts), as updates for the change's own transaction. */
  const statUpdates = (tallies: Tally[]) => tallies.map(({ cell, counters }) => ({ Update: addCounters(TableName, keys.requestStats(cell), counters) }));

  return {
    /**
     * Writes a request, its routes, its duplicate-hint entries and its idempotency answer in one
     * transaction: all of it or none of it. Says which condition stopped it, if one did.
     */
    async create(input: {
      request: StoredRequest;
      /** Its anonymous facts, kept apart and counted with its routes. */
      facts: RequestFacts;
      routes: Route[];
      /** Open routes of earlier requests that this one may duplicate: they are marked too. */
      duplicatesOf?: Route[];
      idempotencyKeyHash: string;
      idempotency: Idempotency;
      expiresAt: number;
      /** The sender's window of the per-address limit: counted here, so nothing is written over it. */
      limit: WindowLimit;
    }): Promise<CreateOutcome> {
      const { request, routes } = input;
      const organisationIds = [...new Set(routes.map((r) => r.organisationId))];
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              // First: the idempotency answer (index 0), the request (1), the address's count (2).
              idempotencyPut(TableName, input.idempotencyKeyHash, input.idempotency, input.expiresAt),
              { Put: { TableName, Item: requestItem(request), ConditionExpression: "attribute_not_exists(pk)" } },
              { Update: countInWindow(TableName, input.limit) },
              ...routes.map((route) => ({ Put: { TableName, Item: routeItem(route) } })),
              // Marking an earlier route is a change to it: its version moves on, so a member of
              // staff acting on it at the same moment is told to look again rather than undo it.
              ...(input.duplicatesOf ?? []).map((earlier) => ({
                Update: {
                  TableName,
                  Key: keys.route(earlier.reference, earlier.serviceId),
                  UpdateExpression: "SET possibleDuplicateOf = list_append(possibleDuplicateOf, :new), version = version + :one",
                  ConditionExpression: "version = :version",
                  ExpressionAttributeValues: { ":new": [request.reference], ":one": 1, ":version": earlier.version },
                },
              })),
              ...request.contactHashes.map((hash) => ({ Put: { TableName, Item: contactMatchItem(hash, request.reference, organisationIds) } })),
              { Put: { TableName, Item: factsItem(input.facts) } },
              ...statUpdates(combine(factsTally(input.facts), ...routes.map(routeTally))),
            ],
          }),
        );
        return "created";
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        if (reasons[0]?.Code === "ConditionalCheckFailed") return "already-submitted";
        if (reasons[1]?.Code === "ConditionalCheckFailed") return "reference-taken";
        if (reasons[2]?.Code === "ConditionalCheckFailed") return "rate-limited";
        if (reasons.some((r) => r.Code === "TransactionConflict")) return "busy";
        if (reasons.some((r) => r.Code === "ConditionalCheckFailed")) return "stale";
        throw error;
      }
    },

    getIdempotency: (keyHash: string) => getIdempotency<Idempotency>(db, keyHash),

    /** The references of requests that share a contact detail's keyed hash, with their organisations. */
    async contactMatches(hash: string): Promise<{ reference: string; organisationIds: string[] }[]> {
      const out = await db.doc.send(
        new QueryCommand({ TableName, KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": keys.contactMatches(hash).pk } }),
      );
      return (out.Items ?? []).map((i) => ({ reference: String(i.reference), organisationIds: (i.organisationIds as string[]) ?? [] }));
    },

    /** A request whole, in one Query of its partition: the request, its routes and their events. */
    async getWhole(reference: string): Promise<{ request?: StoredRequest; facts?: RequestFacts; routes: Route[]; events: RouteEvent[] }> {
      const items = await queryAll(db, { ...partition(keys.requestPartition(reference).pk), ConsistentRead: true });
      const request = items.find((i) => i.type === "request");
      const facts = items.find((i) => i.type === "request-facts");
      return {
        request: request ? (strip(request) as StoredRequest) : undefined,
        facts: facts ? (strip(facts) as RequestFacts) : undefined,
        routes: items.filter((i) => i.type === "route").map((i) => RouteSchema.parse(strip(i))),
        events: items.filter((i) => i.type === "route-event").map((i) => RouteEventSchema.parse(strip(i))),
      };
    },

    /** The references of requests in an area whose person said yes to a navigator coordinating, oldest first. */
    async forCoordination(areaId: string): Promise<string[]> {
      const items = await queryAll(db, partition(keys.coordinationInArea(areaId).gsi1pk, { index: "gsi1" }));
      return items.map((i) => String(i.reference));
    },

    async getRoute(reference: string, serviceId: string): Promise<Route | undefined> {
      const out = await db.doc.send(new GetCommand({ TableName, Key: keys.route(reference, serviceId), ConsistentRead: true }));
      return out.Item ? RouteSchema.parse(strip(out.Item)) : undefined;
    },

    /** An organisation's open (or closed) routes, urgent first, then oldest. */
    async inbox(organisationId: string, open: boolean): Promise<Route[]> {
      const items = await queryAll(db, partition(keys.inbox(organisationId, open).gsi1pk, { index: "gsi1" }));
      return items.map((i) => RouteSchema.parse(strip(i)));
    },

    /**
     * Saves routes' new states and the events that explain them, in one transaction, only if each
     * route is still the version that was read. False if someone got there first.
     */
    async changeRoutes(changes: RouteChange[]): Promise<boolean> {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              ...changes.flatMap(({ before, after, event }) => [
              {
                Put: {
                  TableName,
                  Item: routeItem(after),
                  ConditionExpression: "version = :version",
                  ExpressionAttributeValues: { ":version": before.version },
                },
              },
              { Put: { TableName, Item: eventItem(event), ConditionExpression: "attribute_not_exists(pk)" } },
              ...(isOpen(before.status) && !isOpen(after.status)
                ? [{ Put: { TableName, Item: { ...keys.retentionCheck(after.reference, event.id), reference: after.reference, type: "retention-check" } } }]
                : []),
            ]),
              ...statUpdates(changeTally(changes)),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },

    /**
     * Saves a request whose answers changed (new contact details), its duplicate-hint entries and
     * the routes and events that tell its services, in one transaction. False if a route changed
     * meanwhile.
     */
    async changeAnswers(request: StoredRequest, before: StoredRequest, organisationIds: string[], changes: RouteChange[]): Promise<boolean> {
      const gone = before.contactHashes.filter((h) => !request.contactHashes.includes(h));
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName, Item: requestItem(request), ConditionExpression: "attribute_exists(pk)" } },
              ...gone.map((hash) => ({ Delete: { TableName, Key: keys.contactMatch(hash, request.reference) } })),
              ...request.contactHashes.map((hash) => ({ Put: { TableName, Item: contactMatchItem(hash, request.reference, organisationIds) } })),
              ...changes.flatMap(({ before: was, after, event }) => [
                { Put: { TableName, Item: routeItem(after), ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": was.version } } },
                { Put: { TableName, Item: eventItem(event), ConditionExpression: "attribute_not_exists(pk)" } },
              ]),
              ...statUpdates(changeTally(changes)),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) return false;
        throw error;
      }
    },

    /**
     * Marks a request whose routes have all finished: its personal data is due to go at
     * `purgeAt`. Recorded twice, so neither alone is relied on: a retention entry the daily sweep
     * reads, and the TTL on the request item itself. Marking twice changes nothing.
     */
    async markFinished(reference: string, closedAt: string, purgeAt: string): Promise<void> {
      await conditionally(() =>
        db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: keys.request(reference),
                  UpdateExpression: "SET closedAt = :closed, purgeAt = :purge, expiresAt = :expires",
                  ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(closedAt)",
                  ExpressionAttributeValues: { ":closed": closedAt, ":purge": purgeAt, ":expires": purgeTtl(purgeAt) },
                },
              },
              { Put: { TableName, Item: { ...keys.retentionDue(purgeAt, reference), reference, type: "retention" } } },
            ],
          }),
        ),
      );
    },

    /** References whose personal data is due to go by `nowIso`. */
    async dueForPurge(nowIso: string): Promise<{ reference: string; purgeAt: string }[]> {
      const items = await queryAll(db, { KeyConditionExpression: "pk = :pk AND sk < :now", ExpressionAttributeValues: { ":pk": keys.retentionPartition().pk, ":now": nowIso } });
      return items.map((i) => ({ reference: String(i.reference), purgeAt: String(i.sk).split("#")[0]! }));
    },

    /**
     * Removes a service's waiting-now weeks that have come back to nothing (everyone asked that
     * week has started or stopped, every check-in due that week is done), so its "now" stays as
     * small as the people still waiting. Each removal is conditional on every counter still
     * being 0: a change that lands meanwhile keeps its week. Returns how many went.
     */
    async sweepEmptyWaitingWeeks(serviceId: string): Promise<number> {
      const items = await queryAll(db, partition(keys.waitingNowOfService(serviceId).pk));
      let removed = 0;
      for (const item of items) {
        const counters = Object.keys(item).filter((name) => name !== "pk" && name !== "sk");
        if (counters.some((name) => item[name] !== 0)) continue;
        const gone = await conditionally(() =>
          db.doc.send(
            new DeleteCommand({
              TableName,
              Key: { pk: item.pk, sk: item.sk },
              ConditionExpression: counters.map((_, i) => `#c${i} = :zero`).join(" AND ") || "attribute_exists(pk)",
              ExpressionAttributeNames: counters.length ? Object.fromEntries(counters.map((name, i) => [`#c${i}`, name])) : undefined,
              ExpressionAttributeValues: counters.length ? { ":zero": 0 } : undefined,
            }),
          ),
        );
        if (gone) removed++;
      }
      return removed;
    },

    /**
     * The retention checks still to make (for one request, or all): a route finished and
     * nothing has yet checked whether its whole request has. Each is `{ reference, sk }`.
     */
    async retentionChecks(reference?: string): Promise<{ reference: string; sk: string }[]> {
      const { pk, skPrefix } = keys.retentionChecks(reference);
      const items = await queryAll(db, { ...partition(pk, { skPrefix }), ConsistentRead: true });
      return items.map((i) => ({ reference: String(i.reference), sk: String(i.sk) }));
    },

    /** Forgets retention checks that have been made. */
    async retentionChecked(checks: { sk: string }[]): Promise<void> {
      for (const { sk } of checks) await db.doc.send(new DeleteCommand({ TableName, Key: { pk: keys.retentionChecks().pk, sk } }));
    },

    /**
     * Removes a finished request's personal data and keeps what is anonymous: the routes (status,
     * service, area, dates, age band, needs) and when each action happened, without notes, names
     * or links to other requests. So statistics do not change when personal data goes: the
     * request's facts stay without its equality answers, which the counters already hold.
     */
    async purgePersonalData(reference: string, purgeAt: string): Promise<void> {
      const whole = await this.getWhole(reference);
      const writes = [
        ...(whole.facts?.equality ? [{ Update: { TableName, Key: keys.requestFacts(reference), UpdateExpression: "REMOVE equality" } }] : []),
        ...(whole.request ? [{ Delete: { TableName, Key: keys.request(reference) } }] : []),
        ...(whole.request?.contactHashes ?? []).map((hash) => ({ Delete: { TableName, Key: keys.contactMatch(hash, reference) } })),
        ...(whole.request ? [{ Delete: { TableName, Key: keys.idempotency(whole.request.idempotencyKeyHash) } }] : []),
        ...whole.routes.map((route) => ({
          Update: { TableName, Key: keys.route(reference, route.serviceId), UpdateExpression: "SET possibleDuplicateOf = :none REMOVE allocatedTo", ExpressionAttributeValues: { ":none": [] } },
        })),
        ...whole.events.map((event) => ({
          Update: { TableName, Key: keys.routeEvent(reference, event.serviceId, event.version), UpdateExpression: "SET sealed = :none REMOVE #by, allocatedTo", ExpressionAttributeNames: { "#by": "by" }, ExpressionAttributeValues: { ":none": {} } },
        })),
      ];
      for (let i = 0; i < writes.length; i += 100) await db.doc.send(new TransactWriteCommand({ TransactItems: writes.slice(i, i + 100) }));
      await db.doc.send(new DeleteCommand({ TableName, Key: keys.retentionDue(purgeAt, reference) }));
    },

    /**
     * Takes a request out of the figures as if it had never been made: its facts and its routes go
     * in one transaction with the counters they added, each route only as it was read. A route
     * changed meanwhile is read again, so nothing is taken away twice or left behind.
     */
    async uncount(reference: string): Promise<void> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const { facts, routes } = await this.getWhole(reference);
        if (!facts && !routes.length) return;
        try {
          await db.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                ...(facts ? [{ Delete: { TableName, Key: keys.requestFacts(reference), ConditionExpression: "attribute_exists(pk)" } }] : []),
                ...routes.map((route) => ({
                  Delete: { TableName, Key: keys.route(reference, route.serviceId), ConditionExpression: "version = :version", ExpressionAttributeValues: { ":version": route.version } },
                })),
                ...statUpdates(negate(combine(facts ? factsTally(facts) : [], ...routes.map(routeTally)))),
              ],
            }),
          );
          return;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
        }
      }
      throw new Error("The request kept changing while it was being deleted.");
    },

    /**
     * Removes a request whole, at once: its routes, their history, its duplicate-hint entries,
     * idempotency answer, retention entry and checks, and the request item last. It first marks
     * the request due for purging now, so if anything fails part-way the next sweep removes the
     * personal data that is left; a route changed meanwhile is caught by reading again.
     */
    async deleteWhole(reference: string, nowIso: string): Promise<void> {
      const safetyNet = keys.retentionDue(nowIso, reference);
      await db.doc.send(new PutCommand({ TableName, Item: { ...safetyNet, reference, type: "retention" } }));
      await this.uncount(reference);
      const removed = new Set<string>();
      // A worker acting meanwhile adds history after the first read: read again until nothing new is left.
      for (let round = 0; round < 4; round++) {
        const whole = await this.getWhole(reference);
        const doomed = [
          ...whole.routes.map((route) => keys.route(reference, route.serviceId)),
          ...whole.events.map((event) => keys.routeEvent(reference, event.serviceId, event.version)),
          ...(whole.request?.contactHashes ?? []).map((hash) => keys.contactMatch(hash, reference)),
          ...(whole.request ? [keys.idempotency(whole.request.idempotencyKeyHash)] : []),
          ...(whole.request?.purgeAt ? [keys.retentionDue(whole.request.purgeAt, reference)] : []),
          ...(await this.retentionChecks(reference)).map(({ sk }) => ({ pk: keys.retentionChecks().pk, sk })),
        ].filter((key) => !removed.has(`${key.pk} ${key.sk}`));
        if (!doomed.length) break;
        for (let i = 0; i < doomed.length; i += 25) {
          let pending: { DeleteRequest: { Key: { pk: string; sk: string } } }[] = doomed.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
          while (pending.length) {
            const out = await db.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
            pending = (out.UnprocessedItems?.[TableName] ?? []) as typeof pending;
          }
        }
        for (const key of doomed) removed.add(`${key.pk} ${key.sk}`);
      }
      await db.doc.send(new DeleteCommand({ TableName, Key: keys.request(reference) }));
      await db.doc.send(new DeleteCommand({ TableName, Key: safetyNet }));
    },
  };
}

export type RequestRepository = ReturnType<typeof requestRepository>;
