import { areasLoaded, expect, expectPage, tabTo, test } from "../support/fixtures";

test("the whole journey on a phone: home, search by postcode, a service, its contact details", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the phone journey");
  await page.goto("/");
  await expectPage(page, "Home – OneDoor", "Help is here. You are not alone.");
  await page.getByRole("link", { name: "Find support" }).first().click();

  await expectPage(page, "Find support – OneDoor", "Find support");
  await areasLoaded(page);
  await page.getByLabel("Or the first part of your postcode").fill("bs5");
  await page.getByLabel("I am a young person (under 18)").check();
  await page.getByLabel("How old are you?").fill("13");
  await page.getByLabel("Someone to talk to").check();
  await page.getByRole("button", { name: "Show services" }).click();

  const heading = page.getByRole("heading", { name: /services? found/ });
  await expect(heading).toBeFocused();
  const cards = page.locator("#results-list > li");
  await expect(cards.first()).toContainText("Expected wait");
  await expect(cards.first()).toContainText("Who it is for");
  await expect(cards.first()).toContainText("What happens when you get in touch");
  await expect(cards.first()).toContainText("Can I ask for help myself?");
  // Only services for young people aged 13 who offer someone to talk to: never the adult services.
  await expect(page.locator("#results-list")).not.toContainText("Adult Advocates");
  // The search stays out of the address bar, and so out of history.
  expect(page.url()).toMatch(/\/find-support\/$/);
  await expect(page.getByRole("heading", { name: "Need help now?" })).toBeVisible();

  await page.getByRole("link", { name: "Harbour Young People's Support (example)" }).click();
  await expectPage(page, "Service details – OneDoor", "Harbour Young People's Support (example)");
  await expect(page.getByRole("link", { name: "Call 0117 496 0100" })).toHaveAttribute("href", "tel:01174960100");
  await expect(page.getByText("About 6 weeks.")).toBeVisible();

  // Nothing about the search is left on the device: no cookies, nothing in storage.
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
});

test("keyboard only: from home to a service's contact details", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  await page.goto("/");
  await tabTo(page, (el) => el.tag === "a" && el.text === "Find support");
  await page.keyboard.press("Enter");
  await expectPage(page, "Find support – OneDoor", "Find support");
  await areasLoaded(page);

  await tabTo(page, (el) => el.id === "area");
  await page.keyboard.press("ArrowDown"); // first area in the list
  await tabTo(page, (el) => el.id === "who-young-person");
  await page.keyboard.press("Space");
  await tabTo(page, (el) => el.tag === "button" && el.text === "Show services");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: /services? found/ })).toBeFocused();

  const first = await tabTo(page, (el) => el.tag === "a" && el.text.includes("(example)"));
  await page.keyboard.press("Enter");
  await expectPage(page, "Service details – OneDoor", first.text);
  const contact = await tabTo(page, (el) => el.tag === "a" && /^(Call|Text|Email)/.test(el.text));
  expect(contact.text).toMatch(/^(Call|Text|Email) /);
});

test("filters narrow the results and paused services say so", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  await areasLoaded(page);
  await page.getByLabel("Your area").selectOption({ label: "Manchester" });
  await page.getByRole("button", { name: "Show services" }).click();
  await expect(page.getByRole("heading", { name: /services? found/ })).toBeFocused();
  await expect(page.locator("#results-list")).toContainText("Not taking new requests right now");
  await expect(page.locator("#results-list")).toContainText("Kite Online Counselling (example)");

  await page.getByText("More choices").click();
  await page.getByLabel("Good for boys and young men").check();
  await page.getByRole("button", { name: "Show services" }).click();
  await expect(page.getByRole("heading", { name: "No services found" })).toBeFocused();
});
