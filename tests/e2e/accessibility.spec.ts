import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { areasLoaded, expectAccessible, expectPage, layoutShiftSoFar, test, expect } from "../support/fixtures";

/** Axe on every page and every state, on both the phone and the desktop projects. */

test("home", async ({ page, requests }) => {
  await page.goto("/");
  await expectPage(page, "Home – OneDoor", "Help is here. You are not alone.");
  await expect(page.getByRole("heading", { name: "Need help now?" })).toBeVisible();
  await expectAccessible(page);
  expect(requests.length).toBeGreaterThan(0);
});

test("staying safe online", async ({ page, requests: _ }) => {
  await page.goto("/staying-safe-online/");
  await expectPage(page, "Staying safe online – OneDoor", "Staying safe online");
  await expectAccessible(page);
});

test("find support: no filters yet", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await areasLoaded(page);
  await expectPage(page, "Find support – OneDoor", "Find support");
  await expectAccessible(page);
});

test("find support: every choice open", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await page.getByText("More choices").click();
  await expect(page.getByRole("group", { name: "How would you like to get help?" })).toBeVisible();
  await expectAccessible(page);
});

test("find support: results", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await areasLoaded(page);
  await page.getByLabel("Your area").selectOption({ label: "Bristol" });
  await page.getByRole("button", { name: "Show services" }).click();
  await expect(page.getByRole("heading", { name: /services found/ })).toBeFocused();
  await expectAccessible(page);
});

test("find support: no results", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await areasLoaded(page);
  await page.getByLabel("Your area").selectOption({ label: "Manchester" });
  await page.getByLabel("Help with the police or court").check();
  await page.getByLabel("I am a parent or carer").check();
  await page.getByRole("button", { name: "Show services" }).click();
  await expect(page.getByRole("heading", { name: "No services found" })).toBeFocused();
  await expectAccessible(page);
});

test("find support: errors shown", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await page.getByLabel("Or the first part of your postcode").fill("BS5 6XX");
  await page.getByLabel("How old are you?").fill("twelve");
  await page.getByRole("button", { name: "Show services" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Only type the first part of your postcode");
  await expect(summary).toContainText("Type an age in numbers");
  await expect(page).toHaveTitle("Error: Find support – OneDoor");
  await expect(page.getByLabel("How old are you?")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // The link in the summary takes the person to the field to fix.
  await summary.getByRole("link", { name: /Type an age/ }).click();
  await expect(page.getByLabel("How old are you?")).toBeFocused();
});

test("a service page", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await areasLoaded(page);
  await page.getByLabel("Your area").selectOption({ label: "Bristol" });
  await page.getByRole("button", { name: "Show services" }).click();
  await page.getByRole("link", { name: "Harbour Young People's Support (example)" }).click();
  await expectPage(page, "Service details – OneDoor", "Harbour Young People's Support (example)");
  await expect(page.getByRole("heading", { name: "How to get in touch" })).toBeVisible();
  await expectAccessible(page);
});

test("pages a script fills in do not jump while they fill: a service and check-in", async ({ page, requests: _ }) => {
  await page.goto(`/service/?id=${EXAMPLE_SERVICES.find((s) => s.name.startsWith("Harbour Young People"))!.id}`);
  await expect(page.getByRole("heading", { name: "How to get in touch" })).toBeVisible();
  expect(await layoutShiftSoFar(page)).toBeLessThanOrEqual(0.1);
  await page.goto("/check-in/");
  await expect(page.getByLabel("Your reference")).toBeVisible();
  expect(await layoutShiftSoFar(page)).toBeLessThanOrEqual(0.1);
});

test("a service that does not exist", async ({ page, requests: _ }) => {
  await page.goto("/service/?id=00000000-0000-4000-8000-000000000000");
  await expectPage(page, "Service not found – OneDoor", "We could not find that service");
  await expect(page.getByRole("link", { name: "Find support" }).first()).toBeVisible();
  // The page says the helplines are below: they come up into view, with no gap to scroll past.
  await expect(page.getByRole("heading", { name: "Need help now?" })).toBeInViewport();
  await expectAccessible(page);
});

test("a page that does not exist", async ({ page, requests: _ }) => {
  const response = await page.goto("/no-such-page/");
  expect(response?.status()).toBe(404);
  await expectPage(page, "Page not found – OneDoor", "We could not find that page");
  await expect(page.getByRole("heading", { name: "Need help now?" })).toBeVisible();
  await expectAccessible(page);
});

test("find support: the service list cannot be reached", async ({ page, requests: _ }) => {
  await page.route("**/api/services?**", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "database.unavailable", message: "OneDoor cannot reach its records right now. Please try again in a minute.", fields: [], requestId: "x" } }) }),
  );
  await page.goto("/find-support/");
  await page.getByRole("button", { name: "Show services" }).click();
  await expect(page.getByRole("heading", { name: "Sorry, something went wrong" })).toBeFocused();
  await expect(page.getByText("cannot reach its records right now")).toBeVisible();
  await expect(page.getByRole("button", { name: "Try again" })).toBeVisible();
  await expectAccessible(page);
  // When the directory is back, trying again shows the results.
  await page.unroute("**/api/services?**");
  await page.getByRole("button", { name: "Try again" }).click();
  // Anywhere: the services that help people anywhere, and a nudge to choose an area for local ones.
  await expect(page.getByRole("heading", { name: /services? found/ })).toBeFocused();
  await expect(page.getByText(/(This service helps|These services help) people anywhere in England\. To see services near you too, choose your area\./)).toBeVisible();
});
