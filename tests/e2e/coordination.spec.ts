import type { APIRequestContext, Page } from "@playwright/test";
import { formatReference } from "../../functions/domain/request-codes";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { aRequest, askThroughTheApi } from "../support/requests";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { BRISTOL, signedInPage } from "../support/staff-e2e";

/**
 * The navigator view (J7): the list of people in the navigator's area who said yes to
 * coordination, one person's services on one page, and each state, with axe on each. Other
 * tests add requests in Bristol at the same time, so assertions look for this test's own
 * references and never count the whole list.
 */

const YOUNG_PEOPLE = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Harbour Young People"))!;
const CLINIC = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Meadow Children's Health"))!;
const NAVIGATOR = [{ role: "navigator" as const, areaId: BRISTOL.id }];
/** An area no test makes requests in. */
const QUIET_AREA = "E06000022";

/** Asks two services for support through the API, saying yes to coordination, and returns the reference. */
async function askForSupport(request: APIRequestContext, baseURL: string, urgent = false): Promise<string> {
  const serviceIds = [YOUNG_PEOPLE.id, CLINIC.id];
  const body = aRequest({
    serviceIds,
    consentServiceIds: serviceIds,
    contact: { ...aRequest().contact, phone: "07700 900456", codeWord: "Lighthouse" },
    preferences: {},
    safeNow: urgent ? "no" : "yes",
    consentToCoordination: true,
  });
  return (await askThroughTheApi(request, baseURL, body)).reference;
}

const rowOf = (page: Page, reference: string) => page.locator(`#coordination-rows > li[data-reference="${reference}"]`);
const detailPath = (reference: string) => `/staff/coordination/request/?ref=${reference}`;

test("a navigator sees the people in their area and opens one to see every service's stage", async ({ page, request, baseURL, requests: _ }) => {
  const reference = await askForSupport(request, baseURL!, true);
  await signedInPage(page, NAVIGATOR);

  await page.goto("/staff/home/");
  await expect(page.locator("#sections a")).toHaveText(["Coordination"]);

  await page.goto("/staff/coordination/");
  await expectPage(page, "Coordination – OneDoor", "Coordination");
  const row = rowOf(page, reference);
  await expect(row).toBeVisible();
  const link = row.getByRole("link", { name: `Request ${formatReference(reference)}` });
  await expect(link).toHaveAttribute("href", detailPath(reference));
  await expect(row.locator(".tag--urgent")).toHaveText("Urgent");
  await expect(row).toContainText("2 services involved");
  await expect(row.locator("time")).toContainText(/^(just now|\d+ minutes? ago) \(\d{1,2} \w+ \d{4}\)$/);
  await expect(page.locator("#coordination-empty")).toBeHidden();
  await expectAccessible(page);

  await link.click();
  await expectPage(page, "Coordination – OneDoor", `Request ${formatReference(reference)}`);
  const services = page.locator("#coordination-services > li");
  await expect(services).toHaveCount(2);
  const young = services.filter({ has: page.getByRole("heading", { name: YOUNG_PEOPLE.name }) });
  await expect(young).toContainText("Received");
  await expect(young.locator(".tag--urgent")).toHaveText("Urgent");
  await expect(young).toContainText("Worker allocatedNo");
  await expect(young).toContainText("No contact recorded yet");
  await expect(services.filter({ has: page.getByRole("heading", { name: CLINIC.name }) })).toBeVisible();
  await expect(page.getByText("What they wrote and how to contact them stay with each service")).toBeVisible();
  // Nothing meant for one service reaches the navigator.
  await expect(page.locator("main")).not.toContainText(/07700|Lighthouse|after school/);
  await expectAccessible(page);
});

test("a navigator of another area, or a wrong link, gets not found", async ({ page, request, baseURL, requests: _ }) => {
  const reference = await askForSupport(request, baseURL!);
  await signedInPage(page, [{ role: "navigator", areaId: QUIET_AREA }]);
  await page.goto(detailPath(reference));
  await expectPage(page, "Not found – OneDoor", "We could not find that request");
  await expect(page.getByRole("link", { name: "Go to coordination" })).toBeVisible();
  await expect(page.locator("h1")).toBeFocused();
  await expectAccessible(page);

  await page.goto("/staff/coordination/request/?ref=not-a-reference");
  await expectPage(page, "Not found – OneDoor", "We could not find that request");
});

test("a navigator with nobody in their area sees an empty list", async ({ page, requests: _ }) => {
  await signedInPage(page, [{ role: "navigator", areaId: QUIET_AREA }]);
  await page.goto("/staff/coordination/");
  await expectPage(page, "Coordination – OneDoor", "Coordination");
  await expect(page.getByRole("heading", { name: "No requests here" })).toBeVisible();
  await expect(page.locator("#coordination-status")).toHaveText("Showing 0 people.");
  await expectAccessible(page);
});

test("when the list cannot load, Try again loads it", async ({ page, request, baseURL, requests: _ }) => {
  const reference = await askForSupport(request, baseURL!);
  await signedInPage(page, NAVIGATOR);
  let failed = false;
  await page.route("**/api/staff/coordination", (route) => {
    if (failed) return route.continue();
    failed = true;
    return route.abort();
  });
  await page.goto("/staff/coordination/");
  await expect(page.getByRole("heading", { name: "We could not load the requests" })).toBeFocused();
  await expect(page.locator("#coordination-problem-message")).toContainText("We could not reach OneDoor just now.");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(rowOf(page, reference)).toBeVisible();
  await expect(page.locator("#coordination-problem")).toBeHidden();
  await expect(page.locator("#coordination-status")).toBeFocused();
});

test("other roles are told the page is not for them", async ({ page, requests: _ }) => {
  await signedInPage(page, [{ role: "worker", organisationId: YOUNG_PEOPLE.organisationId }]);
  await page.goto("/staff/coordination/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
});
