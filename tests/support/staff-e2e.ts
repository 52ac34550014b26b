import type { Page } from "@playwright/test";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { randomUUID } from "node:crypto";
import { auditRepository } from "../../functions/db/audit";
import { createDatabase, type Database } from "../../functions/db/client";
import { directoryRepository } from "../../functions/db/directory";
import { groupRepository } from "../../functions/db/groups";
import type { Group } from "../../functions/domain/groups";
import { localOutbox } from "../../functions/email/outbox";
import { AreaSchema, OrganisationSchema, ServiceSchema, type Area, type Organisation, type Service } from "../../functions/domain/directory";
import type { Grant } from "../../functions/domain/roles";
import { EXAMPLE_AREAS, EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { createStaff, LOCAL_SESSION_COOKIE, startSession, type TestStaff } from "./staff";

/** The example directory's first organisation and area: scopes for test accounts. */
export const HARBOUR = EXAMPLE_ORGANISATIONS[0]!;
export const BRISTOL = EXAMPLE_AREAS[0]!;

export const ADMIN: Grant[] = [{ role: "admin" }];
export const MANAGER: Grant[] = [{ role: "manager", organisationId: HARBOUR.id }];
export const WORKER: Grant[] = [{ role: "worker", organisationId: HARBOUR.id }];

let db: Database | undefined;

/** The e2e server's own table in DynamoDB Local (the global setup says where). */
function database(): Database {
  const endpoint = process.env.E2E_DYNAMODB_ENDPOINT;
  const tableName = process.env.E2E_TABLE;
  if (!endpoint || !tableName) throw new Error("E2E_DYNAMODB_ENDPOINT and E2E_TABLE are set by tests/support/e2e-global-setup.ts");
  return (db ??= createDatabase({ tableName, endpoint }));
}

/**
 * A new member of staff with these roles, made straight in the database. Each test makes its
 * own: the server refuses a TOTP code from the same 30-second step twice for one account.
 */
export function newStaff(grants: Grant[]): Promise<TestStaff> {
  return createStaff(database(), grants);
}

/** A new member of staff, already signed in in this page's browser context. */
export async function signedInPage(page: Page, grants: Grant[]): Promise<TestStaff> {
  const staff = await newStaff(grants);
  const token = await startSession(database(), staff.account.id);
  await page.context().addCookies([
    { name: LOCAL_SESSION_COOKIE, value: token, domain: "127.0.0.1", path: "/", httpOnly: true, secure: false, sameSite: "Strict" },
  ]);
  return staff;
}

/** A unique address for someone being invited. */
export const inviteeEmail = () => `invitee-${crypto.randomUUID().slice(0, 8)}@test.onedoor.invalid`;

/**
 * The link in the latest invite emailed to this address: the e2e server's mailer writes each
 * message to the outbox folder the global setup made.
 */
export function inviteLinkSentTo(email: string): string {
  const dir = process.env.E2E_OUTBOX_DIR;
  if (!dir) throw new Error("E2E_OUTBOX_DIR is set by tests/support/e2e-global-setup.ts");
  const message = localOutbox(dir)
    .messages()
    .filter((m) => m.to === email)
    .at(-1);
  const link = message?.text.match(/https?:\/\/\S+\/staff\/invite\/#[A-Za-z0-9_-]{43}/)?.[0];
  if (!link) throw new Error(`No invite link has been emailed to ${email}`);
  return link;
}

/**
 * Invites someone through the API, as the admin signed in in this page's context, and returns
 * the link from the email. Playwright's request API sends no Origin of its own; the API refuses
 * unsafe requests without it.
 */
export async function createInvite(page: Page, baseURL: string, grants: Grant[] = WORKER, email = inviteeEmail()): Promise<{ link: string; email: string }> {
  const response = await page.request.post("/api/staff/invites", {
    data: { email, grants },
    headers: { origin: new URL(baseURL).origin },
  });
  if (response.status() !== 201) throw new Error(`Making an invite failed: ${response.status()} ${await response.text()}`);
  return { link: inviteLinkSentTo(email), email };
}

/** The setup key as the invite page shows it, in groups of four, made whole again. */
export const secretFrom = (shown: string) => shown.replace(/\s/g, "");

/**
 * A service of Harbour's of its own for a test to edit, closed so it never shows in public
 * searches: the example services stay as the public journeys expect them.
 */
export async function newService(): Promise<Service> {
  const at = new Date().toISOString();
  const service = ServiceSchema.parse({
    ...EXAMPLE_SERVICES[0]!,
    id: randomUUID(),
    name: `Test service ${randomUUID().slice(0, 8)}`,
    status: "closed",
    updatedAt: at,
    waitUpdatedAt: at,
  });
  await directoryRepository(database()).saveService(service);
  return service;
}

/**
 * An organisation of its own, in an area of its own, with two services that take requests:
 * its inbox holds only what one test sends it, so "first in the inbox" means first.
 */
export async function newProvider(): Promise<{ area: Area; organisation: Organisation; services: [Service, Service] }> {
  const tag = randomUUID().slice(0, 8);
  const at = new Date().toISOString();
  const directory = directoryRepository(database());
  const area = AreaSchema.parse({ id: `E9${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`, name: `Testshire ${tag}`, postcodeDistricts: [] });
  const organisation = OrganisationSchema.parse({ ...EXAMPLE_ORGANISATIONS[0]!, id: randomUUID(), name: `Test provider ${tag}`, isExample: false });
  const service = (name: string) =>
    ServiceSchema.parse({
      ...EXAMPLE_SERVICES[0]!,
      id: randomUUID(),
      organisationId: organisation.id,
      name: `${name} ${tag}`,
      areaIds: [area.id],
      national: false,
      status: "active",
      acceptsSelfReferral: true,
      isExample: false,
      updatedAt: at,
      waitUpdatedAt: at,
    });
  const services: [Service, Service] = [service("Test talking service"), service("Test group service")];
  await directory.saveArea(area);
  await directory.saveOrganisation(organisation);
  for (const s of services) await directory.saveService(s);
  return { area, organisation, services };
}

/** Every item in the e2e server's table: for journeys that check what is stored, and what is not. */
export async function everyItem(): Promise<Record<string, unknown>[]> {
  const { doc, tableName } = database();
  const items: Record<string, unknown>[] = [];
  let from: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: from, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    from = page.LastEvaluatedKey;
  } while (from);
  return items;
}

/** Entries in the audit log, so it has more than one page. */
export async function addAuditEntries(count: number): Promise<void> {
  const audit = auditRepository(database());
  const at = Date.now() - 60_000;
  await Promise.all(
    Array.from({ length: count }, (_, i) => audit.append({ action: "audit.read", at: new Date(at + i).toISOString(), sourceHash: "e2e-test" })),
  );
}

/**
 * A contributors' group of its own, run by a provider of its own in an area of its own (newProvider),
 * so its session form lists only that provider's two services.
 */
export async function newGroup(): Promise<{ group: Group; organisation: Organisation; services: [Service, Service] }> {
  const { area, organisation, services } = await newProvider();
  const at = new Date().toISOString();
  const group: Group = {
    id: randomUUID(),
    name: `Test group ${randomUUID().slice(0, 8)}`,
    areaId: area.id,
    description: "Young people who meet once a month.",
    organisationId: organisation.id,
    createdAt: at,
    updatedAt: at,
  };
  await groupRepository(database()).saveGroup(group);
  return { group, organisation, services };
}
