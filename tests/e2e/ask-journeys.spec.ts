import type { Browser, Page } from "@playwright/test";
import { formatReference, tidyReference } from "../../functions/domain/request-codes";
import { EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { expect, expectAccessible, test } from "../support/fixtures";
import { aRequest, askThroughTheApi } from "../support/requests";
import { everyItem, newProvider, signedInPage } from "../support/staff-e2e";

/**
 * Whole journeys across both sides (issues 4 and 5): a person asks through the /ask/ pages on a
 * phone, the request reaches the right workers (and no others) in their inbox, and the person
 * checks in while they wait.
 */

test.skip(({ isMobile }) => !isMobile, "Journeys are walked on the phone viewport");

const service = (start: string) => EXAMPLE_SERVICES.find((s) => s.name.startsWith(start))!;
const HARBOUR_YOUNG_PEOPLE = service("Harbour Young People");
const HARBOUR_FAMILY = service("Harbour Family");
const MEADOW_CLINIC = service("Meadow Children's Health");
const NORTH_STAR = EXAMPLE_ORGANISATIONS.find((o) => o.name.startsWith("North Star"))!;

const cont = (page: Page) => page.getByRole("button", { name: "Continue" }).click();
const group = (page: Page, name: string) => page.getByRole("group", { name });

/** Lets every chosen service see the answers, sends the request and reads the reference off the confirmation. */
async function consentAndSend(page: Page): Promise<string> {
  for (const box of await page.locator("#consent-choices input").all()) await box.check();
  await cont(page);
  // The questions about the person are asked of everyone but a parent or carer: skipped here.
  await expect(page.locator("h1")).toHaveText(/^(Check your answers|Some questions about you)$/);
  if ((await page.locator("h1").textContent()) === "Some questions about you") await page.getByRole("button", { name: "Skip these questions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers" })).toBeVisible();
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your request has been sent" })).toBeVisible();
  const reference = tidyReference((await page.locator("#done-reference").textContent()) ?? "");
  expect(reference).toHaveLength(8);
  await expect(page.locator("#done-code")).toHaveText(/^\d{4} \d{4} \d{4}$/);
  await expectAccessible(page);
  return reference;
}

/** A worker of `organisationId`, signed in on a page of their own (a separate browser context). */
async function workerPage(browser: Browser, organisationId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signedInPage(page, [{ role: "worker", organisationId }]);
  return page;
}

async function openFromInbox(page: Page, reference: string) {
  await page.goto("/staff/inbox/");
  const row = page.locator(`#inbox-rows > li[data-reference="${reference}"]`);
  await expect(row).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(formatReference(reference));
}

async function expectHidden(page: Page, reference: string, serviceId: string) {
  await page.goto("/staff/inbox/");
  await expect(page.locator("#inbox-status")).not.toBeEmpty(); // the list has loaded
  await expect(page.locator(`#inbox-rows > li[data-reference="${reference}"]`)).toHaveCount(0);
  await page.goto(`/staff/request/?ref=${reference}&service=${serviceId}`);
  await expect(page.getByRole("heading", { level: 1, name: "We could not find that request" })).toBeVisible();
}

/** From a service's page into /ask/: a young person asking for themselves, aged 14 or 15. */
async function startFromServicePage(page: Page, serviceId: string) {
  await page.goto(`/service/?id=${serviceId}`);
  await page.getByRole("link", { name: /Ask .*for support/ }).first().click();
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await page.getByLabel("14 or 15").check();
  await cont(page);
}

