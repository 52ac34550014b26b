import type { StatCell } from "../domain/request-stats";

/**
 * Every key string in the table is built here and nowhere else.
 *
 * Layout (one table, `pk`/`sk`, one generic index `gsi1pk`/`gsi1sk`):
 * - `SERVICE#<id>` / `SERVICE`           the service itself; gsi1 `ORG#<orgId>` / `SERVICE#<id>`
 * - `AREA#<areaId>` / `SERVICE#<id>`     a copy of the service for each area it covers, so a
 *                                        search reads only the partitions of the searched area
 * - `AREA#NATIONAL` / `SERVICE#<id>`     a copy for each national service
 * - `DIRECTORY` / `SERVICE#<id>`         a copy for every service (the Open Referral export)
 * - `NAME#<three letters>` / `<word>#SERVICE#<id>`  a copy for each word of its name, in the
 *                                        partition of the word's first three letters: a search by
 *                                        name with no area reads the copies under the word typed
 * - `ORG#<id>` / `ORG`                   an organisation; gsi1 `ORGS` / `ORG#<id>`
 * - `AREA#<areaId>` / `AREA`             an area; gsi1 `AREAS` / `AREA#<areaId>`
 * - `POSTCODE#<district>` / `AREA#<id>`  which areas a postcode district falls in
 * - `ACCOUNT#<id>` / `ACCOUNT`           a staff account; gsi1 `ACCOUNTS` / `ACCOUNT#<id>`
 * - `EMAIL#<email>` / `EMAIL`            claims an email for one account (unique sign-in name)
 * - `INVITE#<hash>` / `INVITE`           an invite, keyed by the hash of its link's token
 * - `SESSION#<hash>` / `SESSION`         a staff session, keyed by its token's hash;
 *                                        gsi1 `SESSIONS#<accountId>` / `SESSION#<hash>`
 * - `SIGNIN#<kind>#<hash>` / `SIGNIN`    failed sign-ins for one email or one source address
 * - `RATE#<bucket>#<key>` / `<window>`   a fixed-window request counter
 * - `AUDIT` / `<time>#<id>`              the audit log, newest last; gsi1 `AUDIT#ORG#<orgId>`
 * - `AUDIT#REQUEST#<ref>` / `<time>#<id>` a copy of each entry about one request (for a subject
 *                                        access export)
 * - `REQUEST#<ref>` / `REQUEST`          a request for support (identifying fields encrypted); when the
 *                                        person said yes to coordination, gsi1 `COORDINATION#<areaId>` /
 *                                        `<createdAt>#<ref>`: a navigator's list for the area
 * - `REQUEST#<ref>` / `ROUTE#<serviceId>` its route to one service, so one Query reads a request
 *                                        whole; gsi1 `INBOX#<orgId>#OPEN|CLOSED` /
 *                                        `<0 urgent|1>#<createdAt>#<ref>#<serviceId>`: the inbox,
 *                                        urgent first, then oldest
 * - `REQUEST#<ref>` / `EVENT#<serviceId>#<version>`  what was done to a route, oldest first
 * - `REQUEST#<ref>` / `FACTS`            its anonymous facts (area, ages, needs, equality answers),
 *                                        apart from the request its services read: what it counts for
 * - `STATS#REQUESTS#AREA#<area>` / `<month>#AREA` and `<month>#SERVICE#<id>`  request figures kept
 *                                        up as events happen (domain/request-stats.ts)
 * - `STATS#NOW#SERVICE#<id>` / `OPEN#<week>` and `CHECKIN#<week>`  a service's waiting now, by
 *                                        the Monday of the week people asked and check-ins fall due
 * - `CONTACT#<hash>` / `REQUEST#<ref>`   a keyed hash of a phone or email, for duplicate hints
 * - `IDEMPOTENCY#<hash>` / `IDEMPOTENCY` the answer to a submission, so a retry returns it again
 * - `CHECKIN#<hash>` / `CHECKIN`         a person's check-in session, keyed by its token's hash
 * - `RETENTION` / `<purgeAt>#<ref>`      when a finished request's personal data is due to go
 * - `RETENTION-CHECK` / `<ref>#<eventId>` a route just finished: check whether the whole request
 *                                        has, written with the change so a crash cannot skip it
 * - `EXAMPLE-HISTORY` / `EXAMPLE-HISTORY`  `npm start` wrote its example history (local only)
 */
