import type { Page } from "@playwright/test";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { addAuditEntries, ADMIN, BRISTOL, HARBOUR, MANAGER, newService, newStaff, signedInPage, WORKER } from "../support/staff-e2e";

/** Every page of the staff area, for the roles that use it, with axe on each state. */

const sectionLinks = (page: Page) => page.locator("#sections a");

/** A success panel with this heading has taken focus, so a screen reader reads it out. */
async function expectSuccess(page: Page, heading: string) {
  await expect(page.locator(".panel").filter({ has: page.getByRole("heading", { name: heading }) })).toBeFocused();
}

test("home: an admin sees every section", async ({ page, requests: _ }) => {
  const staff = await signedInPage(page, ADMIN);
  await page.goto("/staff/home/");
  await expectPage(page, "Staff area – OneDoor", "Staff area");
  await expect(page.getByText(staff.account.email)).toBeVisible();
  await expect(page.locator("#me-roles")).toHaveText("Admin");
  await expect(sectionLinks(page)).toHaveText(["Insights", "Groups", "Organisations", "Services", "Areas", "Staff and roles", "Audit log", "Subject access export"]);
  await expectAccessible(page);
});

test("home: a manager sees the inbox, feedback, services, staff and the audit log", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  await page.goto("/staff/home/");
  await expectPage(page, "Staff area – OneDoor", "Staff area");
  await expect(page.locator("#me-roles")).toHaveText(`Manager, ${HARBOUR.name}`);
  await expect(sectionLinks(page)).toHaveText(["Inbox", "Feedback", "Group reports", "Services", "Staff and roles", "Audit log"]);
  await expectAccessible(page);
});

test("a worker sees the inbox, feedback and services only, and is told plainly when a page is not for them", async ({ page, requests: _ }) => {
  await signedInPage(page, WORKER);
  await page.goto("/staff/home/");
  await expectPage(page, "Staff area – OneDoor", "Staff area");
  await expect(page.locator("#me-roles")).toHaveText(`Worker, ${HARBOUR.name}`);
  await expect(sectionLinks(page)).toHaveText(["Inbox", "Feedback", "Group reports", "Services"]);
  await expectAccessible(page);

  await page.goto("/staff/organisations/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
  await expect(page.getByText("ask an admin or your manager")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to the staff area home page" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Add an organisation" })).toBeHidden();
  await expectAccessible(page);
});

