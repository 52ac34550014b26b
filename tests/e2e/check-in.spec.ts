import type { Page } from "@playwright/test";
import { formatCheckInCode, formatReference } from "../../functions/domain/request-codes";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { EXIT_URL } from "../../site/src/config";
import { askForSupport, expectNothingKept, expectSignedIn, expectSummary, FAMILY, openCheckIn, signIn, TITLE, YOUNG_PEOPLE } from "../support/check-in";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { signedInPage, WORKER } from "../support/staff-e2e";

/**
 * Check in (J3, first part): a person signs in with their reference and check-in code and sees
 * how each service is getting on. Requests are made through the API; a worker acts on them
 * through the API in a browser context of their own.
 */

const KITE = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Kite"))!;

const FAILED = "That reference and check-in code do not work together. Check them and try again.";

/** A worker of Harbour (signed in in this page's context) acts on a route through the API. */
async function workerActs(page: Page, baseURL: string, reference: string, serviceId: string, body: Record<string, unknown>) {
  const response = await page.request.post(`${baseURL}/api/staff/inbox/${reference}/${serviceId}/actions`, {
    data: body,
    headers: { origin: new URL(baseURL).origin },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const card = (page: Page, serviceId: string) => page.locator(`#checkin-services > li[data-service-id="${serviceId}"]`);

test("the home page has a way in", async ({ page, requests: _ }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Check in" }).click();
  await expectPage(page, TITLE, "Check in");
});

test("sign in and see each service's stage; a worker's change shows when the page is loaded again", async ({ page, browser, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id, FAMILY.id]);
  await openCheckIn(page);
  await expectAccessible(page);

  await signIn(page, codes);
  await expect(page.locator("#checkin-services > li")).toHaveCount(2);
  for (const service of [YOUNG_PEOPLE, FAMILY]) {
    const one = card(page, service.id);
    await expect(one.getByRole("heading", { level: 3 })).toHaveText(service.name);
    await expect(one.locator(".checkin-stage")).toContainText("We have sent them your request.");
    await expect(one.locator("time")).toHaveText(/^(just now|\d+ minutes? ago) \(\d{1,2} \w+ \d{4}\)$/);
    await expect(one).not.toContainText("How long you might wait");
  }
  await expectNothingKept(page);
  await expectAccessible(page);

  // A worker puts one on the waiting list and declines the other, pointing somewhere else.
  const staff = await browser.newContext({ baseURL });
  try {
    const staffPage = await staff.newPage();
    await signedInPage(staffPage, WORKER);
    await workerActs(staffPage, baseURL!, codes.reference, YOUNG_PEOPLE.id, { action: "wait", expectedWaitWeeks: 6 });
    await workerActs(staffPage, baseURL!, codes.reference, FAMILY.id, {
      action: "decline",
      reason: "We only help families with younger children.",
      signpostServiceId: KITE.id,
      signpostText: "They can talk online, any evening.",
    });
  } finally {
    await staff.close();
  }

  // Loading the page again finds the live session and shows the view straight away.
  await page.reload();
  await expectPage(page, TITLE, "Your request");
  const waiting = card(page, YOUNG_PEOPLE.id);
  await expect(waiting.locator(".checkin-stage")).toContainText(/about 6 weeks/i);
  await expect(waiting.locator("dd").first()).toHaveText("About 6 weeks");
  const declined = card(page, FAMILY.id);
  await expect(declined.locator(".checkin-stage")).toContainText("They cannot help this time.");
  await expect(declined.getByText("Where you can go instead", { exact: true })).toBeVisible();
  await expect(declined.getByRole("link", { name: KITE.name })).toHaveAttribute("href", `/service/?id=${KITE.id}`);
  await expect(declined).toContainText("They can talk online, any evening.");
  // Staff words (the reason for declining) are for staff, not shown to the person here.
  await expect(declined).not.toContainText("younger children");
  await expectNothingKept(page);
  await expectAccessible(page);
});

test("empty boxes each get an error, and a wrong code never says which box was wrong", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);

  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, "Enter your reference.", "Enter your check-in code.");
  await expect(page.getByLabel("Your reference")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your check-in code")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("alert").getByRole("link", { name: "Enter your check-in code." }).click();
  await expect(page.getByLabel("Your check-in code")).toBeFocused();
  await expectAccessible(page);

  // A code of the wrong shape is found on the page, on its own box.
  await page.getByLabel("Your reference").fill(codes.reference);
  await page.getByLabel("Your check-in code").fill("1234");
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, "Your check-in code has 12 numbers, like 1234 5678 9012.");
  await expect(page.getByLabel("Your reference")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your check-in code")).toHaveAttribute("aria-invalid", "true");

  // A well-formed but wrong code: the API's one message, on no box, and what was typed stays.
  const wrong = codes.checkInCode.startsWith("9") ? `1${codes.checkInCode.slice(1)}` : `9${codes.checkInCode.slice(1)}`;
  await page.getByLabel("Your check-in code").fill(wrong);
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, FAILED);
  await expect(page.locator(".field--error")).toHaveCount(0);
  await expect(page.locator("[aria-invalid]")).toHaveCount(0);
  await expect(page.getByLabel("Your reference")).toHaveValue(codes.reference);
  await expect(page.getByLabel("Your check-in code")).toHaveValue(wrong);
  await page.getByRole("alert").getByRole("link", { name: FAILED }).click();
  await expect(page.getByLabel("Your reference")).toBeFocused();
  await expectAccessible(page);

  // Putting it right signs in, and the errors go.
  await page.getByLabel("Your check-in code").fill(codes.checkInCode);
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSignedIn(page, codes);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("the API's field errors show on their boxes", async ({ page, requests: _ }) => {
  await page.route("**/api/check-in/sign-in", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "request.invalid", message: "Some of what was sent needs fixing.", fields: [{ field: "reference", message: "Your reference has 8 letters and numbers, like K7QM 3XPA." }], requestId: "x" },
      }),
    }),
  );
  await openCheckIn(page);
  await page.getByLabel("Your reference").fill("K7QM 3XPA");
  await page.getByLabel("Your check-in code").fill("1234 5678 9012");
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, "Your reference has 8 letters and numbers, like K7QM 3XPA.");
  await expect(page.getByLabel("Your reference")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Your check-in code")).toHaveValue("1234 5678 9012");
});

