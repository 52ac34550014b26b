import type { Page } from "@playwright/test";
import type { SupportRequest } from "../../functions/domain/support-request";
import { EXIT_URL } from "../../site/src/config";
import { askForSupport, expectNothingKept, expectSummary, openCheckIn, signIn, TITLE, YOUNG_PEOPLE } from "../support/check-in";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { signedInPage, WORKER } from "../support/staff-e2e";

/**
 * Check in (J3): a signed-in person sees how their services will get in touch and changes it,
 * with the same questions /ask/ asked (components/contact/*). The request is made through the API.
 */

const TEXT_ME: Partial<SupportRequest["contact"]> = { method: "text", phone: "07700 900123", safeDays: ["MO"], safeTimes: ["afternoon"], codeWord: "bluebird" };

const section = (page: Page) => page.locator("#safe-contact-section");
const summary = (page: Page) => page.locator("#safe-contact-summary");
const form = (page: Page) => page.locator("#safe-contact-form");
const changeButton = (page: Page) => section(page).getByRole("button", { name: "Change these details" });

async function openForm(page: Page) {
  await changeButton(page).click();
  await expect(form(page).getByRole("heading", { level: 3, name: "Change how your services get in touch" })).toBeFocused();
}

/** The answer to one row of the summary ("How to get in touch", "Safe days"…). */
const row = (page: Page, label: string) => summary(page).locator(".summary-list__row", { has: page.locator("dt", { hasText: label }) }).locator("dd");

