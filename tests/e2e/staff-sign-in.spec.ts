import { currentTotp } from "../../functions/security/totp";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { ADMIN, newStaff, WORKER } from "../support/staff-e2e";

/** Signing in to the staff area. Each test that signs in makes its own account: a code works once. */

const SIGN_IN = "Sign in – OneDoor";
const HEADING = "Sign in to the staff area";

test("sign in: the empty form", async ({ page, requests: _ }) => {
  await page.goto("/staff/");
  await expectPage(page, SIGN_IN, HEADING);
  await expect(page.getByLabel("Code from your authenticator app, or a recovery code")).toHaveAttribute("autocomplete", "one-time-code");
  await expectAccessible(page);
});

test("sign in: nothing typed, each field says what it needs", async ({ page, requests: _ }) => {
  await page.goto("/staff/");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter an email address like name@example.org.");
  await expect(summary).toContainText("Enter your password.");
  await expect(summary).toContainText("Enter the code from your app, or a recovery code.");
  await expect(page).toHaveTitle(`Error: ${SIGN_IN}`);
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("sign in: a wrong code gets the one message for every failure, not a field's", async ({ page, requests: _ }) => {
  const staff = await newStaff(WORKER);
  await page.goto("/staff/");
  await page.getByLabel("Email address").fill(staff.account.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByLabel("Code from your authenticator app, or a recovery code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Those sign-in details did not work. Check them and try again.");
  await expect(page.locator("[aria-invalid]")).toHaveCount(0);
  await expect(page).toHaveTitle(`Error: ${SIGN_IN}`);
  await expectAccessible(page);
  // The summary's link takes the person back to the start of the form.
  await summary.getByRole("link").click();
  await expect(page.getByLabel("Email address")).toBeFocused();
});

test("sign in with a recovery code, then sign out", async ({ page, requests: _ }) => {
  const staff = await newStaff(ADMIN);
  await page.goto("/staff/");
  await page.getByLabel("Email address").fill(staff.account.email);
  await page.getByLabel("Password").fill(staff.password);
  await page.getByLabel("Code from your authenticator app, or a recovery code").fill(staff.recoveryCodes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectPage(page, "Staff area – OneDoor", "Staff area");
  expect(await page.context().cookies()).toEqual([expect.objectContaining({ name: "onedoor_staff", httpOnly: true, sameSite: "Strict" })]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expectPage(page, SIGN_IN, HEADING);
  await expect(page.getByText("You have signed out.")).toBeVisible();
  expect(await page.context().cookies()).toEqual([]);
  // Signed out means signed out: the staff area sends them back here.
  await page.goto("/staff/home/");
  await expectPage(page, SIGN_IN, HEADING);
  await expect(page.getByText("Please sign in to continue.")).toBeVisible();
});

test("keyboard only: sign in with a code from the app", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  const staff = await newStaff(WORKER);
  await page.goto("/staff/");
  await tabTo(page, (el) => el.id === "email");
  await page.keyboard.type(staff.account.email);
  await tabTo(page, (el) => el.id === "password");
  await page.keyboard.type(staff.password);
  await tabTo(page, (el) => el.id === "code");
  await page.keyboard.type(currentTotp(staff.totpSecret));
  await page.keyboard.press("Enter");
  await page.waitForURL("**/staff/home/");
  await expectPage(page, "Staff area – OneDoor", "Staff area");
  await expect(page.getByText(staff.account.email)).toBeVisible();
});

test("the footer links professionals to the staff area", async ({ page, requests: _ }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "For professionals" }).click();
  await expectPage(page, SIGN_IN, HEADING);
});