test("too many tries: the API's message, and the helplines are there", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  const locked = "There have been too many tries. To keep your request safe, wait 60 minutes, then try again.";
  await page.route(
    "**/api/check-in/sign-in",
    (route) =>
      route.fulfill({
        status: 429,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "check_in.locked", message: locked, fields: [], requestId: "x" } }),
      }),
    { times: 1 },
  );
  await openCheckIn(page);
  await page.getByLabel("Your reference").fill(codes.reference);
  await page.getByLabel("Your check-in code").fill(codes.checkInCode);
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, locked, "you can call or text one of the free helplines below");
  await expect(page.locator("[aria-invalid]")).toHaveCount(0);
  await expect(page.locator(".crisis-lines")).toContainText("Childline");
  await expectAccessible(page);

  // Once the wait is over, the same codes work.
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSignedIn(page, codes);
});

test("Sign out ends the session and returns to an empty form", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("#checkin-notice")).toBeFocused();
  await expect(page.locator("#checkin-notice")).toHaveText("You have signed out.");
  await expectPage(page, TITLE, "Check in");
  await expect(page.getByLabel("Your reference")).toHaveValue("");
  await expect(page.getByLabel("Your check-in code")).toHaveValue("");
  await expect(page.locator("main")).not.toContainText(formatReference(codes.reference));
  await expect(page.locator("main")).not.toContainText(YOUNG_PEOPLE.name);
  await expectAccessible(page);

  expect((await page.request.get("/api/check-in")).status()).toBe(401);
  await page.reload();
  await expectPage(page, TITLE, "Check in");
  await expect(page.getByLabel("Your reference")).toBeVisible();
});

test("Exit this page wipes the page and ends the session on the server", async ({ page, context, request, baseURL, requests }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  const token = (await context.cookies()).find((c) => c.name === "onedoor_checkin")?.value;
  expect(token).toBeTruthy();

  // What the page still shows in the instant after Exit, seen by a listener that runs after the page's own.
  let seen: unknown;
  await page.exposeFunction("reportCheckInState", (state: unknown) => (seen = state));
  await page.evaluate(() =>
    window.addEventListener("onedoor:exit", () =>
      (window as unknown as { reportCheckInState: (s: unknown) => void }).reportCheckInState({
        reference: document.querySelector("#checkin-reference")?.textContent ?? "",
        services: document.querySelectorAll("#checkin-services > li").length,
      }),
    ),
  );
  await page.locator(".exit-this-page__button").click();
  await page.waitForURL(`${EXIT_URL}**`);
  expect(seen).toEqual({ reference: "", services: 0 });
  expect(requests.some((url) => url.endsWith("/api/check-in/sign-out"))).toBe(true);

  // The session is over on the server: the old cookie opens nothing, even sent by hand.
  await expect.poll(async () => (await page.request.get("/api/check-in")).status()).toBe(401);
  const replayed = await request.get(`${baseURL}/api/check-in`, { headers: { cookie: `onedoor_checkin=${token}` } });
  expect(replayed.status()).toBe(401);

  const again = await context.newPage();
  await again.goto("/check-in/");
  await expectPage(again, TITLE, "Check in");
  await expect(again.getByLabel("Your reference")).toHaveValue("");
});