/** What failed sign-ins are counted against: staff emails and addresses, references and addresses checking in. */
export type SignInKind = "email" | "address" | "reference" | "check-in-address";

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
  serviceByNameWord: (word: string, serviceId: string) => ({ pk: `NAME#${word.slice(0, 3)}`, sk: `${word}#SERVICE#${serviceId}` }),
  /** The copies under words starting with `typed` (tidy, at least three letters). */
  servicesByNameWord: (typed: string) => ({ pk: `NAME#${typed.slice(0, 3)}`, skPrefix: typed }),

  organisation: (id: string) => ({ pk: `ORG#${id}`, sk: "ORG" }),
  organisationListing: (id: string) => ({ gsi1pk: "ORGS", gsi1sk: `ORG#${id}` }),
  allOrganisations: () => ({ gsi1pk: "ORGS" }),

  area: (id: string) => ({ pk: `AREA#${id}`, sk: "AREA" }),
  areaListing: (id: string) => ({ gsi1pk: "AREAS", gsi1sk: `AREA#${id}` }),
  allAreas: () => ({ gsi1pk: "AREAS" }),
  postcodeDistrict: (district: string, areaId: string) => ({ pk: `POSTCODE#${district}`, sk: `AREA#${areaId}` }),
  postcodeDistrictPartition: (district: string) => ({ pk: `POSTCODE#${district}` }),

  account: (id: string) => ({ pk: `ACCOUNT#${id}`, sk: "ACCOUNT" }),
  accountListing: (id: string) => ({ gsi1pk: "ACCOUNTS", gsi1sk: `ACCOUNT#${id}` }),
  allAccounts: () => ({ gsi1pk: "ACCOUNTS" }),
  emailClaim: (email: string) => ({ pk: `EMAIL#${email.toLowerCase()}`, sk: "EMAIL" }),
  invite: (tokenHash: string) => ({ pk: `INVITE#${tokenHash}`, sk: "INVITE" }),
  session: (tokenHash: string) => ({ pk: `SESSION#${tokenHash}`, sk: "SESSION" }),
  sessionOfAccount: (accountId: string, tokenHash: string) => ({ gsi1pk: `SESSIONS#${accountId}`, gsi1sk: `SESSION#${tokenHash}` }),
  sessionsOfAccount: (accountId: string) => ({ gsi1pk: `SESSIONS#${accountId}` }),
  signInFailures: (kind: SignInKind, hash: string) => ({ pk: `SIGNIN#${kind}#${hash}`, sk: "SIGNIN" }),
  rateWindow: (bucket: string, key: string, windowStart: number) => ({ pk: `RATE#${bucket}#${key}`, sk: String(windowStart) }),

  auditEntry: (at: string, id: string) => ({ pk: "AUDIT", sk: `${at}#${id}` }),
  auditEntryOfOrganisation: (organisationId: string, at: string, id: string) => ({ gsi1pk: `AUDIT#ORG#${organisationId}`, gsi1sk: `${at}#${id}` }),
  auditEntryOfRequest: (reference: string, at: string, id: string) => ({ pk: `AUDIT#REQUEST#${reference}`, sk: `${at}#${id}` }),
  auditLog: () => ({ pk: "AUDIT" }),
  auditLogOfRequest: (reference: string) => ({ pk: `AUDIT#REQUEST#${reference}` }),
  auditLogOfOrganisation: (organisationId: string) => ({ gsi1pk: `AUDIT#ORG#${organisationId}` }),

  request: (reference: string) => ({ pk: `REQUEST#${reference}`, sk: "REQUEST" }),
  requestPartition: (reference: string) => ({ pk: `REQUEST#${reference}` }),
  requestForCoordination: (areaId: string, createdAt: string, reference: string) => ({ gsi1pk: `COORDINATION#${areaId}`, gsi1sk: `${createdAt}#${reference}` }),
  coordinationInArea: (areaId: string) => ({ gsi1pk: `COORDINATION#${areaId}` }),
  route: (reference: string, serviceId: string) => ({ pk: `REQUEST#${reference}`, sk: `ROUTE#${serviceId}` }),
  routeInInbox: (route: { organisationId: string; open: boolean; urgent: boolean; createdAt: string; reference: string; serviceId: string }) => ({
    gsi1pk: `INBOX#${route.organisationId}#${route.open ? "OPEN" : "CLOSED"}`,
    gsi1sk: `${route.urgent ? 0 : 1}#${route.createdAt}#${route.reference}#${route.serviceId}`,
  }),
  inbox: (organisationId: string, open: boolean) => ({ gsi1pk: `INBOX#${organisationId}#${open ? "OPEN" : "CLOSED"}` }),
  routeEvent: (reference: string, serviceId: string, version: number) => ({
    pk: `REQUEST#${reference}`,
    sk: `EVENT#${serviceId}#${String(version).padStart(6, "0")}`,
  }),
  requestFacts: (reference: string) => ({ pk: `REQUEST#${reference}`, sk: "FACTS" }),
  /** Where each kind of request figure is kept: an area's months (one Query reads a period), or a service's now. */
  requestStats: (cell: StatCell) => {
    switch (cell.kind) {
      case "demand":
        return { pk: `STATS#REQUESTS#AREA#${cell.areaId}`, sk: `${cell.month}#AREA` };
      case "access":
        return { pk: `STATS#REQUESTS#AREA#${cell.areaId}`, sk: `${cell.month}#SERVICE#${cell.serviceId}` };
      case "open":
        return { pk: `STATS#NOW#SERVICE#${cell.serviceId}`, sk: `OPEN#${cell.week}` };
      case "check-in":
        return { pk: `STATS#NOW#SERVICE#${cell.serviceId}`, sk: `CHECKIN#${cell.week}` };
    }
  },
  requestStatsOfArea: (areaId: string) => ({ pk: `STATS#REQUESTS#AREA#${areaId}` }),
  waitingNowOfService: (serviceId: string) => ({ pk: `STATS#NOW#SERVICE#${serviceId}` }),
  contactMatch: (hash: string, reference: string) => ({ pk: `CONTACT#${hash}`, sk: `REQUEST#${reference}` }),
  contactMatches: (hash: string) => ({ pk: `CONTACT#${hash}` }),
  idempotency: (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: "IDEMPOTENCY" }),
  retentionDue: (purgeAt: string, reference: string) => ({ pk: "RETENTION", sk: `${purgeAt}#${reference}` }),
  retentionPartition: () => ({ pk: "RETENTION" }),
  exampleHistory: () => ({ pk: "EXAMPLE-HISTORY", sk: "EXAMPLE-HISTORY" }),
  retentionCheck: (reference: string, eventId: string) => ({ pk: "RETENTION-CHECK", sk: `${reference}#${eventId}` }),
  retentionChecks: (reference?: string) => ({ pk: "RETENTION-CHECK", skPrefix: reference ? `${reference}#` : undefined }),
  checkInSession: (tokenHash: string) => ({ pk: `CHECKIN#${tokenHash}`, sk: "CHECKIN" }),

  feedback: (id: string) => ({ pk: `FEEDBACK#${id}`, sk: "FEEDBACK" }),
  /** Waiting for a moderator: anything that may mean someone is at risk first, then oldest first. */
  feedbackInModeration: (safeguardingFirst: boolean, createdAt: string, id: string) => ({
    gsi1pk: "MODERATION",
    gsi1sk: `${safeguardingFirst ? 0 : 1}#${createdAt}#${id}`,
  }),
  moderationQueue: () => ({ gsi1pk: "MODERATION" }),
  /** An approved, redacted copy for the organisation's staff, and one for each area's commissioners. */
  approvedFeedbackOfOrganisation: (organisationId: string, approvedAt: string, id: string) => ({ pk: `FEEDBACK-ORG#${organisationId}`, sk: `${approvedAt}#${id}` }),
  approvedFeedbackOfOrganisationPartition: (organisationId: string) => ({ pk: `FEEDBACK-ORG#${organisationId}` }),
  approvedFeedbackInArea: (areaId: string, approvedAt: string, id: string) => ({ pk: `FEEDBACK-AREA#${areaId}`, sk: `${approvedAt}#${id}` }),
  approvedFeedbackInAreaPartition: (areaId: string) => ({ pk: `FEEDBACK-AREA#${areaId}` }),
  /** Counters kept up as feedback arrives and is approved: per service and month, and per area and month (who feeds back). */
  feedbackStatsOfService: (serviceId: string, month: string) => ({ pk: `STATS#FEEDBACK#SERVICE#${serviceId}`, sk: month }),
  feedbackStatsOfArea: (areaId: string, month: string) => ({ pk: `STATS#FEEDBACK#AREA#${areaId}`, sk: month }),
  feedbackStatsOfServicePartition: (serviceId: string) => ({ pk: `STATS#FEEDBACK#SERVICE#${serviceId}` }),

  /** What a public service page shows under "What people said": excerpts its provider chose, public group reports, answers. */
  voiceExcerpt: (serviceId: string, feedbackId: string) => ({ pk: `VOICE#${serviceId}`, sk: `EXCERPT#${feedbackId}` }),
  voiceExcerpts: (serviceId: string) => ({ pk: `VOICE#${serviceId}`, skPrefix: "EXCERPT#" }),
  voiceReport: (serviceId: string, reportId: string) => ({ pk: `VOICE#${serviceId}`, sk: `REPORT#${reportId}` }),
  voiceResponse: (serviceId: string, target: string, targetId: string, organisationId: string) => ({ pk: `VOICE#${serviceId}`, sk: `RESPONSE#${target}#${targetId}#${organisationId}` }),
  voiceOf: (serviceId: string) => ({ pk: `VOICE#${serviceId}` }),

  group: (id: string) => ({ pk: `GROUP#${id}`, sk: "GROUP" }),
  groupListing: (id: string) => ({ gsi1pk: "GROUPS", gsi1sk: `GROUP#${id}` }),
  allGroups: () => ({ gsi1pk: "GROUPS" }),
  theme: (code: string) => ({ pk: "THEMES", sk: `THEME#${code}` }),
  themes: () => ({ pk: "THEMES", skPrefix: "THEME#" }),
  /** A group's session reports live in the group's partition, so a facilitator's list is one Query. */
  groupReport: (groupId: string, id: string) => ({ pk: `GROUP#${groupId}`, sk: `REPORT#${id}` }),
  groupReports: (groupId: string) => ({ pk: `GROUP#${groupId}`, skPrefix: "REPORT#" }),
  /** Waiting for a moderator, in the same queue as feedback, after anything that may mean risk. */
  groupReportInModeration: (sentAt: string, id: string) => ({ gsi1pk: "MODERATION", gsi1sk: `1#${sentAt}#${id}` }),
  /** An approved report's redacted copy, for each organisation it is addressed to and for the area's commissioners. */
  approvedReportOfOrganisation: (organisationId: string, approvedAt: string, id: string) => ({ pk: `REPORTS-ORG#${organisationId}`, sk: `${approvedAt}#${id}` }),
  approvedReportInArea: (areaId: string, approvedAt: string, id: string) => ({ pk: `REPORTS-AREA#${areaId}`, sk: `${approvedAt}#${id}` }),
  approvedReportsOfOrganisation: (organisationId: string) => ({ pk: `REPORTS-ORG#${organisationId}` }),
  approvedReportsInArea: (areaId: string) => ({ pk: `REPORTS-AREA#${areaId}` }),

  /** An organisation's response to one piece of feedback or one report: all responses to it share a partition. */
  response: (target: string, targetId: string, organisationId: string) => ({ pk: `RESPONSE#${target}#${targetId}`, sk: `ORG#${organisationId}` }),
  responsesTo: (target: string, targetId: string) => ({ pk: `RESPONSE#${target}#${targetId}` }),
  responseInModeration: (at: string, target: string, targetId: string, organisationId: string) => ({ gsi1pk: "MODERATION", gsi1sk: `1#${at}#response#${target}#${targetId}#${organisationId}` }),
  /** Approved and not yet answered by this organisation, oldest first: what commissioners see as unanswered. */
  unanswered: (organisationId: string, approvedAt: string, target: string, targetId: string) => ({ pk: `UNANSWERED#${organisationId}`, sk: `${approvedAt}#${target}#${targetId}` }),
  unansweredOf: (organisationId: string) => ({ pk: `UNANSWERED#${organisationId}` }),
} as const;

/** Attribute names of the table and its index, shared by the local table and the SST stack. */
export const TABLE_SCHEMA = {
  partitionKey: "pk",
  sortKey: "sk",
  ttlAttribute: "expiresAt",
  indexes: { gsi1: { partitionKey: "gsi1pk", sortKey: "gsi1sk" } },
} as const;
