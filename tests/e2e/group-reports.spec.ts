import type { Page } from "@playwright/test";
import { asModerator } from "../support/feedback";
import { expect, expectAccessible, expectPage, test } from "../support/fixtures";
import { newGroup, newProvider, signedInPage } from "../support/staff-e2e";

/**
 * Group reports (J5) as their readers see them, and "you said, we did" on them: the report is
 * recorded, sent and approved through the API; the pages are the point. Walked once, on a phone.
 */

const origin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

/** Playwright's request API sends no Origin of its own; the API refuses unsafe requests without it. */
async function post(page: Page, baseURL: string, path: string, data?: unknown) {
  const response = await page.request.post(path, { data, headers: origin(baseURL) });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test("an addressed commissioner reads an approved report; the organisation's manager answers it, waits for a moderator, then answers again with the history kept", async ({ page, browser, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "walked once, on a phone");
  const { group, organisation, services } = await newGroup();
  const summary = `The group talked about waiting ${crypto.randomUUID().slice(0, 6)}.`;
  await signedInPage(page, [{ role: "facilitator", groupId: group.id }]);
  const draft = await post(page, baseURL!, `/api/staff/groups/${group.id}/reports`, {
    date: "2026-11-20",
    participants: 6,
    themes: ["waiting"],
    summary,
    quotes: [{ text: "Nobody called me back.", consent: true }],
    recommendations: "Call people on the waiting list every two weeks.",
    addressedTo: { serviceIds: [services[0].id], organisationIds: [], commissioners: true },
    mayShowPublicly: false,
  });
  await post(page, baseURL!, `/api/staff/groups/${group.id}/reports/${draft.id}/send`);
  await asModerator(browser, baseURL!, (m) => post(m, baseURL!, `/api/staff/moderation/group-reports/${group.id}/${draft.id}/decision`, { decision: "approve", redactions: {} }));
  const answerQuery = new URLSearchParams({ target: "group-report", targetId: draft.id, groupId: group.id, organisationId: organisation.id });
  const approveAnswer = () => asModerator(browser, baseURL!, (m) => post(m, baseURL!, `/api/staff/moderation/responses/decision?${answerQuery}`, { decision: "approve" }));

  // The area's commissioners read it, in words.
  await signedInPage(page, [{ role: "commissioner", areaId: group.areaId }]);
  await page.goto("/staff/group-reports/");
  await expectPage(page, "Group reports – OneDoor", "Group reports");
  const card = page.locator(`#report-${draft.id}`);
  await expect(card.getByRole("heading", { level: 2 })).toHaveText(group.name);
  await expect(card).toContainText("Session on 20 November 2026");
  await expect(card).toContainText("People who took part6");
  await expect(card).toContainText("Waiting for support");
  await expect(card).toContainText(summary);
  await expect(card.locator("blockquote")).toHaveText("Nobody called me back.");
  await expect(card).toContainText(services[0].name);
  await expect(card).toContainText("No answer yet.");
  await expect(card.getByRole("button", { name: "Send for checking" })).toHaveCount(0);
  await expect(page.locator("#reports-status")).toHaveText(/^Showing 1 report to commissioners in /);
  await expectAccessible(page);

  // Commissioners of another area have none.
  const { area } = await newProvider();
  await signedInPage(page, [{ role: "commissioner", areaId: area.id }]);
  await page.goto("/staff/group-reports/");
  await expect(page.getByRole("heading", { name: "No group reports yet" })).toBeVisible();
  await expect(page.locator("#reports-rows li")).toHaveCount(0);
  await expectAccessible(page);

  // The organisation's manager answers; a form sent empty says what is missing.
  await signedInPage(page, [{ role: "manager", organisationId: organisation.id }]);
  await page.goto("/staff/group-reports/");
  await card.getByText("Answer this").click();
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("Choose what you are doing about it.");
  await expectAccessible(page);
  await card.getByLabel("A change is planned").check();
  await card.getByLabel("Your answer").fill("We will call everyone on our list every two weeks.");
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(card.getByRole("status").filter({ hasText: "Thank you: your answer is sent" })).toBeFocused();
  await page.reload();
  await expect(card.locator(".answer-waiting")).toContainText(/^Your answer from \d+ \w+ \d{4} is waiting for a moderator/);
  await expectAccessible(page);

  // Approved, it shows; answered again and approved, the first answer is kept underneath.
  await approveAnswer();
  await page.reload();
  await expect(card.locator(".answer")).toContainText("A change is planned");
  await expect(card.locator(".answer-waiting")).toHaveCount(0);
  await card.getByText("Answer this").click();
  await card.getByLabel("We have made a change").check();
  await card.getByLabel("Your answer").fill("We now call everyone on our list every two weeks.");
  await card.getByRole("button", { name: "Send for checking" }).click();
  await expect(card.getByText("Thank you: your answer is sent")).toBeVisible();
  await approveAnswer();
  await page.reload();
  await expect(card.locator(".answer > p strong").first()).toHaveText("We have made a change");
  await card.getByText("What they said before (1)").click();
  await expect(card.locator(".answer-history")).toContainText("A change is planned");
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/group-reports-phone.png", fullPage: true });
});