test("signing in and out with the keyboard only", async ({ page, request, baseURL, requests: _ }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "a phone has no keyboard to tab with");
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);

  await tabTo(page, (el) => el.id === "reference");
  await page.keyboard.type(formatReference(codes.reference));
  await page.keyboard.press("Tab");
  await page.keyboard.type(formatCheckInCode(codes.checkInCode));
  await tabTo(page, (el) => el.tag === "button" && el.text === "Check in");
  await page.keyboard.press("Enter");
  await expectSignedIn(page, codes);

  await tabTo(page, (el) => el.tag === "button" && el.text === "Sign out");
  await page.keyboard.press("Enter");
  await expect(page.locator("#checkin-notice")).toBeFocused();
  await expect(page.locator("#checkin-notice")).toHaveText("You have signed out.");
});

/* What a signed-in person can do (J3): how are you doing, contact me sooner, stop asking one service, delete. */

const feeling = (page: Page) => page.locator("#feeling-section");
const sooner = (page: Page) => page.locator("#sooner-section");

/** A worker of Harbour opens their inbox in a browser context of their own and finds this request at the top, marked Urgent. */
async function workerSeesUrgentAtTop(browser: import("@playwright/test").Browser, baseURL: string, reference: string) {
  const staff = await browser.newContext({ baseURL });
  try {
    const staffPage = await staff.newPage();
    await signedInPage(staffPage, WORKER);
    await staffPage.goto("/staff/inbox/");
    await expect(staffPage.locator("#inbox-status")).not.toBeEmpty();
    const row = staffPage.locator(`#inbox-rows > li[data-reference="${reference}"]`);
    await expect(row.locator(".tag--urgent")).toHaveText("Urgent");
    // Urgent requests come first (oldest first among them): every row above this one is urgent too.
    const above = await staffPage.locator("#inbox-rows > li").evaluateAll(
      (rows, ref) => rows.slice(0, rows.findIndex((r) => r.getAttribute("data-reference") === ref)).map((r) => !!r.querySelector(".tag--urgent")),
      reference,
    );
    expect(above.every(Boolean)).toBe(true);
  } finally {
    await staff.close();
  }
}

