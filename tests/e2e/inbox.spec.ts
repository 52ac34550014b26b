import type { APIRequestContext, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Grant } from "../../functions/domain/roles";
import { formatReference } from "../../functions/domain/request-codes";
import { EXAMPLE_ORGANISATIONS, EXAMPLE_SERVICES } from "../../functions/local/seed";
import { aRequest, askThroughTheApi } from "../support/requests";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { HARBOUR, MANAGER, signedInPage, WORKER } from "../support/staff-e2e";

/**
 * The provider inbox (J6): the list, its filters and states, one request's page, and every
 * action through the page, with axe on each state. Requests are made through the API. Other
 * tests add requests to Harbour's services at the same time, so assertions look for this
 * test's own references and never count the whole list.
 */

const YOUNG_PEOPLE = EXAMPLE_SERVICES.find((s) => s.organisationId === HARBOUR.id && s.name.startsWith("Harbour Young People"))!;
const FAMILY = EXAMPLE_SERVICES.find((s) => s.organisationId === HARBOUR.id && s.name.startsWith("Harbour Family"))!;
const MEADOW = EXAMPLE_ORGANISATIONS[1]!;

/** A phone number of this test's own, so only requests meant to be duplicates look like one. */
const newPhone = () => `07700 9${String(Math.floor(Math.random() * 100_000)).padStart(5, "0")}`;

type Ask = { serviceId?: string; urgent?: boolean; phone?: string; asker?: "self" | "child"; message?: string };

/** Asks for support through the API, as the /ask/ pages do, and returns the reference. */
async function askForSupport(request: APIRequestContext, baseURL: string, ask: Ask = {}): Promise<string> {
  const serviceIds = [ask.serviceId ?? YOUNG_PEOPLE.id];
  const body = aRequest({
    asker: ask.asker ?? "self",
    serviceIds,
    consentServiceIds: serviceIds,
    ...(ask.message ? { message: ask.message } : {}),
    contact: { ...aRequest().contact, phone: ask.phone ?? newPhone(), codeWord: "Lighthouse" },
    preferences: { workerGender: "female", language: "en" },
    safeNow: ask.urgent ? "no" : "yes",
    ...(ask.asker === "child" ? { childKnows: "yes", supportForMeToo: true } : {}),
    consentToCoordination: undefined,
  });
  return (await askThroughTheApi(request, baseURL, body)).reference;
}

const routePath = (reference: string, serviceId = YOUNG_PEOPLE.id) => `/staff/request/?ref=${reference}&service=${serviceId}`;

