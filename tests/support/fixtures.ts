import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { EXIT_URL } from "../../site/src/config";

/** The page the neutral site stands in for: the real one is on the internet, which tests never reach. */
export const NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>";

type Fixtures = { requests: string[] };

/**
 * Every test records each request its page makes and fails if any goes to another origin.
 * Navigations to the neutral exit site are answered locally and are the only exception.
 */
export const test = base.extend<Fixtures>({
  requests: async ({ page, baseURL }, use) => {
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.route(`${EXIT_URL}**`, (route) => route.fulfill({ contentType: "text/html", body: NEUTRAL_PAGE }));
    await use(requests);
    const origin = new URL(baseURL!).origin;
    const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith(EXIT_URL) && !url.startsWith("data:"));
    expect(foreign, "requests to another origin").toEqual([]);
  },
});
export { expect };

/** WCAG 2.2 A and AA, the standard OneDoor is held to. */
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/**
 * Waits until the page has stopped scrolling. Pages scroll smoothly (unless the person asks for
 * reduced motion), so focus moving to an error summary animates the page; axe run mid-animation
 * sees the sticky Exit this page button passing over whatever scrolls beneath it, a state no
 * person rests in.
 */
async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((settled) => {
        let last = window.scrollY;
        let stillFrames = 0;
        const watch = () => {
          if (window.scrollY !== last) [last, stillFrames] = [window.scrollY, 0];
          else if (++stillFrames >= 5) return settled();
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      }),
  );
}

/** Runs axe on the page once it is at rest and expects no violations, naming any it finds. */
export async function expectAccessible(page: Page): Promise<void> {
  await scrollSettled(page);
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary).toEqual([]);
}

/** Asserts the tab title and the one h1: what a person (and their history) sees. */
export async function expectPage(page: Page, title: string, h1: string | RegExp): Promise<void> {
  await expect(page).toHaveTitle(title);
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page.locator("h1")).toHaveText(h1);
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
export async function tabTo(page: Page, matches: (el: { tag: string; text: string; id: string }) => boolean, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return { tag: el?.tagName.toLowerCase() ?? "", text: (el?.textContent ?? "").trim(), id: el?.id ?? "" };
    });
    if (matches(focused)) return focused;
  }
  throw new Error(`Tabbed ${limit} times without reaching the element`);
}

/** Waits until the search form has loaded its list of areas. */
export async function areasLoaded(page: Page): Promise<void> {
  await expect(page.locator("#area option")).not.toHaveCount(1);
}

/**
 * How far the page's layout has jumped since it loaded (cumulative layout shift, as browsers
 * measure it; 0.1 or less is what counts as good). Content that jumps while someone reads it
 * loses their place, and their finger may land on the wrong thing.
 */
export async function layoutShiftSoFar(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) total += entry.value;
        });
        observer.observe({ type: "layout-shift", buffered: true });
        // Buffered entries arrive in the next task; there may be none at all.
        setTimeout(() => {
          observer.disconnect();
          resolve(total);
        }, 100);
      }),
  );
}
