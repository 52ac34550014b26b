import type { Browser, Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { FeedbackInput as Feedback } from "../../functions/domain/feedback";
import { giveFeedbackThroughTheApi } from "../support/feedback";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { newProvider, signedInPage } from "../support/staff-e2e";

/**
 * "What people said" on a public service page and "you said, we did" on the staff feedback page.
 * Each run makes a provider and service of its own, so other tests' feedback never changes the
 * counts; feedback is given and approved through the API, and each flow is walked once.
 */

type Piece = { id: string; text: string; proposals: unknown[] };

/** A moderator of their own, signed in in a browser context apart from the page under test. */
async function moderatorPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signedInPage(page, [{ role: "moderator" }]);
  return page;
}

const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

/** Gives a piece and approves it as the moderator; returns its id. */
async function giveAndApprove(moderator: Page, baseURL: string, feedback: Feedback): Promise<string> {
  const since = new Date(Date.now() - 2_000).toISOString();
  await giveFeedbackThroughTheApi(moderator.request, baseURL, feedback);
  const { pieces } = (await (await moderator.request.get("/api/staff/moderation")).json()) as { pieces: { id: string; receivedAt?: string }[] };
  for (const { id, receivedAt } of pieces) {
    if (receivedAt && receivedAt < since) continue;
    const { piece } = (await (await moderator.request.get(`/api/staff/moderation/${id}`)).json()) as { piece: Piece };
    if (piece.text !== feedback.text) continue;
    const decided = await moderator.request.post(`/api/staff/moderation/${id}/decision`, { data: { decision: "approve", redactions: piece.proposals }, headers: origin(baseURL) });
    expect(decided.status(), await decided.text()).toBe(200);
    return id;
  }
  throw new Error("The feedback just given is not in the moderation queue");
}

/** Approves the organisation's waiting answer to a piece, as a moderator does after checking it. */
async function approveAnswer(moderator: Page, baseURL: string, pieceId: string, organisationId: string) {
  const query = new URLSearchParams({ target: "feedback", targetId: pieceId, organisationId });
  const response = await moderator.request.post(`/api/staff/moderation/responses/decision?${query}`, { data: { decision: "approve" }, headers: origin(baseURL) });
  expect(response.status(), await response.text()).toBe(200);
}

test("a service's page says there is not enough yet with 4, shows what people said with 5, and the provider's answer once checked; the staff page keeps its history", async ({ page, browser, baseURL, requests: _ }, info) => {
  test.setTimeout(120_000);
  const { organisation, services } = await newProvider();
  const service = services[0];
  const tag = randomUUID().slice(0, 8);
  const moderator = await moderatorPage(browser, baseURL!);
  const piece = (n: number, mayShowPublicly: boolean): Feedback => ({
    serviceId: service.id,
    usage: "used",
    scores: { listened: 4, safe: 4, waitOk: 2 },
    text: `The worker was kind and the room was calm, visit ${n} (${tag})`,
    mayShowPublicly,
  });
  const ids: string[] = [];
  for (let n = 1; n <= 4; n++) ids.push(await giveAndApprove(moderator, baseURL!, piece(n, n === 1)));

  await page.goto(`/service/?id=${service.id}`);
  const section = page.locator("#what-people-said");
  await expect(section.getByRole("heading", { name: "What people said" })).toBeVisible();
  await expect(section).toContainText("Not enough people have told us about this service yet");
  await expect(section).not.toContainText("I felt listened to");
  await expectAccessible(page);

  ids.push(await giveAndApprove(moderator, baseURL!, piece(5, false)));
  await page.reload();
  await expect(section).toContainText("5 people told us what this service was like");
  await expect(section.locator(".voice-score").first()).toContainText("Most people agreed: I felt listened to");
  await expect(section).toContainText("4 out of 5");
  await expect(section).toContainText("The wait was OK");
  await expect(section).toContainText("The service has not answered what people said yet.");
  await expectAccessible(page);

  // A manager of the provider answers the first piece on the staff page.
  await signedInPage(page, [{ role: "manager", organisationId: organisation.id }]);
  await page.goto("/staff/feedback/");
  await expectPage(page, "Feedback – OneDoor", "Feedback");
  const first = page.locator(`#feedback-rows > li[data-id="${ids[0]}"]`);
  await expect(first).toContainText("No answer yet");
  await expect(page.locator("#unanswered")).toContainText("Everything approved more than 28 days ago has an answer.");

  // The first person said yes to showing their words, and the manager shows them; the fifth said no, so there is nothing to offer.
  await first.getByRole("button", { name: "Show on the service's page" }).click();
  await expect(first.locator(".excerpt-message")).toHaveText("These words now show on the service's page.");
  const fifth = page.locator(`#feedback-rows > li[data-id="${ids[4]}"]`);
  await expect(fifth.getByRole("button", { name: "Show on the service's page" })).toHaveCount(0);
  await expect(fifth).toContainText("The person did not agree to their words being shown");

  await first.getByText("Answer this").click();
  await first.getByRole("button", { name: "Send for checking" }).click();
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("Choose what you are doing about it.");
  await expectAccessible(page);

  await first.getByLabel("We cannot change this").check();
  await expect(first.getByLabel("Why can you not change it?")).toBeVisible();
  await first.getByLabel("A change is planned").check();
  await expect(first.getByLabel("Why can you not change it?")).toBeHidden();
  await first.getByLabel("Your answer").fill("From January you can choose a morning or an evening time.");
  if (info.project.name === "phone") await page.screenshot({ path: "/tmp/voice-staff-answer-form.png", fullPage: false });
  await first.getByRole("button", { name: "Send for checking" }).click();
  await expect(first.getByRole("status").filter({ hasText: "Your answer waits for a moderator to check it for anything personal" })).toBeFocused();
  await expectAccessible(page);

  await approveAnswer(moderator, baseURL!, ids[0]!, organisation.id);
  await page.goto(`/service/?id=${service.id}`);
  const answers = section.locator(".voice-responses");
  await expect(answers).toContainText("A change is planned");
  await expect(answers).toContainText("From January you can choose a morning or an evening time.");
  await expect(section.locator(".voice-quotes")).toContainText(`visit 1 (${tag})`);
  await expectAccessible(page);
  if (info.project.name === "phone") await section.screenshot({ path: "/tmp/voice-public-section.png" });

  // Later the change is made: the answer is changed (through the API here) and checked again.
  const query = new URLSearchParams({ target: "feedback", targetId: ids[0]!, organisationId: organisation.id });
  const changed = await page.request.post(`/api/staff/responses?${query}`, { data: { status: "change-made", text: "You can now choose a morning or an evening time." }, headers: origin(baseURL!) });
  expect(changed.status(), await changed.text()).toBe(202);
  await approveAnswer(moderator, baseURL!, ids[0]!, organisation.id);
  await page.goto("/staff/feedback/");
  await expect(first.locator(".answer")).toContainText("We have made a change");
  await first.getByText("What they said before (1)").click();
  await expect(first.locator(".answer-history")).toContainText("A change is planned");
  await expect(first.getByRole("button", { name: "Stop showing on the service's page" })).toBeVisible();
  await expectAccessible(page);
  await moderator.context().close();
});