/** Acts on a route through the API, as the member of staff signed in in this page's context. */
async function act(page: Page, baseURL: string, reference: string, body: Record<string, unknown>, serviceId = YOUNG_PEOPLE.id) {
  const response = await page.request.post(`/api/staff/inbox/${reference}/${serviceId}/actions`, {
    data: body,
    headers: { origin: new URL(baseURL).origin },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const rowOf = (page: Page, reference: string) => page.locator(`#inbox-rows > li[data-reference="${reference}"]`);

/** Opens one action's form (a disclosure) and waits for its first field or button. */
async function openAction(page: Page, action: string) {
  const details = page.locator(`details[data-action="${action}"]`);
  await details.locator("summary").click();
  await expect(details.locator("button[type=submit]")).toBeVisible();
  return details;
}

async function expectDone(page: Page, heading: string) {
  await expect(page.locator("#route-done")).toBeFocused();
  await expect(page.locator("#route-done h2")).toHaveText(heading);
}

async function expectProblem(page: Page, ...messages: string[]) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  for (const message of messages) await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(/^Error: /);
}

test("the inbox lists requests urgent first, then oldest, with counts and filters", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, WORKER);
  const older = await askForSupport(request, baseURL!, { serviceId: FAMILY.id, asker: "child" });
  const newer = await askForSupport(request, baseURL!, { serviceId: FAMILY.id });
  const urgent = await askForSupport(request, baseURL!, { urgent: true });

  await page.goto("/staff/inbox/");
  await expectPage(page, "Inbox – OneDoor", "Inbox");
  await expect(rowOf(page, urgent)).toBeVisible();
  const first = rowOf(page, older);
  await expect(first.getByRole("link", { name: `Request ${formatReference(older)}` })).toHaveAttribute("href", routePath(older, FAMILY.id));
  await expect(first).toContainText(FAMILY.name);
  await expect(first).toContainText("Received");
  await expect(first).toContainText("A parent or carer asking for their child, aged 14 or 15");
  await expect(first.locator("time")).toContainText(/^(just now|\d+ minutes? ago) \(\d{1,2} \w+ \d{4}\)$/);
  await expect(first.locator(".tag--urgent")).toHaveCount(0);
  await expect(rowOf(page, urgent).locator(".tag--urgent")).toHaveText("Urgent");

  // Every urgent request comes before every other one; within each, the oldest first.
  const order = await page.locator("#inbox-rows > li").evaluateAll((rows) =>
    rows.map((r) => ({ reference: (r as HTMLElement).dataset.reference!, urgent: !!r.querySelector(".tag--urgent") })),
  );
  const flags = order.map((r) => r.urgent);
  expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  const at = (reference: string) => order.findIndex((r) => r.reference === reference);
  expect(at(urgent)).toBeLessThan(at(older));
  expect(at(older)).toBeLessThan(at(newer));
  await expect(page.locator("#inbox-counts")).toContainText(/\d+ open requests?/);
  await expect(page.locator("#inbox-counts")).toContainText(/\d+ urgent/);
  await expectAccessible(page);

  // Filtered by status and service: sent with fetch, never in the address bar.
  await page.getByLabel("Status").selectOption("received");
  await page.getByLabel("Service").selectOption(FAMILY.id);
  await page.getByRole("button", { name: "Show requests" }).click();
  await expect(page.getByRole("status")).toHaveText(new RegExp(`^Showing \\d+ requests?: open, received, ${FAMILY.name.replace(/[()]/g, "\\$&")}\\.$`));
  await expect(rowOf(page, urgent)).toHaveCount(0);
  await expect(rowOf(page, older)).toBeVisible();
  for (const service of await page.locator("#inbox-rows .card__org").allTextContents()) expect(service).toBe(FAMILY.name);
  await expect(page.getByLabel("Service").locator("option:checked")).toHaveText(new RegExp(`^${FAMILY.name.replace(/[()]/g, "\\$&")} \\(\\d+\\)$`));
  expect(page.url()).toMatch(/\/staff\/inbox\/$/);
  await expectAccessible(page);

  // The closed view offers only the statuses a finished request can have.
  await page.getByLabel("Closed requests").check();
  await expect(page.getByLabel("Status").locator("option")).toHaveText(["Any status", "Declined, with somewhere else to go", "Closed", "Withdrawn by the person"]);
});

test("an inbox with nothing in it, and one that could not load", async ({ page, requests: _ }) => {
  // A worker of an organisation that has no requests yet: nothing another test does reaches it.
  const elsewhere: Grant[] = [{ role: "worker", organisationId: randomUUID() }];
  await signedInPage(page, elsewhere);
  let failed = 0;
  await page.route("**/api/staff/inbox?*", async (route) => {
    if (failed++ === 0) await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "database.unavailable", message: "OneDoor is not available just now. Please try again in a minute.", fields: [], requestId: "e2e" } }) });
    else await route.continue();
  });

  await page.goto("/staff/inbox/");
  await expectPage(page, "Inbox – OneDoor", "Inbox");
  await expect(page.getByRole("heading", { name: "We could not load the requests" })).toBeFocused();
  await expect(page.getByText("OneDoor is not available just now.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "No requests here" })).toBeVisible();
  await expect(page.getByRole("status")).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Showing 0 requests: open.");
  await expect(page.getByRole("heading", { name: "We could not load the requests" })).toBeHidden();
  await expectAccessible(page);
});