test("how are you doing: okay, then really bad, which a worker sees first, marked Urgent", async ({ page, browser, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  await expect(feeling(page).getByRole("heading", { level: 2, name: "How are you doing?" })).toBeVisible();
  const choices = feeling(page).getByRole("radio");
  await expect(choices).toHaveCount(5);
  await expect(choices.first()).toHaveAccessibleName("Really bad");
  await expect(page.locator("#feeling-urgent")).toBeHidden();
  await expectAccessible(page);

  // Nothing chosen: the summary says what to do, on the group of choices.
  await feeling(page).getByRole("button", { name: "Send" }).click();
  await expectSummary(page, "Choose how you are doing.");
  await expect(page.locator('[data-field="feeling"]')).toHaveClass(/field--error/);
  await page.getByRole("alert").getByRole("link", { name: "Choose how you are doing." }).click();
  await expect(page.getByLabel("Really bad")).toBeFocused();
  await expectAccessible(page);

  await feeling(page).getByLabel("Okay").check();
  await feeling(page).getByLabel("Anything else you want to tell them? (optional)").fill("School was hard today.");
  await feeling(page).getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#feeling-done")).toBeFocused();
  await expect(page.locator("#feeling-done")).toHaveText("Thank you for telling us. Your services can see this.");
  await expect(page.locator("#feeling-urgent-done")).toBeHidden();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveTitle(TITLE);
  await expect(feeling(page).getByLabel("Okay")).not.toBeChecked();
  await expect(feeling(page).getByLabel("Anything else you want to tell them? (optional)")).toHaveValue("");
  await expectAccessible(page);

  // Really bad: the urgent help panel straight away, saying services will see it first.
  await feeling(page).getByLabel("Really bad").check();
  await expect(page.locator("#feeling-urgent")).toBeVisible();
  await expect(page.locator("#feeling-urgent")).toContainText("If you are in danger now, call 999.");
  await expect(page.locator("#feeling-urgent")).toContainText("so services see it first");
  await expect(page.locator("#feeling-urgent")).toContainText("Childline");
  await feeling(page).getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#feeling-done")).toBeFocused();
  await expect(page.locator("#feeling-urgent")).toBeHidden();
  await expect(page.locator("#feeling-urgent-done")).toBeVisible();
  await expect(page.locator("#feeling-urgent-done")).toContainText("We have marked your request as urgent, so services see it first.");
  await expectNothingKept(page);
  await expectAccessible(page);

  await workerSeesUrgentAtTop(browser, baseURL!, codes.reference);
});

test("ask to be contacted sooner, not safe right now", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  await expect(sooner(page).getByRole("heading", { level: 2, name: "Ask to be contacted sooner" })).toBeVisible();

  await sooner(page).getByRole("button", { name: "Send" }).click();
  await expectSummary(page, "Say if you are safe right now.");
  await expect(page.locator('[data-field="safe-now"]')).toHaveClass(/field--error/);
  await expectAccessible(page);

  // Yes, then No: the urgent help panel comes and goes with the answer.
  await sooner(page).getByLabel("Yes", { exact: true }).check();
  await expect(page.locator("#sooner-urgent")).toBeHidden();
  await sooner(page).getByLabel("No", { exact: true }).check();
  await expect(page.locator("#sooner-urgent")).toBeVisible();
  await expect(page.locator("#sooner-urgent")).toContainText("so services see it first");
  await sooner(page).getByLabel("Anything you want them to know? (optional)").fill("Please ring after school.");
  await sooner(page).getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#sooner-done")).toBeFocused();
  await expect(page.locator("#sooner-done")).toContainText("Thank you for telling us.");
  await expect(page.locator("#sooner-urgent-done")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page).toHaveTitle(TITLE);
  await expectNothingKept(page);
  await expectAccessible(page);

  // The session ended on the server: asking again goes back to signing in, saying why.
  await page.request.post("/api/check-in/sign-out", { headers: { origin: new URL(baseURL!).origin } });
  await sooner(page).getByLabel("Yes", { exact: true }).check();
  await sooner(page).getByRole("button", { name: "Send" }).click();
  await expect(page.locator("#checkin-notice")).toBeFocused();
  await expect(page.locator("#checkin-notice")).toContainText("You have been signed out");
  await expect(page.locator("main")).not.toContainText(formatReference(codes.reference));
});

test("stop asking one service: a check first, and the other carries on", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id, FAMILY.id]);
  await openCheckIn(page);
  await signIn(page, codes);
  const young = card(page, YOUNG_PEOPLE.id);
  const family = card(page, FAMILY.id);
  const stop = (one: ReturnType<typeof card>) => one.getByRole("button", { name: /^Stop asking this service/ });

  // Changing their mind at the check puts them back where they were.
  await stop(young).click();
  const question = young.getByText(`Are you sure you want to stop asking ${YOUNG_PEOPLE.name}?`);
  await expect(question).toBeFocused();
  await expect(young).toContainText("You can still ask again later.");
  await expect(young).toContainText("Your other services will carry on.");
  await expectAccessible(page);
  await young.getByRole("button", { name: "No, keep asking" }).click();
  await expect(stop(young)).toBeFocused();

  // A problem on the server: said in words, and nothing changes.
  await page.route(
    `**/api/check-in/services/${FAMILY.id}/withdraw`,
    (route) =>
      route.fulfill({
        status: 409,
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "route.not_allowed", message: "This service has already finished with your request, so there is nothing to stop.", fields: [], requestId: "x" } }),
      }),
    { times: 1 },
  );
  await stop(family).click();
  await family.getByRole("button", { name: "Yes, stop asking" }).click();
  await expectSummary(page, "This service has already finished with your request, so there is nothing to stop.");
  await expectAccessible(page);
  await family.getByRole("button", { name: "No, keep asking" }).click();
  await expect(page.getByRole("alert")).toHaveCount(0);

  await stop(young).click();
  await young.getByRole("button", { name: "Yes, stop asking" }).click();
  const confirmed = young.locator(".checkin-done");
  await expect(confirmed).toBeFocused();
  await expect(confirmed).toContainText(`You have stopped asking ${YOUNG_PEOPLE.name}.`);
  await expect(confirmed).toContainText("You can still ask again later.");
  await expect(young.locator(".checkin-stage")).toHaveText("You stopped asking this service.");
  await expect(young).toHaveAttribute("data-status", "withdrawn");
  await expect(stop(young)).toHaveCount(0);
  await expect(family).toHaveAttribute("data-status", "received");
  await expect(stop(family)).toBeVisible();
  await expect(feeling(page)).toBeVisible();
  await expectAccessible(page);

  // A finished service has nothing to stop, after loading the page again too.
  await page.reload();
  await expectPage(page, TITLE, "Your request");
  await expect(stop(card(page, YOUNG_PEOPLE.id))).toHaveCount(0);
  await expect(stop(card(page, FAMILY.id))).toBeVisible();
});