test("account: change password, new recovery codes, sign out everywhere", async ({ page, requests: _ }) => {
  const staff = await signedInPage(page, WORKER);
  await page.goto("/staff/account/");
  await expectPage(page, "Your account – OneDoor", "Your account");
  await expect(page.locator("#account-codes-left")).toHaveText("10");
  await expectAccessible(page);

  // A weak new password is the new password field's error.
  await page.getByLabel("Current password").fill(staff.password);
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toContainText("Use at least 12 characters.");
  await expect(page.getByLabel("New password")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("New password").fill("another long passphrase here");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Your password has been changed" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);

  await page.getByRole("textbox", { name: "Your password" }).fill("another long passphrase here");
  await page.getByRole("button", { name: "Get new recovery codes" }).click();
  await expect(page.getByRole("heading", { name: "Your new recovery codes" })).toBeVisible();
  await expect(page.locator("#codes-done li")).toHaveCount(10);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expectPage(page, "Sign in – OneDoor", "Sign in to the staff area");
  await expect(page.getByText("You have signed out on every device.")).toBeVisible();
});

test("organisations: the list, and adding one", async ({ page, requests: _ }) => {
  await signedInPage(page, ADMIN);
  await page.goto("/staff/organisations/");
  await expectPage(page, "Organisations – OneDoor", "Organisations");
  await expect(page.getByRole("heading", { name: HARBOUR.name })).toBeVisible();
  await expectAccessible(page);

  // The page has a second form, to change an organisation; its labels are the same.
  const add = page.locator("#add-form");
  await add.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("alert")).toContainText("Enter the organisation's name");
  await expect(add.getByLabel("Description")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  const name = `Test organisation ${crypto.randomUUID().slice(0, 8)}`;
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Description").fill("Made by an end-to-end test.");
  await add.getByLabel("This is example data").check();
  await add.getByRole("button", { name: "Add organisation" }).click();
  await expectSuccess(page, "Organisation added");
  await expect(page.getByRole("heading", { name })).toBeVisible();
});

test("organisations: changing one's details", async ({ page, baseURL, requests: _ }) => {
  await signedInPage(page, ADMIN);
  // An organisation of the test's own: the example ones stay as the public journeys expect them.
  const name = `Test organisation ${crypto.randomUUID().slice(0, 8)}`;
  const created = await page.request.post("/api/staff/organisations", {
    data: { name, description: "Made by an end-to-end test.", isExample: true },
    headers: { origin: new URL(baseURL!).origin },
  });
  expect(created.status()).toBe(201);
  await page.goto("/staff/organisations/");
  await expectPage(page, "Organisations – OneDoor", "Organisations");

  await page.getByRole("button", { name: `Edit ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Change ${name}` })).toBeFocused();
  const edit = page.locator("#edit-form");
  await expect(edit.getByLabel("Name")).toHaveValue(name);
  await expect(edit.getByLabel("Description")).toHaveValue("Made by an end-to-end test.");
  await expectAccessible(page);

  await edit.getByLabel("Description").fill("");
  await edit.getByRole("button", { name: "Save organisation" }).click();
  await expect(page.getByRole("alert")).toContainText("Describe the organisation");
  await expect(edit.getByLabel("Description")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  await edit.getByLabel("Description").fill("Changed by an end-to-end test.");
  await edit.getByLabel("Website").fill("https://www.example.org");
  await edit.getByRole("button", { name: "Save organisation" }).click();
  await expectSuccess(page, `${name} saved`);
  await expect(page.getByRole("alert")).toHaveCount(0);
  const card = page.locator("#organisations > li").filter({ has: page.getByRole("heading", { name }) });
  await expect(card).toContainText("Changed by an end-to-end test.");
  await expect(card).toContainText("https://www.example.org");
  await expect(card.getByText("Example, not real")).toBeVisible();
  await page.reload();
  await expect(card).toContainText("Changed by an end-to-end test.");
});

test("services: a worker sees their organisation's, and cannot change them", async ({ page, requests: _ }) => {
  await signedInPage(page, WORKER);
  await page.goto("/staff/services/");
  await expectPage(page, "Services – OneDoor", "Services");
  await expect(page.getByRole("link", { name: "Harbour Young People's Support (example)" })).toBeVisible();
  await expect(page.getByText("Kite Online Counselling")).toHaveCount(0);
  await expectAccessible(page);
  // A worker can read a service's entry but not change it.
  await page.getByRole("link", { name: "Harbour Young People's Support (example)" }).click();
  await expectPage(page, "Edit service – OneDoor", "Harbour Young People's Support (example)");
  await expect(page.getByText("Your role lets you see this service but not change it.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeHidden();
});

test("a service: edit, a validation error, then saved", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  const service = await newService();
  await page.goto("/staff/services/");
  await page.getByRole("link", { name: service.name }).click();
  await expectPage(page, "Edit service – OneDoor", service.name);
  await expect(page.getByLabel("Expected wait, in weeks")).toHaveValue(String(service.expectedWaitWeeks));
  await expect(page.getByLabel(BRISTOL.name)).toBeChecked();
  // Axe runs on the error and the saved states: each is the whole form and more.

  await page.getByLabel("Name", { exact: true }).fill("");
  await page.getByLabel("Expected wait, in weeks").fill("500");
  await page.getByLabel("Phone number").fill("call us");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter the service's name");
  await expect(summary).toContainText("Enter at most 104 weeks (2 years)");
  await expect(summary).toContainText("Type the phone number using digits and spaces only.");
  await expect(page.getByLabel("Phone number")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveTitle("Error: Edit service – OneDoor");
  await expectAccessible(page);

  const renamed = `${service.name} renamed`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByLabel("Expected wait, in weeks").fill("3");
  await page.getByLabel("Phone number").fill("0117 496 0999");
  await page.getByLabel("Not taking new requests right now").check();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectSuccess(page, "Changes saved");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await expect(page).toHaveTitle("Edit service – OneDoor");
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel("Expected wait, in weeks")).toHaveValue("3");
  await expect(page.getByLabel("Not taking new requests right now")).toBeChecked();
});

test("areas: the list, and changing one", async ({ page, requests: _ }) => {
  await signedInPage(page, ADMIN);
  await page.goto("/staff/areas/");
  await expectPage(page, "Areas – OneDoor", "Areas");
  await expect(page.getByRole("heading", { name: "Leeds" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Change Leeds" }).click();
  await expect(page.getByRole("heading", { name: "Change Leeds" })).toBeFocused();
  const districts = page.getByLabel("Postcode districts");
  const before = await districts.inputValue();
  await districts.fill(`${before} NOT-A-DISTRICT`);
  await page.getByRole("button", { name: "Save area" }).click();
  await expect(page.getByRole("alert")).toContainText("Type the first part of a postcode");
  await expect(districts).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  // Saved as it was, so the public search is unchanged.
  await districts.fill(before);
  await page.getByRole("button", { name: "Save area" }).click();
  await expectSuccess(page, "Leeds saved");
});

test("staff: invite someone", async ({ page, requests: _ }) => {
  await signedInPage(page, ADMIN);
  await page.goto("/staff/people/");
  await expectPage(page, "Staff and roles – OneDoor", "Staff and roles");

  // An invite with no role chosen says so, and one without the area a navigator needs.
  const invite = page.locator("#invite-form");
  const email = `someone-${crypto.randomUUID().slice(0, 8)}@test.onedoor.invalid`;
  await invite.getByLabel("Their work email address").fill(email);
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose a role.");
  await invite.getByLabel("Navigator", { exact: true }).check();
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expect(page.getByRole("alert")).toContainText("Choose the area they work in.");
  await expect(invite.getByLabel("Area")).toHaveAttribute("aria-invalid", "true");
  await invite.getByLabel("Area").selectOption({ label: BRISTOL.name });
  await invite.getByRole("button", { name: "Send invite" }).click();
  await expectSuccess(page, "Invite sent");
  await expect(page.locator("#invite-done")).toContainText(email);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);
});

test("staff: change a person's roles, then remove them", async ({ page, requests: _ }) => {
  await signedInPage(page, ADMIN);
  const other = await newStaff(WORKER);
  await page.goto("/staff/people/");
  await expectPage(page, "Staff and roles – OneDoor", "Staff and roles");

  // Their card: add a manager role.
  const card = page.locator("#people > li").filter({ hasText: other.account.email });
  await card.getByRole("button", { name: "Change roles" }).click();
  const roles = page.locator("#roles-form");
  await expect(page.getByRole("heading", { name: "Change Test worker's roles" })).toBeFocused();
  await expect(roles.getByLabel(`Worker, ${HARBOUR.name}`)).toBeChecked();
  await roles.getByLabel("Manager", { exact: true }).check();
  await roles.getByLabel("Organisation").selectOption({ label: HARBOUR.name });
  await expectAccessible(page);
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expectSuccess(page, "Roles saved");
  await expect(card).toContainText(`Manager, ${HARBOUR.name}`);

  // Remove, with a step to confirm.
  await card.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("heading", { name: "Remove Test worker?" })).toBeFocused();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Yes, remove Test worker" }).click();
  await expectSuccess(page, "Test worker has been removed");
  await expect(card).toHaveCount(0);
});

test("staff: a manager can give only worker and manager roles, in their organisation", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  await page.goto("/staff/people/");
  await expectPage(page, "Staff and roles – OneDoor", "Staff and roles");
  const invite = page.locator("#invite-form");
  await expect(invite.getByRole("radio")).toHaveCount(2);
  await invite.getByLabel("Worker", { exact: true }).check();
  await expect(invite.getByLabel("Organisation")).toHaveValue(HARBOUR.id);
  await expectAccessible(page);
});

test("audit log: newest first, and older entries on request", async ({ page, requests: _ }) => {
  await addAuditEntries(60);
  await signedInPage(page, ADMIN);
  await page.goto("/staff/audit/");
  await expectPage(page, "Audit log – OneDoor", "Audit log");
  const rows = page.locator("#audit-rows tr");
  await expect(rows).toHaveCount(50);
  const times = await page.locator("#audit-rows time").evaluateAll((els) => els.map((e) => e.getAttribute("datetime")!));
  expect(times).toEqual([...times].sort().reverse());
  await expectAccessible(page);
  await page.getByRole("button", { name: "Older entries" }).click();
  await expect.poll(() => rows.count()).toBeGreaterThan(50);
  await expect(page.locator("#audit-status")).toContainText(/Showing the newest (\d+)/);
});

test("audit log: a manager reads their own organisation's", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  await page.goto("/staff/audit/");
  await expectPage(page, "Audit log – OneDoor", "Audit log");
  await expect(page.locator("#audit-status")).toContainText(/Showing the newest|No entries yet/);
  await expectAccessible(page);
});

test("a service: opening times and places added, saved and removed", async ({ page, requests: _ }) => {
  await signedInPage(page, MANAGER);
  const service = await newService();
  const before = service.locations[0]!;
  await page.goto(`/staff/service/?id=${service.id}`);
  await expectPage(page, "Edit service – OneDoor", service.name);
  const times = (n: number) => page.getByRole("group", { name: `Opening time ${n}`, exact: true });
  const place = (n: number) => page.getByRole("group", { name: `Place ${n}`, exact: true });
  await expect(times(1).getByLabel("Opens")).toHaveValue(service.openingTimes[0]!.opens);
  await expect(times(1).getByLabel("Monday")).toBeChecked();
  await expect(place(1).getByLabel("Name of the place")).toHaveValue(before.name);

  // Add a row to each list: focus moves into the new row.
  await page.getByRole("button", { name: "Add opening times" }).click();
  await expect(times(2).getByLabel("Monday")).toBeFocused();
  await expect(page.getByRole("group", { name: "Days for opening time 2" })).toBeVisible();
  await times(2).getByLabel("Saturday").check();
  await times(2).getByLabel("Opens").fill("10:00");
  await times(2).getByLabel("Closes").fill("14:00");
  await page.getByRole("button", { name: "Add a place" }).click();
  await expect(place(2).getByLabel("Name of the place")).toBeFocused();
  await place(2).getByLabel("Name of the place").fill("Test drop-in (example)");
  await place(2).getByLabel("Address").fill("2 Example Street");
  await place(2).getByLabel("Town or city").fill("Bristol");
  await place(2).getByLabel("Postcode").fill("BS2 0XX");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectSuccess(page, "Changes saved");

  await page.reload();
  await expect(times(2).getByLabel("Saturday")).toBeChecked();
  await expect(times(2).getByLabel("Monday")).not.toBeChecked();
  await expect(times(2).getByLabel("Closes")).toHaveValue("14:00");
  await expect(place(2).getByLabel("Postcode")).toHaveValue("BS2 0XX");
  // The first place keeps its id and its accessibility, which this page does not edit.
  const saved = (await (await page.request.get(`/api/staff/services/${service.id}`)).json()) as { service: typeof service };
  expect(saved.service.locations).toEqual([before, expect.objectContaining({ name: "Test drop-in (example)", accessibility: [] })]);

  // Remove one of each: the rest are numbered again, and focus goes to the list's heading.
  await times(1).getByRole("button", { name: "Remove opening time 1" }).click();
  await expect(page.getByRole("heading", { name: "Opening times", exact: true })).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Opening time 1 removed.");
  await expect(times(1).getByLabel("Opens")).toHaveValue("10:00");
  await expect(times(2)).toHaveCount(0);
  await place(2).getByRole("button", { name: "Remove place 2" }).click();
  await expect(page.getByRole("heading", { name: "Places people can go" })).toBeFocused();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expectSuccess(page, "Changes saved");
  await page.reload();
  await expect(times(1).getByLabel("Saturday")).toBeChecked();
  await expect(times(2)).toHaveCount(0);
  await expect(place(1).getByLabel("Name of the place")).toHaveValue(before.name);
  await expect(place(2)).toHaveCount(0);

  // A time left empty: the summary names the row, and its link goes to the box.
  await page.getByRole("button", { name: "Add opening times" }).click();
  await times(2).getByLabel("Monday").check();
  await times(2).getByLabel("Opens").fill("09:00");
  await page.getByRole("button", { name: "Save changes" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Enter the time opening time 2 closes, like 17:00.");
  await expect(times(2).getByLabel("Closes")).toHaveAttribute("aria-invalid", "true");
  await expect(times(1).getByLabel("Closes")).not.toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await summary.getByRole("link", { name: "Enter the time opening time 2 closes" }).click();
  await expect(times(2).getByLabel("Closes")).toBeFocused();
});
