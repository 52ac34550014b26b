import type { Page } from "@playwright/test";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { ADMIN, newGroup, signedInPage, WORKER } from "../support/staff-e2e";

/**
 * Contributors' groups (J5): an admin sets one up, a facilitator records a session, saves it as a
 * draft, opens it again and sends it to moderation. Each state is set up once, through the API or
 * the database where the journey is not the point, with axe on each.
 */

const facilitatorOf = (groupId: string) => [{ role: "facilitator" as const, groupId }];
const today = () => new Date().toISOString().slice(0, 10);

/** Playwright's request API sends no Origin of its own; the API refuses unsafe requests without it. */
async function call(page: Page, baseURL: string, path: string, data?: unknown) {
  const response = await page.request.post(path, { data, headers: { origin: new URL(baseURL).origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test("a facilitator records a session with the keyboard alone: a quote without agreement is refused, then a draft is saved, opened again and sent", async ({ page, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  const { group, organisation, services } = await newGroup();
  await signedInPage(page, facilitatorOf(group.id));

  await page.goto("/staff/home/");
  await expect(page.locator("#sections a")).toHaveText(["Groups"]);
  await expect(page.locator("#me-roles")).toHaveText(`Facilitator, ${group.name}`);
  await tabTo(page, (e) => e.tag === "a" && e.text === "Groups");
  await page.keyboard.press("Enter");
  await expectPage(page, "Groups – OneDoor", "Contributors' groups");
  await expect(page.getByRole("heading", { name: group.name, exact: true })).toBeVisible();
  await expect(page.getByText("No sessions recorded yet.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Set up a group" })).toBeHidden();
  await expectAccessible(page);

  await tabTo(page, (e) => e.text.startsWith("Record a session"));
  await page.keyboard.press("Enter");
  await expectPage(page, "Record a session – OneDoor", "Record a session");
  await expect(page.locator("#group-caption")).toHaveText(group.name);
  await expect(page.getByLabel("Date of the session")).toHaveValue(today());
  await expect(page.getByText("Never write anyone's name in this report")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: services[0].name })).toBeVisible();
  await expect(page.getByRole("checkbox", { name: organisation.name })).toBeVisible();
  await expectAccessible(page);

  await tabTo(page, (e) => e.id === "participants");
  await page.keyboard.type("7");
  await tabTo(page, (e) => e.id === "themes-waiting");
  await page.keyboard.press("Space");
  await tabTo(page, (e) => e.id === "summary");
  await page.keyboard.type("The group talked about waiting a long time for support.");
  await tabTo(page, (e) => e.id === "quotes-add");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Nobody told us what was happening.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  await tabTo(page, (e) => e.id === "quotes-add");
  await page.keyboard.press("Enter");
  await page.keyboard.type("I just wanted someone to call me back.");
  await tabTo(page, (e) => e.id === `serviceIds-${services[0].id}`);
  await page.keyboard.press("Space");
  await tabTo(page, (e) => e.id === "commissioners");
  await page.keyboard.press("Space");
  await tabTo(page, (e) => e.id === "save-draft");
  await page.keyboard.press("Enter");

  // The second quote has no tick: the page refuses it, with the API's words, on that quote.
  const message = "Quote 2: tick that the person agreed to share it, or take it out.";
  await expect(page.getByRole("alert")).toContainText(message);
  await expect(page.getByRole("alert")).toBeFocused();
  const second = page.locator("#quotes > li").nth(1);
  await expect(second.locator(".error-message")).toContainText(message);
  await expect(page).toHaveTitle("Error: Record a session – OneDoor");
  await expectAccessible(page);

  // The summary's link goes to the tick; Space ticks it.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(second.getByRole("checkbox", { name: "The person agreed to share this" })).toBeFocused();
  await page.keyboard.press("Space");
  await tabTo(page, (e) => e.id === "save-draft");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Draft saved" })).toBeVisible();
  await expect(page.locator("#save-done")).toBeFocused();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectPage(page, "Change a draft – OneDoor", "Change a draft");
  await expectAccessible(page);

  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expectPage(page, "Groups – OneDoor", "Contributors' groups");
  const session = page.locator("#my-groups li li");
  await expect(session).toHaveCount(1);
  await expect(session).toContainText("Draft");
  await expect(session).toContainText("7 people took part.");
  await expectAccessible(page);

  // Opened again, the draft has everything, and taking out the first quote is saved on sending.
  await tabTo(page, (e) => e.text.startsWith("Change or send this draft"));
  await page.keyboard.press("Enter");
  await expectPage(page, "Change a draft – OneDoor", "Change a draft");
  await expect(page.getByLabel("How many people took part")).toHaveValue("7");
  await expect(page.getByRole("checkbox", { name: "Waiting for support" })).toBeChecked();
  await expect(page.locator("#quotes > li")).toHaveCount(2);
  await expect(page.locator("#quotes > li").nth(1).locator("textarea")).toHaveValue("I just wanted someone to call me back.");
  await expect(page.getByRole("checkbox", { name: services[0].name })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "The area's commissioners" })).toBeChecked();
  await tabTo(page, (e) => e.text.startsWith("Remove quote 1"));
  await page.keyboard.press("Enter");
  await expect(page.locator("#quotes > li")).toHaveCount(1);
  await expect(page.locator("#rows-status")).toHaveText("Quote 1 removed.");
  await tabTo(page, (e) => e.id === "send-report");
  await page.keyboard.press("Enter");
  await expectPage(page, "Sent to moderation – OneDoor", "Sent to moderation");
  await expect(page.locator("#save-done")).toBeFocused();
  await expect(page.locator("#save-done")).toContainText("Nobody else reads it until a moderator approves it.");
  await expect(page.locator("#report-form")).toBeHidden();
  await expectAccessible(page);

  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expectPage(page, "Groups – OneDoor", "Contributors' groups");
  await expect(session).toContainText("Waiting for a moderator");
  await expect(session.getByRole("link")).toHaveCount(0);

  // A moderator finds it in the queue, with one quote.
  await signedInPage(page, [{ role: "moderator" }]);
  const queue = await (await page.request.get("/api/staff/moderation")).json();
  const piece = queue.pieces.find((p: { kind: string; groupId?: string }) => p.kind === "group-report" && p.groupId === group.id);
  expect(piece).toMatchObject({ kind: "group-report", groupName: group.name });
  const { report } = await (await page.request.get(`/api/staff/moderation/group-reports/${group.id}/${piece.id}`)).json();
  expect(Object.keys(report.texts)).toEqual(["summary", "quote.0"]);
  void baseURL;
});