test("a manager opens the inbox from the staff area, and a request's page shows safe contact first", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, MANAGER);
  const phone = newPhone();
  const first = await askForSupport(request, baseURL!, { phone });
  const again = await askForSupport(request, baseURL!, { phone, urgent: true, message: "Please text, do not call.\nMy mum reads my emails." });

  await page.goto("/staff/home/");
  await page.getByRole("link", { name: "Inbox" }).click();
  await expectPage(page, "Inbox – OneDoor", "Inbox");
  await expect(rowOf(page, again).locator(".tag--duplicate")).toHaveText("Possible duplicate");
  await rowOf(page, again).getByRole("link").click();

  await expectPage(page, "Request – OneDoor", `Request ${formatReference(again)}`);
  const safe = page.getByRole("region", { name: "Safe contact: read this before you get in touch" });
  await expect(safe).toContainText("Text message");
  await expect(safe).toContainText("Monday, Wednesday");
  await expect(safe).toContainText("Afternoon");
  await expect(safe).toContainText("No: do not leave a voicemail");
  await expect(safe).toContainText("No: do not say who you are or where you are from");
  await expect(safe).toContainText("Lighthouse");
  const contact = page.getByRole("region", { name: "Contact details" });
  await expect(contact).toContainText(phone.replace(/\s/g, "").slice(-6));
  // The safe-contact instructions come before the contact details, on the page and for a screen reader.
  expect(await safe.evaluate((s, c) => !!(s.compareDocumentPosition(c!) & Node.DOCUMENT_POSITION_FOLLOWING), await contact.elementHandle())).toBe(true);
  await expect(page.locator("#route-message")).toContainText("My mum reads my emails.");
  await expect(page.getByRole("region", { name: "Their preferences" })).toContainText("A woman");
  await expect(page.getByText("They said they are not safe right now.")).toBeVisible();
  await expect(page.locator("#route-tags .tag--urgent")).toHaveText("Urgent");
  await expect(page.getByRole("region", { name: "Possible duplicates" })).toContainText(formatReference(first));
  await expect(page.locator("#route-history li")).toHaveText([/Request received\.$/]);
  await expectAccessible(page);
});

/** Opens a new request's page as the member of staff signed in in this page's context. */
async function openNewRequest(page: Page, request: APIRequestContext, baseURL: string, serviceId = YOUNG_PEOPLE.id) {
  const reference = await askForSupport(request, baseURL, { serviceId });
  await page.goto(routePath(reference, serviceId));
  await expectPage(page, "Request – OneDoor", `Request ${formatReference(reference)}`);
  return reference;
}

test("acknowledge a request", async ({ page, request, baseURL, requests: _ }) => {
  const staff = await signedInPage(page, WORKER);
  await openNewRequest(page, request, baseURL!);

  // Only the chosen action's form shows: opening one closes the others.
  const wait = await openAction(page, "wait");
  const acknowledge = await openAction(page, "acknowledge");
  await expect(wait.getByRole("button", { name: "Put on the waiting list" })).toBeHidden();
  await expect(acknowledge).toHaveAttribute("open", "");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Acknowledge this request" }).click();
  await expectDone(page, "Request acknowledged");
  await expect(page.locator("#route-tags")).toContainText("Acknowledged");
  await expect(page.locator("#route-history li").last()).toContainText(`Acknowledged by ${staff.account.name}.`);
  await expect(page.locator('details[data-action="acknowledge"]')).toBeHidden();
  await expectAccessible(page);
});

