import type { Page } from "@playwright/test";
import { asModerator, giveFeedbackThroughTheApi, waitingPieces } from "../support/feedback";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { newGroup, newProvider, signedInPage } from "../support/staff-e2e";

/**
 * Group reports (J5) as their readers see them, and "you said, we did" on them, as one journey
 * walked once, on a phone: recorded, approved, read and answered through the pages; the
 * feedback behind the public page is given and approved through the API.
 */

const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

/** Playwright's request API sends no Origin of its own; the API refuses unsafe requests without it. */
async function post(page: Page, baseURL: string, path: string, data?: unknown) {
  const response = await page.request.post(path, { data, headers: origin(baseURL) });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test("the whole loop on a phone: a session recorded with a quote refused until taken out, approved by a moderator, read by its area's commissioners only, answered twice, and shown publicly only from the fifth approved piece of feedback", async ({ page, browser, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "walked once, on a phone");
  test.setTimeout(150_000);
  const { group, organisation, services } = await newGroup();
  const service = services[0];
  const tag = crypto.randomUUID().slice(0, 6);

  // The facilitator records the session; a quote without the person's agreement is refused.
  await signedInPage(page, [{ role: "facilitator", groupId: group.id }]);
  await page.goto("/staff/groups/");
  await page.getByRole("link", { name: `Record a session of ${group.name}` }).click();
  await expectPage(page, "Record a session – OneDoor", "Record a session");
  await page.getByLabel("How many people took part").fill("8");
  await page.getByRole("checkbox", { name: "Waiting for support" }).check();
  await page.getByLabel("Summary").fill(`The group said the wait felt endless (${tag}).`);
  await page.getByRole("button", { name: "Add a quote" }).click();
  await page.locator("#quotes > li").nth(0).locator("textarea").fill("Nobody told us how long it would be.");
  await page.locator("#quotes > li").nth(0).getByRole("checkbox", { name: "The person agreed to share this" }).check();
  await page.getByRole("button", { name: "Add a quote" }).click();
  await page.locator("#quotes > li").nth(1).locator("textarea").fill("My mum had to ring them every week.");
  await page.getByLabel("What the group would like to change").fill("Tell people every month where they are on the list.");
  await page.getByRole("checkbox", { name: service.name }).check();
  await page.getByRole("checkbox", { name: "The area's commissioners" }).check();
  await page.getByRole("checkbox", { name: "It may be shown publicly" }).check();
  await page.getByRole("button", { name: "Send to moderation" }).click();
  await expect(page.getByRole("alert")).toContainText("Quote 2: tick that the person agreed to share it, or take it out.");
  await expectAccessible(page);
  // The person did not agree, so the quote comes out, and the report goes.
  await page.getByRole("button", { name: /^Remove quote 2/ }).click();
  await page.getByRole("button", { name: "Send to moderation" }).click();
  await expectPage(page, "Sent to moderation – OneDoor", "Sent to moderation");

  // A moderator approves it on the moderation page.
  const reportId = await asModerator(browser, baseURL!, async (m) => {
    await m.goto("/staff/moderation/");
    const link = m.getByRole("link", { name: `Group report from ${group.name}` });
    const id = (await link.locator("xpath=ancestor::li[1]").getAttribute("data-id"))!;
    await link.click();
    await expectPage(m, "Moderate a group report – OneDoor", `Group report from ${group.name}`);
    await expect(m.getByRole("heading", { level: 2 })).toContainText(["Summary", "Recommendations", "Quote 1"]);
    await expect(m.locator("main")).not.toContainText("My mum had to ring them");
    await m.getByRole("button", { name: "Approve" }).click();
    await expect(m.locator("#moderation-done h2")).toHaveText("Group report approved");
    return id;
  });

  // The area's commissioners read it; another area's do not.
  await signedInPage(page, [{ role: "commissioner", areaId: group.areaId }]);
  await page.goto("/staff/group-reports/");
  const card = page.locator(`#report-${reportId}`);
  await expect(card).toContainText(`The group said the wait felt endless (${tag}).`);
  await expect(card.locator("blockquote")).toHaveText("Nobody told us how long it would be.");
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(group.name);
  await expect(card).toContainText("No answer yet.");
  // A commissioner reads; only the organisation's manager answers.
  await expect(card.getByRole("button", { name: "Send for checking" })).toHaveCount(0);
  await expect(page.locator("#reports-status")).toHaveText(/^Showing \d+ reports? to commissioners in /);
  await expectAccessible(page);
  const { area } = await newProvider();
  await signedInPage(page, [{ role: "commissioner", areaId: area.id }]);
  await page.goto("/staff/group-reports/");
  await expect(page.getByRole("heading", { name: "No group reports yet" })).toBeVisible();
  const elsewhere = await (await page.request.get(`/api/staff/group-reports?areaId=${area.id}`)).json();
  expect(JSON.stringify(elsewhere)).not.toContain(tag);

  // The organisation's manager answers "a change is planned"; a moderator approves it; later "we have made a change".
  // A form sent empty says what is missing; a sent answer waits for a moderator.
  await signedInPage(page, [{ role: "manager", organisationId: organisation.id }]);
  await page.goto("/staff/group-reports/");
  await card.getByText("Answer this").click();
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("Choose what you are doing about it.");
  await expectAccessible(page);
  await card.getByLabel("A change is planned").check();
  await card.getByLabel("Your answer").fill(`From January we will write to everyone on the list each month (${tag}).`);
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Thank you: your answer is sent" })).toBeFocused();
  await page.reload();
  await expect(card.locator(".answer-waiting")).toContainText(/^Your answer from \d+ \w+ \d{4} is waiting for a moderator/);
  await expectAccessible(page);
  const answerQuery = new URLSearchParams({ target: "group-report", targetId: reportId, groupId: group.id, organisationId: organisation.id });
  const approveAnswer = () => asModerator(browser, baseURL!, (m) => post(m, baseURL!, `/api/staff/moderation/responses/decision?${answerQuery}`, { decision: "approve" }));
  await approveAnswer();
  await page.reload();
  await expect(card.locator(".answer")).toContainText("A change is planned");
  await expect(card.locator(".answer-waiting")).toHaveCount(0);
  await card.getByText("Answer this").click();
  await card.getByLabel("We have made a change").check();
  await card.getByLabel("Your answer").fill(`We now write to everyone on the list each month (${tag}).`);
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(card.getByText("Thank you: your answer is sent")).toBeVisible();
  await approveAnswer();
  // Answered again and approved, the first answer is kept underneath.
  await page.reload();
  await expect(card.locator(".answer > p strong").first()).toHaveText("We have made a change");
  await card.getByText("What they said before (1)").click();
  await expect(card.locator(".answer-history")).toContainText("A change is planned");
  await expectAccessible(page);

  // The service's public page keeps it back until five pieces of feedback are approved.
  const approveFeedback = (n: number) =>
    asModerator(browser, baseURL!, async (m) => {
      const since = new Date(Date.now() - 2_000);
      for (let i = 0; i < n; i++) await giveFeedbackThroughTheApi(m.request, baseURL!, { serviceId: service.id, usage: "used", scores: { listened: 4 }, text: `It helped (${tag}).` });
      for (const piece of await waitingPieces(m, service.name, since)) {
        await post(m, baseURL!, `/api/staff/moderation/${piece.id}/decision`, { decision: "approve", redactions: piece.proposals });
      }
    });
  await approveFeedback(4);
  await page.goto(`/service/?id=${service.id}`);
  const said = page.locator("#what-people-said");
  await expect(said).toContainText("Not enough people have told us about this service yet");
  await expect(said).not.toContainText(tag);
  await approveFeedback(1);
  await page.reload();
  await expect(said.locator(".voice-report")).toContainText(`The group said the wait felt endless (${tag}).`);
  await expect(said.locator(".voice-report")).not.toContainText("My mum had to ring them");
  const answer = said.locator(".voice-responses li").filter({ hasText: tag });
  await expect(answer.locator(".voice-status")).toHaveText("We have made a change");
  await expect(answer).toContainText(`We now write to everyone on the list each month (${tag}).`);
  await expectAccessible(page);
});
