import type { Download, Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { formatReference, newReference } from "../../functions/domain/request-codes";
import { aRequest, askThroughTheApi, HARBOUR_YOUNG_PEOPLE, MEADOW_CLINIC } from "../support/requests";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { ADMIN, MANAGER, signedInPage } from "../support/staff-e2e";

/**
 * The subject access export page (admins): a request made through the API, exported and
 * downloaded; each mistake in the box; and a role that may not use the page. Axe on each state.
 */

const TITLE = "Subject access export – OneDoor";
const HEADING = "Subject access export";
const MESSAGE = "Please do not phone before four o'clock.";

const box = (page: Page) => page.getByLabel("Reference");
const makeIt = (page: Page) => page.getByRole("button", { name: "Make the export" });
const panel = (page: Page) => page.locator("#export-done");
const downloadLink = (page: Page) => page.getByRole("link", { name: /^Download the export \(JSON, \d+ KB\)$/ });

async function openPage(page: Page) {
  await page.goto("/staff/subject-access/");
  await expectPage(page, TITLE, HEADING);
  await expect(box(page)).toBeVisible();
}

/** The downloaded file, parsed. */
async function exported(download: Download) {
  return JSON.parse(await readFile((await download.path())!, "utf8"));
}

async function expectProblem(page: Page, message: string) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(message);
  await expect(box(page)).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveTitle(`Error: ${TITLE}`);
}

test("an admin makes the export for a request, sees what it holds and downloads it", async ({ page, request, baseURL, requests: _ }) => {
  const asked = aRequest({ message: MESSAGE });
  const { reference } = await askThroughTheApi(request, baseURL!, asked);
  await signedInPage(page, ADMIN);
  await page.goto("/staff/home/");
  await page.getByRole("link", { name: "Subject access export" }).click();
  await expectPage(page, TITLE, HEADING);
  await expectAccessible(page);

  // Typed as someone might read it out: lower case, with a space.
  await box(page).fill(formatReference(reference).toLowerCase());
  await makeIt(page).click();
  await expect(panel(page)).toBeFocused();
  await expect(panel(page).getByRole("heading", { name: `Export made for ${formatReference(reference)}` })).toBeVisible();
  await expect(panel(page)).toContainText("Sent to 2 services: ");
  await expect(panel(page)).toContainText(HARBOUR_YOUNG_PEOPLE.name);
  await expect(panel(page)).toContainText(MEADOW_CLINIC.name);
  await expect(panel(page)).toContainText("0 history entries");
  await expect(panel(page)).toContainText("1 audit log entry"); // this export
  await expect(panel(page)).toContainText("This export holds personal data. Send it to the person securely");
  await expect(panel(page)).not.toContainText(MESSAGE);
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink(page).click()]);
  expect(download.suggestedFilename()).toBe(`onedoor-${reference}.json`);
  const file = await exported(download);
  expect(file.reference).toBe(reference);
  expect(file.request.answers).toMatchObject({ message: MESSAGE, contact: { phone: asked.contact.phone!.replace(/\s/g, ""), codeWord: asked.contact.codeWord } });

  // The reference never reached the address bar or browser storage, and leaving drops the export.
  expect(page.url()).toBe(`${baseURL}/staff/subject-access/`);
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
  // Playwright's Chromium has no back/forward cache, so the event leaving fires is fired here:
  // a page kept in that cache must come back empty.
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true })));
  await expect(box(page)).toHaveValue("");
  await expect(panel(page)).toBeHidden();
});

test("an empty box, a mistyped reference and one no request has are each said plainly", async ({ page, requests: _ }) => {
  await signedInPage(page, ADMIN);
  await openPage(page);

  await makeIt(page).click();
  await expectProblem(page, "Enter the reference of the request.");
  await expectAccessible(page);
  await page.getByRole("alert").getByRole("link").click();
  await expect(box(page)).toBeFocused();

  await box(page).fill("K7QM 3XP");
  await makeIt(page).click();
  await expectProblem(page, "A reference has 8 letters and numbers, like K7QM 3XPA.");
  await box(page).fill("K7QM 3XP0");
  await makeIt(page).click();
  await expectProblem(page, "never O, 0, I, 1 or L");

  await box(page).fill(newReference());
  await makeIt(page).click();
  await expectProblem(page, "No request has this reference. Check it and try again.");
  await expect(panel(page)).toBeHidden();
  await expectAccessible(page);
});

test("a manager is not offered the export, and is told they cannot make one", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  await page.goto("/staff/home/");
  await expect(page.locator("#sections a")).not.toHaveCount(0);
  await expect(page.getByRole("link", { name: "Subject access export" })).toHaveCount(0);

  await page.goto("/staff/subject-access/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
  await expect(page.getByRole("link", { name: "Go to the staff area home page" })).toBeVisible();
  await expect(box(page)).toBeHidden();
  await expectAccessible(page);
});

test("making and downloading the export with the keyboard only", async ({ page, request, baseURL, requests: _ }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "a phone has no keyboard to tab with");
  const { reference } = await askThroughTheApi(request, baseURL!);
  await signedInPage(page, ADMIN);
  await openPage(page);

  await tabTo(page, (el) => el.id === "reference");
  await page.keyboard.type(reference);
  await page.keyboard.press("Enter");
  await expect(panel(page)).toBeFocused();
  await tabTo(page, (el) => el.tag === "a" && el.text.startsWith("Download the export"));
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect((await exported(download)).reference).toBe(reference);

  // A second export replaces the first: the old file's address no longer works.
  const old = (await downloadLink(page).getAttribute("href"))!;
  await tabTo(page, (el) => el.tag === "button" && el.text === "Make the export");
  await page.keyboard.press("Enter");
  await expect(panel(page)).toBeFocused();
  // (The page's CSP lets nothing fetch a blob: URL, so the old address is tried as a download.)
  const [stale] = await Promise.all([
    page.waitForEvent("download"),
    page.evaluate((href) => Object.assign(document.createElement("a"), { href, download: "old.json" }).click(), old),
  ]);
  expect(await stale.failure()).not.toBeNull();
  expect(await downloadLink(page).getAttribute("href")).not.toBe(old);
});