test("put a request on the waiting list", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, WORKER);
  await openNewRequest(page, request, baseURL!);

  const wait = await openAction(page, "wait");
  await expectAccessible(page);
  await page.getByLabel("Expected wait, in weeks").fill("200");
  await wait.getByRole("button", { name: "Put on the waiting list" }).click();
  await expectProblem(page, "Enter the expected wait as a whole number of weeks, from 0 to 104.");
  await expect(page.getByLabel("Expected wait, in weeks")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Expected wait, in weeks").fill("6");
  await page.getByLabel("Check in with them every, in weeks").fill("20");
  await wait.getByRole("button", { name: "Put on the waiting list" }).click();
  await expectProblem(page, "Enter how often to check in as a whole number of weeks, from 1 to 12.");
  await page.getByLabel("Check in with them every, in weeks").fill("3");
  await wait.getByRole("button", { name: "Put on the waiting list" }).click();
  await expectDone(page, "Added to the waiting list");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.locator("#route-facts")).toContainText("About 6 weeks");
  await expect(page.locator("#route-facts")).toContainText("Every 3 weeks");
  await expect(page.locator("#route-history li").last()).toContainText("expected wait about 6 weeks");
  await expectAccessible(page);
});

test("allocate a worker", async ({ page, request, baseURL, requests: _ }) => {
  const staff = await signedInPage(page, MANAGER);
  await openNewRequest(page, request, baseURL!);

  const allocate = await openAction(page, "allocate");
  await expectAccessible(page);
  await allocate.getByRole("button", { name: "Allocate" }).click();
  await expectProblem(page, "Choose the worker who will support them.");
  await expectAccessible(page);
  await page.getByLabel("Worker", { exact: true }).selectOption(staff.account.id);
  await allocate.getByRole("button", { name: "Allocate" }).click();
  await expectDone(page, "Worker allocated");
  await expect(page.locator("#route-tags")).toContainText("A worker has been allocated");
  await expect(page.locator("#route-facts")).toContainText(`Allocated to${staff.account.name}`);
  await expectAccessible(page);
});

test("record a contact attempt, with the keyboard only on the desktop", async ({ page, request, baseURL, requests: _ }, info) => {
  const staff = await signedInPage(page, WORKER);
  await openNewRequest(page, request, baseURL!);

  if (info.project.name === "desktop") {
    // Keyboard only: open the form, leave it empty, read the error, then answer and send.
    await tabTo(page, (el) => el.tag === "summary" && el.text === "Record a contact attempt");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Record the attempt" })).toBeVisible();
    await expectAccessible(page);
    await tabTo(page, (el) => el.tag === "button" && el.text === "Record the attempt");
    await page.keyboard.press("Enter");
    await expectProblem(page, "Choose how the contact attempt went.", "Choose how you tried to get in touch.");
    await expectAccessible(page);
    await page.keyboard.press("Tab"); // the summary's first link
    await page.keyboard.press("Enter");
    await expect(page.locator("#outcome-reached")).toBeFocused();
    await page.keyboard.press("ArrowDown"); // "No answer"
    await expect(page.locator("#outcome-no-answer")).toBeChecked();
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown"); // from "Phone call" to "Text message"
    await expect(page.locator("#channel-text")).toBeChecked();
    await page.keyboard.press("Tab");
    await page.keyboard.type("Texted at 4pm using the code word.");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
  } else {
    const contact = await openAction(page, "contact");
    await expectAccessible(page);
    await contact.getByRole("button", { name: "Record the attempt" }).click();
    await expectProblem(page, "Choose how the contact attempt went.", "Choose how you tried to get in touch.");
    await expectAccessible(page);
    await contact.getByLabel("No answer").check();
    await contact.getByLabel("Text message").check();
    await contact.getByLabel("Note (optional)").fill("Texted at 4pm using the code word.");
    await contact.getByRole("button", { name: "Record the attempt" }).click();
  }
  await expectDone(page, "Contact attempt recorded");
  await expect(page.locator("#route-history li").last()).toContainText(
    `Contact attempt by ${staff.account.name}, text message: no answer. Note: Texted at 4pm using the code word.`,
  );
  await expect(page.locator("#route-tags")).toContainText("Received");
  await expectAccessible(page);
});

