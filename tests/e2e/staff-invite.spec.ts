import type { Page } from "@playwright/test";
import { currentTotp } from "../../functions/security/totp";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { ADMIN, createInvite, HARBOUR, inviteeEmail, inviteLinkSentTo, secretFrom, signedInPage } from "../support/staff-e2e";

/** Accepting an invite: name and password, the authenticator app, recovery codes; and links that no longer work. */

const TITLE = "Set up your account – OneDoor";

async function fillDetails(page: Page, password = "a long and unrelated passphrase") {
  await page.getByLabel("Your full name").fill("Sam Example");
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function expectGone(page: Page) {
  await expectPage(page, "Invite link not valid – OneDoor", "This invite link cannot be used");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByText("has expired or has already been used")).toBeVisible();
  await expect(page.getByRole("link", { name: "sign in" })).toHaveAttribute("href", "/staff/");
}

test("invite: each step, with its errors", async ({ page, baseURL, requests: _ }) => {
  await signedInPage(page, ADMIN);
  const { link, email } = await createInvite(page, baseURL!);
  await page.goto(link);

  // Step 1: who they are invited as, a name and a password. The token leaves the address bar.
  await expectPage(page, TITLE, "Set up your staff account");
  expect(page.url()).not.toContain("#");
  await expect(page.getByText(/^You have been invited to OneDoor's staff area as: Worker at .+ \(example\)\.$/)).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByText("Step 1 of 3")).toBeVisible();
  // Axe runs on each step with its error shown: the step as it first appears, and more.
  await fillDetails(page, "too short");
  await expect(page.getByRole("alert")).toContainText("Use at least 12 characters.");
  await expect(page.getByLabel("Choose a password")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  // Step 2: the QR code, the key as text, and the first code.
  await fillDetails(page);
  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeFocused();
  await expect(page.getByRole("img", { name: /QR code/ })).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  await expect(page.getByRole("link", { name: "Open in an authenticator app on this device" })).toHaveAttribute("href", /^otpauth:\/\/totp\//);
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Confirm code" }).click();
  await expect(page.getByRole("alert")).toContainText("That code did not work.");
  await expect(page).toHaveTitle(`Error: ${TITLE}`);
  await expectAccessible(page);

  // Step 3: ten recovery codes, shown once.
  const secret = secretFrom(await page.locator("#invite-secret").innerText());
  await page.getByLabel("Code from your app").fill(currentTotp(secret));
  await page.getByRole("button", { name: "Confirm code" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Save your recovery codes" })).toBeFocused();
  await expect(page).toHaveTitle(TITLE);
  await expect(page.locator("#invite-codes li")).toHaveCount(10);
  await expectAccessible(page);
});

test("invite: a link that does not work", async ({ page, requests: _ }) => {
  await page.goto("/staff/invite/#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await expectGone(page);
  await expectAccessible(page);
});

test("invite: a link with the token cut off", async ({ page, requests: _ }) => {
  await page.goto("/staff/invite/");
  await expectPage(page, "Invite link not valid – OneDoor", "This invite link cannot be used");
  await expect(page.getByText("This invite link is not complete.")).toBeVisible();
});

test("the whole invite journey: an admin invites, the email's link lets the new worker set up and signs in; the link then stops working", async ({
  page,
  browser,
  baseURL,
  requests: _,
}) => {
  // The admin makes the invite on the staff page.
  await signedInPage(page, ADMIN);
  await page.goto("/staff/people/");
  await expectPage(page, "Staff and roles – OneDoor", "Staff and roles");
  const email = inviteeEmail();
  const form = page.locator("#invite-form");
  await form.getByLabel("Their work email address").fill(email);
  await form.getByLabel("Worker", { exact: true }).check();
  await form.getByLabel("Organisation").selectOption({ label: HARBOUR.name });
  await page.getByRole("button", { name: "Send invite" }).click();
  await expect(page.locator("#invite-done")).toBeFocused();
  await expect(page.locator("#invite-done")).toContainText(`We have emailed an invite link to ${email}.`);
  // The inviter never sees the link: it is only in the email.
  await expect(page.getByText("/staff/invite/#")).toHaveCount(0);
  const link = inviteLinkSentTo(email);
  expect(link).toMatch(new RegExp(`^${baseURL}/staff/invite/#[A-Za-z0-9_-]{43}$`));

  // The person invited opens it in their own browser.
  const theirs = await browser.newContext({ baseURL, viewport: page.viewportSize() });
  const invited = await theirs.newPage();
  const requests: string[] = [];
  invited.on("request", (r) => requests.push(r.url()));
  await invited.goto(link);
  await expectPage(invited, TITLE, "Set up your staff account");
  await fillDetails(invited);
  await expect(invited.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeFocused();
  const secret = secretFrom(await invited.locator("#invite-secret").innerText());
  await invited.getByLabel("Code from your app").fill(currentTotp(secret));
  await invited.getByRole("button", { name: "Confirm code" }).click();
  await expect(invited.locator("#invite-codes li")).toHaveCount(10);
  await expect(invited.locator("#invite-codes li").first()).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await invited.getByRole("link", { name: "Continue to the staff area" }).click();
  await expectPage(invited, "Staff area – OneDoor", "Staff area");
  await expect(invited.getByText(email)).toBeVisible();
  await expect(invited.getByRole("listitem").filter({ hasText: `Worker, ${HARBOUR.name}` })).toBeVisible();

  // The same link a second time.
  await invited.goto(link);
  await expectGone(invited);
  expect(requests.filter((url) => !url.startsWith(`${baseURL}/`) && !url.startsWith("data:"))).toEqual([]);
  await theirs.close();
});