test("see how we get in touch; the form asks what /ask/ asked, filled in, and finds what is missing", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id], TEXT_ME);
  await openCheckIn(page);
  await signIn(page, codes);

  // Closed: the summary says how and when, in words.
  await expect(section(page).getByRole("heading", { level: 2, name: "How your services get in touch with you" })).toBeVisible();
  await expect(row(page, "How to get in touch")).toHaveText("Text message\n07700900123");
  await expect(row(page, "Safe days")).toHaveText("Monday");
  await expect(row(page, "Safe times")).toHaveText("Afternoon");
  // The code word proves a caller is really from the service: not shown to someone looking over a shoulder.
  await expect(row(page, "Code word")).toHaveText('You have one. We hide it here so nobody near you can see it. To see it, choose "Change these details".');
  await expect(section(page)).not.toContainText("bluebird");
  await expect(form(page)).toBeHidden();
  await expectAccessible(page);

  // Open: the form asks what /ask/ asked, filled in with what they said, and only the box the way needs.
  await openForm(page);
  await expect(form(page).getByLabel("Text message")).toBeChecked();
  await expect(form(page).getByLabel("Phone number", { exact: true })).toHaveValue("07700900123");
  await expect(form(page).getByLabel("Email address")).toBeHidden();
  await expect(form(page).getByLabel("Monday")).toBeChecked();
  await expect(form(page).getByLabel("A code word (you can leave this empty)")).toHaveValue("bluebird");
  await expect(form(page).getByLabel("Which language would you like to use?")).toHaveValue("");
  const duplicateIds = await page.evaluate(() => {
    const ids = Array.from(document.querySelectorAll("[id]"), (node) => node.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicateIds).toEqual([]);
  await expectAccessible(page);

  // Email with no address: found on the page, on the email box.
  await form(page).getByLabel("Email", { exact: true }).check();
  await expect(form(page).getByLabel("Email address")).toBeVisible();
  await expect(form(page).getByLabel("Phone number", { exact: true })).toBeHidden();
  await form(page).getByRole("button", { name: "Save" }).click();
  await expectSummary(page, "Enter the email address they should use.");
  await expect(form(page).getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("alert").getByRole("link", { name: "Enter the email address they should use." }).click();
  await expect(form(page).getByLabel("Email address")).toBeFocused();
  await expectAccessible(page);

  // The session ended on the server: saving goes back to signing in, and the details leave the page.
  await page.request.post("/api/check-in/sign-out", { headers: { origin: new URL(baseURL!).origin } });
  await form(page).getByLabel("Email address").fill("new.me@example.org");
  await form(page).getByRole("button", { name: "Save" }).click();
  await expect(page.locator("#checkin-notice")).toBeFocused();
  await expect(page.locator("#checkin-notice")).toContainText("You have been signed out");
  await expect(page.locator("body")).not.toContainText("07700900123");
  await expect(page.locator("body")).not.toContainText("bluebird");
});

test("change text to email: saved, still there after loading again, and the worker sees it", async ({ page, browser, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id], TEXT_ME);
  await openCheckIn(page);
  await signIn(page, codes);
  await openForm(page);
  await form(page).getByLabel("Email", { exact: true }).check();

  // An address the page lets through but the API refuses: the API's words, on the same box.
  await form(page).getByLabel("Email address").fill("new.me@school.x");
  const refused = page.waitForResponse((r) => r.url().endsWith("/api/check-in/contact") && r.request().method() === "PUT");
  await form(page).getByRole("button", { name: "Save" }).click();
  expect((await refused).status()).toBe(400);
  await expectSummary(page, "Enter an email address, like name@example.org.");
  await expect(form(page).getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");

  await form(page).getByLabel("Email address").fill("new.me@example.org");
  await form(page).getByLabel("Monday").uncheck();
  await form(page).getByLabel("Tuesday").check();
  await form(page).getByLabel("A man", { exact: true }).check();
  await form(page).getByRole("button", { name: "Save" }).click();

  // Saved: a calm confirmation takes focus, the form closes, the summary has the new details.
  await expect(page.locator("#safe-contact-done")).toBeFocused();
  await expect(page.locator("#safe-contact-done")).toContainText("Thank you. We have changed how your services get in touch with you.");
  await expect(page.locator("#safe-contact-done")).toContainText("Your services can see the new details.");
  await expect(form(page)).toBeHidden();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveTitle(TITLE);
  await expect(row(page, "How to get in touch")).toHaveText("Email\nnew.me@example.org");
  await expect(row(page, "Safe days")).toHaveText("Tuesday");
  await expect(row(page, "Would rather talk to")).toHaveText("A man");
  await expect(summary(page)).not.toContainText("07700900123");
  await expectNothingKept(page);
  await expectAccessible(page);

  // Loading the page again reads them from the server.
  await page.reload();
  await expectPage(page, TITLE, "Your request");
  await expect(row(page, "How to get in touch")).toHaveText("Email\nnew.me@example.org");
  await expect(row(page, "Safe days")).toHaveText("Tuesday");

  // The service's worker sees the new way to get in touch, and that it changed.
  const staff = await browser.newContext({ baseURL });
  try {
    const staffPage = await staff.newPage();
    await signedInPage(staffPage, WORKER);
    await staffPage.goto(`/staff/request/?ref=${codes.reference}&service=${YOUNG_PEOPLE.id}`);
    await expect(staffPage.locator("main")).toContainText("new.me@example.org");
    await expect(staffPage.locator("main")).toContainText("They changed how and when to contact them.");
    await expect(staffPage.locator("main")).not.toContainText("07700900123");
  } finally {
    await staff.close();
  }
});

test("a phone number that will not work, Cancel, and Exit wipes the details from the page", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  await expect(row(page, "How to get in touch")).toHaveText("I will check in here myself");
  // Nobody contacts someone who checks in themselves, so when and how privately are not asked.
  await expect(row(page, "Safe days")).toHaveCount(0);

  await openForm(page);
  await expect(form(page).getByLabel("I will check in here myself")).toBeChecked();
  await expect(form(page).getByRole("group", { name: "Which days are safe?" })).toBeHidden();
  await form(page).getByLabel("Text message").check();
  await expect(form(page).getByRole("group", { name: "Which days are safe?" })).toBeVisible();
  await form(page).getByLabel("Phone number", { exact: true }).fill("12345");
  await form(page).getByRole("button", { name: "Save" }).click();
  // The page checks it the way the API does, in the API's words, before anything is sent.
  await expectSummary(page, "Enter a UK phone number, like 07700 900123.");
  await expect(form(page).getByLabel("Phone number", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form(page).locator('[data-field="contact.phone"] .error-message')).toContainText("Enter a UK phone number, like 07700 900123.");

  // Cancel: nothing changes, what was typed goes, and focus is back on the button.
  await form(page).getByRole("button", { name: "Cancel" }).click();
  await expect(changeButton(page)).toBeFocused();
  await expect(form(page)).toBeHidden();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveTitle(TITLE);
  await expect(form(page).getByLabel("Phone number", { exact: true })).toHaveValue("");
  await expect(row(page, "How to get in touch")).toHaveText("I will check in here myself");
  expect(await page.request.get("/api/check-in/contact").then((r) => r.json())).toMatchObject({ contact: { method: "check-in-only" } });

  // Exit this page: in the instant after it, neither the summary nor the form holds anything.
  await openForm(page);
  await form(page).getByLabel("Text message").check();
  await form(page).getByLabel("Phone number", { exact: true }).fill("07700 900999");
  let seen: unknown;
  await page.exposeFunction("reportContactState", (state: unknown) => (seen = state));
  await page.evaluate(() =>
    window.addEventListener("onedoor:exit", () =>
      (window as unknown as { reportContactState: (s: unknown) => void }).reportContactState({
        summary: document.querySelector("#safe-contact-summary")?.textContent ?? "",
        phone: document.querySelector<HTMLInputElement>("#contact-phone")?.value ?? "",
        method: document.querySelector<HTMLInputElement>('input[name="contact.method"]:checked')?.value ?? "",
      }),
    ),
  );
  await page.locator(".exit-this-page__button").click();
  await page.waitForURL(`${EXIT_URL}**`);
  expect(seen).toEqual({ summary: "", phone: "", method: "" });
});

test("changing how we get in touch with the keyboard only", async ({ page, request, baseURL, requests: _ }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "a phone has no keyboard to tab with");
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  await expect(row(page, "How to get in touch")).toHaveText("I will check in here myself");

  // Cancel puts focus back where it was.
  await tabTo(page, (el) => el.id === "safe-contact-start");
  await page.keyboard.press("Enter");
  await expect(page.locator("#safe-contact-form-heading")).toBeFocused();
  await tabTo(page, (el) => el.id === "safe-contact-cancel");
  await page.keyboard.press("Enter");
  await expect(page.locator("#safe-contact-start")).toBeFocused();

  // The arrow keys move through the ways of getting in touch; Tab reaches the box the way needs.
  await page.keyboard.press("Enter");
  await expect(page.locator("#safe-contact-form-heading")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("I will check in here myself")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByLabel("Email", { exact: true })).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type("keys@example.org");
  await tabTo(page, (el) => el.tag === "button" && el.text === "Save these details");
  await page.keyboard.press("Enter");
  await expect(page.locator("#safe-contact-done")).toBeFocused();
  await expect(row(page, "How to get in touch")).toHaveText("Email\nkeys@example.org");
});