test("decline needs the kind of reason, a reason and somewhere else to go", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, WORKER);
  await openNewRequest(page, request, baseURL!);

  const decline = await openAction(page, "decline");
  await expect(decline.getByLabel("A service in OneDoor").locator("option")).not.toHaveCount(1);
  await expect(decline.getByLabel("A service in OneDoor").locator(`option[value="${YOUNG_PEOPLE.id}"]`)).toHaveCount(0);
  await expectAccessible(page);
  await decline.getByRole("button", { name: "Decline" }).click();
  await expectProblem(page, "Choose what kind of reason it is.", "Say why your service cannot help.", "Say where they can go instead: choose a service or type one.");
  await expectAccessible(page);

  const kite = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Kite"))!;
  await decline.getByRole("group", { name: "What kind of reason is it?" }).getByLabel("Outside the area we cover").check();
  await decline.getByLabel("Why your service cannot help").fill("We only work with people in Bristol.");
  await decline.getByLabel("A service in OneDoor").selectOption(kite.id);
  await decline.getByRole("button", { name: "Decline" }).click();
  await expectDone(page, "Request declined");
  await expect(page.locator("#route-tags")).toContainText("Declined, with somewhere else to go");
  await expect(page.locator("#route-history li").last()).toContainText(`: outside the area we cover. Reason: We only work with people in Bristol. Signposted to: ${kite.name}.`);
  // A declined request is finished: no more actions.
  await expect(page.getByText("Nothing more can be done: this request has finished.")).toBeVisible();
  await expect(page.locator("details[data-action]:visible")).toHaveCount(0);
  await expectAccessible(page);
});

test("close with an outcome", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, MANAGER);
  const reference = await askForSupport(request, baseURL!, { serviceId: FAMILY.id });
  await act(page, baseURL!, reference, { action: "acknowledge" }, FAMILY.id);
  await page.goto(routePath(reference, FAMILY.id));
  await expectPage(page, "Request – OneDoor", `Request ${formatReference(reference)}`);

  const close = await openAction(page, "close");
  await expectAccessible(page);
  await close.getByRole("button", { name: "Close this request" }).click();
  await expectProblem(page, "Choose why you are closing it.");
  await expectAccessible(page);
  await close.getByLabel("Support finished").check();
  await close.getByLabel("Note (optional)").fill("Six sessions, and they are doing well.");
  await close.getByRole("button", { name: "Close this request" }).click();
  await expectDone(page, "Request closed");
  await expect(page.locator("#route-history li").last()).toContainText("support finished. Note: Six sessions, and they are doing well.");
  await expectAccessible(page);

  // It has moved to the closed view.
  await page.goto("/staff/inbox/");
  await page.getByLabel("Closed requests").check();
  await page.getByRole("button", { name: "Show requests" }).click();
  await expect(rowOf(page, reference)).toContainText("Closed");
});

test("when someone else acted first, the page says what the API says", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, WORKER);
  const reference = await openNewRequest(page, request, baseURL!);
  await openAction(page, "acknowledge");

  // A colleague acknowledges it while this page is open.
  await act(page, baseURL!, reference, { action: "acknowledge" });
  await page.getByRole("button", { name: "Acknowledge this request" }).click();
  await expectProblem(page, "already acknowledged");
  await expectAccessible(page);
});

test("a worker of another organisation cannot see the request", async ({ page, request, baseURL, requests: _ }) => {
  await signedInPage(page, [{ role: "worker", organisationId: MEADOW.id }]);
  const reference = await askForSupport(request, baseURL!);
  await page.goto(routePath(reference));
  await expectPage(page, "Not found – OneDoor", "We could not find that request");
  await expect(page.getByText("Lighthouse")).toHaveCount(0);
  await expectAccessible(page);
});