test("a young person asks two services, says they are not safe; each service sees it first, urgent, and nobody else does", async ({ page, browser }) => {
  await startFromServicePage(page, HARBOUR_YOUNG_PEOPLE.id);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await cont(page);
  await cont(page); // what help: skipped
  // Arrived from Harbour's page: it is already chosen; add a second service.
  await expect(page.getByLabel(HARBOUR_YOUNG_PEOPLE.name)).toBeChecked();
  await page.getByLabel(MEADOW_CLINIC.name).check();
  await cont(page);
  await page.getByLabel("Is there anything you want them to know?").fill("I want to talk to someone, but not at home.");
  await cont(page);
  await page.getByLabel("Text message").check();
  await page.getByLabel("Phone number", { exact: true }).fill("07700 900318");
  await cont(page);
  await group(page, "Which days are safe?").getByLabel("Tuesday").check();
  await cont(page);
  await group(page, "Can they say which service they are from?").getByLabel("No").check();
  await page.getByLabel("A code word").fill("seagull");
  await cont(page);
  await cont(page); // preferences: skipped
  await page.getByLabel("No", { exact: true }).check();
  await expect(page.getByRole("heading", { name: "You can get help right now" }).first()).toBeVisible();
  await cont(page);
  const reference = await consentAndSend(page);
  await expect(page.getByText("We have marked your request as urgent", { exact: false }).first()).toBeVisible();

  // Harbour's worker: at the top of the inbox, urgent, with the safe-contact instructions first.
  const harbour = await workerPage(browser, HARBOUR_YOUNG_PEOPLE.organisationId);
  await harbour.goto("/staff/inbox/");
  const rows = harbour.locator("#inbox-rows > li");
  await expect(rows.first()).toHaveAttribute("data-reference", reference);
  await expect(rows.first()).toContainText("Urgent");
  await openFromInbox(harbour, reference);
  await expect(harbour.getByText("seagull")).toBeVisible();
  await expect(harbour.getByText("07700900318")).toBeVisible();
  await expect(harbour.getByText("I want to talk to someone, but not at home.")).toBeVisible();
  await expect(harbour.getByText("They said they are not safe right now")).toBeVisible();

  // Meadow's worker sees it too (urgent first) ...
  const meadow = await workerPage(browser, MEADOW_CLINIC.organisationId);
  await openFromInbox(meadow, reference);
  await expect(meadow.getByText("seagull")).toBeVisible();
  // ... but a worker of an organisation that was not asked sees nothing of it.
  const northStar = await workerPage(browser, NORTH_STAR.id);
  await expectHidden(northStar, reference, HARBOUR_YOUNG_PEOPLE.id);
});

test("a parent asks for their child and for themselves; the family service sees both answers, nobody else does", async ({ page, browser }) => {
  await page.goto("/ask/");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("For my child, or a child I care for").check();
  await cont(page);
  await page.getByLabel("Under 11").check();
  await cont(page);
  await group(page, "Does the child know you are asking for support?").getByLabel("Yes").check();
  await cont(page);
  await group(page, "Would you like support for yourself too?").getByLabel("Yes").check();
  await cont(page);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await cont(page);
  await cont(page); // what help
  await expect(page.getByLabel(HARBOUR_FAMILY.name)).toBeVisible();
  await page.getByLabel(HARBOUR_FAMILY.name).check();
  await cont(page);
  await cont(page); // message: skipped
  await page.getByRole("radio", { name: "Email" }).check();
  await page.getByLabel("Email address").fill("parent.example@example.org");
  await cont(page);
  await cont(page); // when: skipped
  await cont(page); // keeping it private: skipped
  await cont(page); // preferences: skipped
  await page.getByLabel("Yes", { exact: true }).check();
  await cont(page);
  const reference = await consentAndSend(page);

  const harbour = await workerPage(browser, HARBOUR_FAMILY.organisationId);
  await openFromInbox(harbour, reference);
  await expect(harbour.getByText("parent.example@example.org")).toBeVisible();
  await expect(harbour.getByText("Does the child know they asked?")).toBeVisible();
  await expect(harbour.getByText("The parent or carer would like support too")).toBeVisible();

  const meadow = await workerPage(browser, MEADOW_CLINIC.organisationId);
  await expectHidden(meadow, reference, HARBOUR_FAMILY.id);
});