test("delete my request: a check first, then everything is gone and the codes stop working", async ({ page, request, baseURL, requests: _ }) => {
  const codes = await askForSupport(request, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  const section = page.locator("#delete-section");

  await section.getByRole("button", { name: "Delete my request", exact: true }).click();
  await expect(section.getByRole("heading", { name: "Are you sure you want to delete your request?" })).toBeFocused();
  await expect(section).toContainText("everything you told us when you asked");
  await expect(section).toContainText("You cannot undo this.");
  await expectAccessible(page);
  await section.getByRole("button", { name: "No, keep my request" }).click();
  await expect(section.getByRole("button", { name: "Delete my request", exact: true })).toBeFocused();

  // A problem on the server: said in words, and the request is still there.
  await page.route("**/api/check-in", (route) => (route.request().method() === "DELETE" ? route.fulfill({ status: 500, body: "" }) : route.fallback()), { times: 1 });
  await section.getByRole("button", { name: "Delete my request", exact: true }).click();
  await section.getByRole("button", { name: "Yes, delete my request" }).click();
  await expectSummary(page, "Something went wrong on our side. Please try again in a minute.");
  await expectAccessible(page);

  await section.getByRole("button", { name: "Yes, delete my request" }).click();
  await expect(page.locator("#checkin-notice")).toBeFocused();
  await expect(page.locator("#checkin-notice")).toHaveText("Your request has been deleted. We have removed everything you told us.");
  await expectPage(page, TITLE, "Check in");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.getByLabel("Your reference")).toHaveValue("");
  await expect(page.getByLabel("Your check-in code")).toHaveValue("");
  await expect(page.locator("main")).not.toContainText(formatReference(codes.reference));
  await expect(page.locator("main")).not.toContainText(YOUNG_PEOPLE.name);
  await expectNothingKept(page);
  await expectAccessible(page);
  expect((await page.request.get("/api/check-in")).status()).toBe(401);

  // The same reference and code no longer open anything.
  await page.getByLabel("Your reference").fill(codes.reference);
  await page.getByLabel("Your check-in code").fill(codes.checkInCode);
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSummary(page, FAILED);
});

test("saying how you are and stopping a service with the keyboard only", async ({ page, request, baseURL, requests: _ }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "a phone has no keyboard to tab with");
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id, FAMILY.id]);
  await openCheckIn(page);
  await signIn(page, codes);

  // The arrow keys move through the choices; the urgent help panel follows the choice.
  await tabTo(page, (el) => el.id === "feeling-really-bad");
  await page.keyboard.press("Space");
  await expect(page.locator("#feeling-urgent")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Not good")).toBeChecked();
  await expect(page.locator("#feeling-urgent")).toBeHidden();
  await tabTo(page, (el) => el.tag === "button" && el.text === "Send");
  await page.keyboard.press("Enter");
  await expect(page.locator("#feeling-done")).toBeFocused();

  // Stop asking: the check takes focus, and Tab reaches its answers.
  await page.locator("#checkin-reference").click();
  await tabTo(page, (el) => el.tag === "button" && el.text.startsWith("Stop asking this service"));
  await page.keyboard.press("Enter");
  await expect(card(page, YOUNG_PEOPLE.id).locator(".checkin-confirm__question")).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(card(page, YOUNG_PEOPLE.id).locator(".checkin-done")).toBeFocused();
  await expect(card(page, YOUNG_PEOPLE.id)).toHaveAttribute("data-status", "withdrawn");
});
