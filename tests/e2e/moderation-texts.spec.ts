import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { Grant } from "../../functions/domain/roles";
import { giveFeedbackThroughTheApi } from "../support/feedback";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { newGroup, newProvider, signedInPage } from "../support/staff-e2e";

/**
 * Moderating texts in several parts (J9): a contributors' group report, and a provider's answer
 * to feedback, on /staff/moderation/texts/. Everything before the moderator's part is set up
 * through the API. The queue is everyone's, so each test finds its own rows by their ids and
 * its own group's or organisation's name, and never counts the list.
 */

const MODERATOR: Grant[] = [{ role: "moderator" }];
const facilitatorOf = (groupId: string): Grant[] => [{ role: "facilitator", groupId }];
const managerOf = (organisationId: string): Grant[] => [{ role: "manager", organisationId }];
const today = () => new Date().toISOString().slice(0, 10);
const tag = () => randomUUID().slice(0, 8);

/** Playwright's request API sends no Origin of its own; the API refuses unsafe requests without it. */
async function call(page: Page, path: string, data?: unknown) {
  const response = await page.request.post(path, { data, headers: { origin: new URL(process.env.E2E_BASE_URL!).origin } });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** A group of its own, and a report its facilitator has sent to moderation (signed in as them in this page). */
async function sentReport(page: Page, texts: { summary: string; quotes: string[]; recommendations?: string }) {
  const { group, organisation, services } = await newGroup();
  await signedInPage(page, facilitatorOf(group.id));
  const base = `/api/staff/groups/${group.id}/reports`;
  const { id } = await call(page, base, {
    date: today(),
    participants: 7,
    themes: ["feeling-safe"],
    summary: texts.summary,
    quotes: texts.quotes.map((text) => ({ text, consent: true })),
    recommendations: texts.recommendations ?? "",
    addressedTo: { serviceIds: [services[0].id], organisationIds: [organisation.id], commissioners: true },
    mayShowPublicly: false,
  });
  await call(page, `${base}/${id}/send`);
  return { group, organisation, services, id: id as string };
}

const reportHref = (groupId: string, id: string) => `/staff/moderation/texts/?${new URLSearchParams({ groupId, id })}`;
const queueRow = (page: Page, id: string) => page.locator(`#moderation-rows > li[data-id="${id}"]`);
const previews = (page: Page) => page.locator("[id^=part-][id$=-preview]").allTextContents();

async function expectDecided(page: Page, heading: string) {
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  await expect(page.locator("#moderation-done")).toBeFocused();
  await expect(page.locator("#moderation-done h2")).toHaveText(heading);
}

test("a moderator opens a group report from the queue, removes a name from every text it is in, and approves it: its readers get the text that was previewed", async ({ page, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the phone journey: the desktop project moderates with the keyboard");
  const own = tag();
  const { group, organisation, services, id } = await sentReport(page, {
    summary: `We talked about feeling safe on the way to sessions (${own}). Big Kez came too.`,
    quotes: ["Ring me on 07700 900456 if you need to.", "Big Kez from our estate walks me there."],
    recommendations: "Keep the Tuesday evening sessions.",
  });
  // Feedback about the same provider waits beside it, so the queue shows two kinds.
  await giveFeedbackThroughTheApi(page.request, baseURL!, { serviceId: services[0].id, usage: "used", scores: { listened: 4 }, text: `It was fine (${own}).` });
  const moderator = await signedInPage(page, MODERATOR);

  await page.goto("/staff/moderation/");
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  const row = queueRow(page, id);
  await expect(row.getByRole("link")).toHaveText(`Group report from ${group.name}`);
  await expect(page.locator("#moderation-rows > li").filter({ hasText: `Feedback about ${services[0].name}` })).toHaveCount(1);
  await expect(page.getByRole("status")).toContainText(/Waiting: \d+ pieces? of feedback(,| and) \d+ group reports?/);
  await expect(page.locator("main")).not.toContainText("Kez");
  await expectAccessible(page);

  await row.getByRole("link").click();
  await expectPage(page, "Moderate a group report – OneDoor", `Group report from ${group.name}`);
  expect(new URL(page.url()).search).toBe(`?groupId=${group.id}&id=${id}`);
  const facts = page.locator("#texts-facts");
  await expect(facts).toContainText("People who took part7");
  await expect(facts).toContainText("ThemesFeeling safe");
  await expect(facts).toContainText(`Who it is for${services[0].name}, ${organisation.name} and the area's commissioners`);
  await expect(facts).toContainText("May be shown publiclyNo");
  await expect(page.getByRole("heading", { level: 2 })).toContainText(["Summary", "Recommendations", "Quote 1", "Quote 2", "Remove more words", "Your decision"]);
  // OneDoor's suggestion is marked with its kind in words, and ticked.
  await expect(page.locator("#part-2-text mark")).toHaveText("[to be removed, a phone number: 07700 900456]A phone number");
  await expect(page.getByRole("group", { name: "Words to remove from quote 1" }).getByRole("checkbox", { name: "“07700 900456”" })).toBeChecked();
  await expect(page.locator("#part-2-preview")).toHaveText("Ring me on [phone number removed] if you need to.");
  await expectAccessible(page);

  // The facilitator wrote a name OneDoor did not catch: removed once, from every text it is in.
  await page.getByLabel("Words to remove", { exact: true }).fill("Kez");
  await page.getByLabel("What are they?").selectOption({ label: "A person's name" });
  await page.getByRole("button", { name: "Remove these words" }).click();
  await expect(page.locator("#redaction-status")).toHaveText("“Kez” will be removed, in 2 places: from the summary and quote 2.");
  await expect(page.locator("#part-3-preview")).toHaveText("Big [name removed] from our estate walks me there.");
  await expect(page.getByRole("group", { name: "Words to remove from quote 2" }).getByRole("checkbox", { name: "“Kez”" })).toBeChecked();
  await expectAccessible(page);

  // Sending it back needs a reason.
  await page.getByRole("button", { name: "Send it back" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Say why you are sending it back.");
  await expect(page.getByLabel("Why are you sending it back?")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  const previewed = await previews(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expectDecided(page, "Group report approved");
  await expect(queueRow(page, id)).toHaveCount(0);

  await page.goto(reportHref(group.id, id));
  await expectPage(page, "Moderate a group report – OneDoor", "Group report");
  await expect(page.locator("#texts-decided")).toContainText(`This report has been approvedApproved by ${moderator.account.name}`);
  await expect(page.getByRole("button", { name: "Approve" })).toBeHidden();
  expect(await previews(page)).toEqual(previewed);
  await expectAccessible(page);

  await page.goto(reportHref(randomUUID(), randomUUID()));
  await expectPage(page, "Not found – OneDoor", "We could not find that report");
  await expectAccessible(page);

  // What the provider's manager reads is exactly what the moderator previewed.
  await signedInPage(page, managerOf(organisation.id));
  const read = await (await page.request.get(`/api/staff/group-reports?organisationId=${organisation.id}`)).json();
  const approved = read.reports.find((r: { id: string }) => r.id === id);
  expect([approved.redacted.summary, approved.redacted.recommendations, ...approved.redacted.quotes]).toEqual(previewed);
  expect(JSON.stringify(approved)).not.toMatch(/Kez|900456/);
});

test("a moderator sends a provider's answer back with a reason, then approves the next one", async ({ page, browser, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the phone journey: the desktop project moderates with the keyboard");
  const own = tag();
  const { organisation, services } = await newProvider();
  await signedInPage(page, MODERATOR);
  const text = `The wait was long and nobody rang back (${own}).`;
  await giveFeedbackThroughTheApi(page.request, baseURL!, { serviceId: services[0].id, usage: "used", scores: { waitOk: 1 }, text });
  const { pieces } = await (await page.request.get("/api/staff/moderation")).json();
  const piece = pieces.find((p: { kind: string; serviceName?: string }) => p.kind === "feedback" && p.serviceName === services[0].name);
  await call(page, `/api/staff/moderation/${piece.id}/decision`, { decision: "approve", redactions: [] });

  // The provider's manager answers in a browser of their own.
  const managerContext = await browser.newContext({ baseURL });
  const manager = await managerContext.newPage();
  await signedInPage(manager, managerOf(organisation.id));
  const query = new URLSearchParams({ target: "feedback", targetId: piece.id, organisationId: organisation.id });
  const answer = async (words: string) => {
    const response = await manager.request.post(`/api/staff/responses?${query}`, { data: { status: "heard", text: words }, headers: { origin: new URL(baseURL!).origin } });
    expect(response.status(), await response.text()).toBe(202);
  };
  await answer("Thank you. Our manager Priya Shah has rung everyone who was waiting.");

  await page.goto("/staff/moderation/");
  const row = queueRow(page, `feedback:${piece.id}:${organisation.id}`);
  await expect(row.getByRole("link")).toHaveText(`Answer from ${organisation.name}`);
  await expect(row).toContainText("An answer to feedback about one of their services.");
  await expectAccessible(page);

  await row.getByRole("link").click();
  await expectPage(page, "Moderate an answer – OneDoor", `Answer from ${organisation.name}`);
  await expect(page.locator("#texts-facts")).toContainText("What they sayWe have heard this");
  await expect(page.locator("#texts-intro")).toContainText("Check it only for personal data");
  await expect(page.getByRole("heading", { level: 2, name: "Their answer" })).toBeVisible();
  await expect(page.locator("#part-0-preview")).toHaveText("Thank you. Our manager [name removed] has rung everyone who was waiting.");
  await page.getByLabel("Why are you sending it back?").fill("Please leave out the manager's name.");
  await page.getByRole("button", { name: "Send it back" }).click();
  await expectDecided(page, "Answer sent back");
  await expect(row).toHaveCount(0);

  await answer("Thank you. We have rung everyone who was waiting.");
  await page.goto(`/staff/moderation/texts/?${query}`);
  await expectPage(page, "Moderate an answer – OneDoor", `Answer from ${organisation.name}`);
  const previewed = await page.locator("#part-0-preview").textContent();
  await page.getByRole("button", { name: "Approve" }).click();
  await expectDecided(page, "Answer approved");

  const { responses } = await (await manager.request.get(`/api/staff/responses?${query}`)).json();
  expect(responses.map((r: { current: { text: string } }) => r.current.text)).toEqual([previewed]);
  await managerContext.close();
});

test("moderating a group report with the keyboard only", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  const { group, id } = await sentReport(page, { summary: `We talked about getting there (${tag()}).`, quotes: ["Ring me on 07700 900456 if you need to."] });
  await signedInPage(page, MODERATOR);
  await page.goto(reportHref(group.id, id));
  await expectPage(page, "Moderate a group report – OneDoor", `Group report from ${group.name}`);

  const box = page.getByRole("checkbox", { name: "“07700 900456”" });
  await tabTo(page, (el) => el.id === "redaction-1-0");
  await page.keyboard.press("Space");
  await expect(box).not.toBeChecked();
  await expect(page.locator("#redaction-status")).toHaveText("“07700 900456” will stay in.");
  await expect(page.locator("#part-1-preview")).toHaveText("Ring me on 07700 900456 if you need to.");
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await expect(page.locator("#part-1-preview")).toHaveText("Ring me on [phone number removed] if you need to.");

  await tabTo(page, (el) => el.tag === "button" && el.text === "Approve");
  await page.keyboard.press("Enter");
  await expectDecided(page, "Group report approved");
});