test("waiting well: ask, check in, feel really bad and go to the top of the inbox, stop one service, delete, and the personal data is gone from DynamoDB", async ({ page, browser, request, baseURL }) => {
  const { area, organisation, services: [talking, group] } = await newProvider();
  // Someone else asked first: until our person checks in, theirs is the older request, so it comes first.
  const earlier = await askThroughTheApi(request, baseURL!, aRequest({ areaId: area.id, serviceIds: [talking.id], consentServiceIds: [talking.id] }));

  await startFromServicePage(page, talking.id);
  await page.getByLabel("Where do you live?").selectOption({ label: area.name });
  await cont(page);
  await cont(page); // what help: skipped
  await expect(page.getByLabel(talking.name)).toBeChecked();
  await page.getByLabel(group.name).check();
  await cont(page);
  const message = "Please do not call when my brother is home.";
  await page.getByLabel("Is there anything you want them to know?").fill(message);
  await cont(page);
  await page.getByLabel("Text message").check();
  await page.getByLabel("Phone number", { exact: true }).fill("07700 900451");
  await cont(page);
  await cont(page); // when: skipped
  await page.getByLabel("A code word").fill("lighthouse");
  await cont(page);
  await cont(page); // preferences: skipped
  await page.getByLabel("Yes", { exact: true }).check();
  await cont(page);
  const reference = await consentAndSend(page);
  const code = (await page.locator("#done-code").textContent())!;

  const worker = await workerPage(browser, organisation.id);
  await worker.goto("/staff/inbox/");
  const rows = worker.locator("#inbox-rows > li");
  await expect(rows).toHaveCount(3); // the earlier request to one service, and ours to two
  await expect(rows.first()).toHaveAttribute("data-reference", earlier.reference);
  await expect(rows.first().locator(".tag--urgent")).toHaveCount(0);

  // Checking in: the reference and code from the confirmation, as they were written down.
  await page.goto("/check-in/");
  await page.getByLabel("Your reference").fill(formatReference(reference));
  await page.getByLabel("Your check-in code").fill(code);
  await page.getByRole("button", { name: "Check in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your request" })).toBeFocused();
  const feeling = page.locator("#feeling-section");
  await feeling.getByLabel("Really bad").check();
  await feeling.getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#feeling-urgent-done")).toContainText("We have marked your request as urgent, so services see it first.");

  // The worker looks again: both of our routes are now above the earlier request, marked Urgent.
  await worker.reload();
  await expect(rows).toHaveCount(3);
  for (const row of [rows.nth(0), rows.nth(1)]) {
    await expect(row).toHaveAttribute("data-reference", reference);
    await expect(row.locator(".tag--urgent")).toHaveText("Urgent");
  }
  await expect(rows.nth(2)).toHaveAttribute("data-reference", earlier.reference);

  // Stop asking the group service: the talking service carries on.
  const groupCard = page.locator(`#checkin-services > li[data-service-id="${group.id}"]`);
  await groupCard.getByRole("button", { name: "Stop asking this service" }).click();
  await groupCard.getByRole("button", { name: "Yes, stop asking" }).click();
  await expect(groupCard.locator(".checkin-done")).toBeFocused();
  await expect(groupCard.locator(".checkin-done")).toContainText(`You have stopped asking ${group.name}.Your other services will carry on.`);
  await expectAccessible(page);
  await worker.reload();
  await expect(rows).toHaveCount(2);

  // What is stored, before deleting: the request and its routes, with the contact details only encrypted.
  const mentions = (items: Record<string, unknown>[]) => items.filter((item) => JSON.stringify(item).includes(reference));
  const before = await everyItem();
  const stored = before.find((item) => item.pk === `REQUEST#${reference}` && item.sk === "REQUEST")!;
  expect(stored).toBeDefined();
  expect(mentions(before).filter((item) => !String(item.pk).startsWith("AUDIT")).length).toBeGreaterThan(3);
  for (const plain of ["07700900451", "07700 900451", "lighthouse", message]) {
    expect(before.filter((item) => JSON.stringify(item).includes(plain))).toEqual([]);
  }
  const contactHashes = (stored.contactHashes as string[] | undefined) ?? [];
  expect(contactHashes.length).toBeGreaterThan(0);

  const deletion = page.locator("#delete-section");
  await deletion.getByRole("button", { name: "Delete my request", exact: true }).click();
  await deletion.getByRole("button", { name: "Yes, delete my request" }).click();
  await expect(page.locator("#checkin-notice")).toHaveText("Your request has been deleted. We have removed everything you told us.");

  // After: nothing that holds or points at the request is left, but the audit log's own lines
  // (who did what, when; never what the person said), and the other person's request is untouched.
  const after = await everyItem();
  const left = mentions(after);
  expect(left.filter((item) => !String(item.pk).startsWith("AUDIT")).map((item) => `${item.pk} ${item.sk}`)).toEqual([]);
  for (const line of left) expect(Object.keys(line).sort()).not.toContain("contact");
  expect(after.filter((item) => contactHashes.some((hash) => String(item.pk).includes(hash)))).toEqual([]);
  expect(after.filter((item) => item.pk === `IDEMPOTENCY#${stored.idempotencyKeyHash}`)).toEqual([]);
  expect(after.some((item) => item.pk === `REQUEST#${earlier.reference}` && item.sk === "REQUEST")).toBe(true);
  await worker.reload();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-reference", earlier.reference);
});