test("on a phone, a facilitator sees a draft and a report sent back with the reason, opens each, and sends the one sent back again", async ({ page, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the facilitator's list and form on a phone");
  const { group, services } = await newGroup();
  const base = `/api/staff/groups/${group.id}/reports`;
  const body = {
    date: today(),
    participants: 5,
    themes: ["feeling-safe"],
    summary: "We talked about feeling safe at the first meeting.",
    quotes: [{ text: "It helped to have someone there.", consent: true }],
    recommendations: "",
    addressedTo: { serviceIds: [services[0].id], organisationIds: [], commissioners: true },
    mayShowPublicly: false,
  };
  await signedInPage(page, facilitatorOf(group.id));
  const draft = await call(page, baseURL!, base, body);
  const sent = await call(page, baseURL!, base, { ...body, participants: 9 });
  await call(page, baseURL!, `${base}/${sent.id}/send`);
  await signedInPage(page, [{ role: "moderator" }]);
  await call(page, baseURL!, `/api/staff/moderation/group-reports/${group.id}/${sent.id}/decision`, { decision: "reject", reason: "Please take out the name of the school." });
  await signedInPage(page, facilitatorOf(group.id));

  await page.goto("/staff/groups/");
  await expectPage(page, "Groups – OneDoor", "Contributors' groups");
  const sessions = page.locator("#my-groups li li");
  await expect(sessions).toHaveCount(2);
  await expect(sessions.filter({ hasText: "9 people" })).toContainText("Sent back");
  await expect(sessions.filter({ hasText: "9 people" })).toContainText("Why it was sent back: Please take out the name of the school.");
  await expect(sessions.filter({ hasText: "5 people" })).toContainText("Draft");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/groups-phone-list.png", fullPage: true });

  await page.getByRole("link", { name: /Change or send this draft/ }).click();
  await expectPage(page, "Change a draft – OneDoor", "Change a draft");
  await expect(page.getByLabel("Summary")).toHaveValue(body.summary);
  await expect(page.locator("#quotes > li")).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/groups-phone-form.png", fullPage: true });

  // The report sent back opens for changes, with the moderator's reason at the top; sent again, it is read-only.
  await page.goto("/staff/groups/");
  await page.getByRole("link", { name: /Change it and send it again/ }).click();
  await expectPage(page, "Change a report that was sent back – OneDoor", "Change a report that was sent back");
  await expect(page.locator("#sent-back")).toContainText("Their reason: Please take out the name of the school.");
  await expect(page.getByLabel("How many people took part")).toHaveValue("9");
  await expectAccessible(page);
  await page.getByLabel("Summary").fill("We talked about feeling safe at the first meeting, at school.");
  await page.getByRole("button", { name: "Send to moderation" }).click();
  await expectPage(page, "Sent to moderation – OneDoor", "Sent to moderation");
  await expect(page.locator("#sent-back")).toBeHidden();
  await page.goto(`/staff/groups/report/?group=${group.id}&id=${sent.id}`);
  await expect(page.locator("h1")).toHaveText(/^Session on /);
  await expect(page.getByText("it can no longer be changed")).toBeVisible();
  void draft;
});

test("on a phone, an admin sets up a group, after errors for an empty form, and adds a theme", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the admin's forms are walked once, on a phone");
  const { organisation } = await newGroup();
  await signedInPage(page, ADMIN);
  await page.goto("/staff/groups/");
  await expectPage(page, "Groups – OneDoor", "Contributors' groups");
  await expect(page.getByRole("heading", { name: "All groups" })).toBeVisible();
  await expect(page.locator("#organisationId option", { hasText: organisation.name })).toHaveCount(1);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Set up group" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toBeFocused();
  await expect(alert).toContainText("Give the group a name.");
  await expect(alert).toContainText("Choose the area the group meets in.");
  await expect(alert).toContainText("Choose the organisation that runs the group.");
  await expect(page.getByLabel("Name of the group")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);

  const name = `Parents' circle ${crypto.randomUUID().slice(0, 6)}`;
  await page.getByLabel("Name of the group").fill(name);
  await page.getByLabel("Area").selectOption({ index: 1 });
  await page.getByLabel("What the group is").fill("Parents and carers who meet every fortnight.");
  await page.getByLabel("Organisation that runs it").selectOption({ label: organisation.name });
  await page.getByRole("button", { name: "Set up group" }).click();
  await expect(page.getByRole("heading", { name: "Group set up" })).toBeVisible();
  await expect(page.locator("#add-done")).toBeFocused();
  await expect(page.locator("#all-groups").getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expectAccessible(page);

  const theme = `Money worries ${crypto.randomUUID().slice(0, 6)}`;
  await page.getByRole("textbox", { name: "Theme" }).fill(theme);
  await page.getByRole("button", { name: "Add theme" }).click();
  await expect(page.getByRole("heading", { name: "Theme added" })).toBeVisible();
  await expect(page.locator("#theme-done")).toContainText(theme);
});

test("someone whose role is not for groups is told so plainly", async ({ page, requests: _ }) => {
  await signedInPage(page, WORKER);
  await page.goto("/staff/groups/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
  await expect(page.getByRole("heading", { name: "Set up a group" })).toBeHidden();
  await expectAccessible(page);
});
