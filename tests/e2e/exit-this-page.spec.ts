import { EXIT_URL } from "../../site/src/config";
import { expect, test } from "../support/fixtures";

/** Exit this page: by the button, by Shift pressed three times, and by the skip link. */

async function expectExited(page: import("@playwright/test").Page) {
  await page.waitForURL(`${EXIT_URL}**`);
  await expect(page.getByRole("heading", { name: "Weather" })).toBeVisible();
}

test("the button leaves, and Back does not return to OneDoor", async ({ page, baseURL, requests: _ }) => {
  await page.goto("/find-support/");
  await page.getByLabel("How old are you?").fill("13");
  await page.locator(".exit-this-page__button").click();
  await expectExited(page);
  // The OneDoor page was replaced, not left behind: Back cannot reach it.
  await page.goBack();
  expect(page.url()).not.toContain(baseURL!);
});

test("after several pages, Back never shows the page the person left", async ({ page, requests: _ }) => {
  await page.goto("/");
  await page.goto("/find-support/");
  await page.locator(".exit-this-page__button").click();
  await expectExited(page);
  await page.goBack();
  expect(page.url()).not.toContain("/find-support/");
});

test("the button stays on screen after scrolling", async ({ page, requests: _ }) => {
  await page.goto("/");
  await page.mouse.wheel(0, 2000);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(page.locator(".exit-this-page__button")).toBeInViewport();
});

test("Shift pressed three times leaves", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await expect(page.locator("html[data-exit-ready]")).toHaveCount(1);
  for (let i = 0; i < 3; i++) await page.keyboard.press("Shift");
  await expectExited(page);
});

test("it blanks the page at once, before the neutral site loads", async ({ page, requests: _ }) => {
  await page.goto("/");
  // Look at the page in the instant between the tap and the neutral site arriving: the page
  // reports what it shows through a binding, which outlives the navigation that follows.
  let seen: unknown;
  await page.exposeFunction("reportExitState", (state: unknown) => (seen = state));
  await page.evaluate(() =>
    window.addEventListener("onedoor:exit", () =>
      (window as unknown as { reportExitState: (s: unknown) => void }).reportExitState({
        blank: getComputedStyle(document.querySelector(".exit-this-page__blank")!).display,
        heading: getComputedStyle(document.querySelector("h1")!).visibility,
        title: document.title,
      }),
    ),
  );
  await page.locator(".exit-this-page__button").click();
  await expectExited(page);
  expect(seen).toEqual({ blank: "block", heading: "hidden", title: "Loading" });
});

test("the skip link is the first thing a keyboard reaches and it leaves", async ({ page, requests: _ }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator(".skip-link[data-exit-this-page]")).toBeFocused();
  await page.keyboard.press("Enter");
  await expectExited(page);
});
