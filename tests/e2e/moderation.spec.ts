import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import type { FeedbackInput as Feedback } from "../../functions/domain/feedback";
import type { Grant } from "../../functions/domain/roles";
import { EXAMPLE_AREAS } from "../../functions/local/seed";
import { giveFeedbackThroughTheApi } from "../support/feedback";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { HARBOUR_YOUNG_PEOPLE } from "../support/requests";
import { BRISTOL, HARBOUR, signedInPage, WORKER } from "../support/staff-e2e";

/**
 * Moderation (J9) and approved feedback: the queue, one piece with its proposed redactions and
 * its safeguarding panel, the decision, and what providers and commissioners then read, with axe
 * on each state. Feedback is given through the API. The queue is everyone's and other tests add
 * to it at the same time, so each test finds its own pieces by their text and never counts the list.
 */

const MODERATOR: Grant[] = [{ role: "moderator" }];
const LEEDS = EXAMPLE_AREAS.find((a) => a.name === "Leeds")!;
const SERVICE = HARBOUR_YOUNG_PEOPLE;

type Piece = { id: string; text: string; proposals: { start: number; end: number; kind: string; text: string }[]; redactedText?: string };

/** A piece's text of this test's own (the phone and desktop projects run each test at once): the tag is nothing the redaction rules remove. */
const own = (text: string) => `${text} (${randomUUID().slice(0, 8)})`;

const aPiece = (text: string, overrides: Partial<Feedback> = {}): Feedback => ({
  serviceId: SERVICE.id,
  usage: "used",
  scores: { listened: 5, safe: 4, waitOk: 2 },
  text,
  ...overrides,
});

/**
 * Gives feedback, then finds it as the moderator signed in in this page's context: the queue has
 * no text, so each piece that arrived since is opened until one has this text.
 */
async function give(page: Page, baseURL: string, feedback: Feedback): Promise<Piece> {
  const since = new Date(Date.now() - 2_000).toISOString();
  await giveFeedbackThroughTheApi(page.request, baseURL, feedback);
  const { pieces } = (await (await page.request.get("/api/staff/moderation")).json()) as { pieces: { id: string; receivedAt: string }[] };
  for (const { id } of pieces.filter((p) => p.receivedAt >= since)) {
    const { piece } = (await (await page.request.get(`/api/staff/moderation/${id}`)).json()) as { piece: Piece };
    if (piece.text === feedback.text) return piece;
  }
  throw new Error("The feedback just given is not in the moderation queue");
}

/** Decides through the API, as the moderator signed in in this page's context. */
async function decide(page: Page, baseURL: string, id: string, body: Record<string, unknown>) {
  const response = await page.request.post(`/api/staff/moderation/${id}/decision`, { data: body, headers: { origin: new URL(baseURL).origin } });
  expect(response.status(), await response.text()).toBe(200);
}

const pieceHref = (id: string) => `/staff/moderation/piece/?id=${id}`;
const queueRow = (page: Page, id: string) => page.locator(`#moderation-rows > li[data-id="${id}"]`);
const feedbackRow = (page: Page, id: string) => page.locator(`#feedback-rows > li[data-id="${id}"]`);

async function expectProblem(page: Page, message: string) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(/^Error: /);
}

async function expectDecided(page: Page, heading: string) {
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  await expect(page.locator("#moderation-done")).toBeFocused();
  await expect(page.locator("#moderation-done h2")).toHaveText(heading);
  expect(new URL(page.url()).search).toBe("");
}

test("a moderator removes what identifies someone and approves it; Harbour's workers read only the redacted text, and never a rejected piece", async ({ page, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the phone journey: the desktop project moderates with the keyboard");
  const TEXT = "Sarah Jones helped me. I go to St Mary's Academy. My number is 07700 900123.";
  await signedInPage(page, MODERATOR);
  const piece = await give(page, baseURL!, aPiece(TEXT));
  const unwanted = await give(page, baseURL!, aPiece(own("This is about my school, not the service."), { usage: "waiting" }));

  await page.goto("/staff/home/");
  await expect(page.locator("#sections a")).toHaveText(["Moderation"]);
  await page.getByRole("link", { name: "Moderation" }).click();
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  await expect(queueRow(page, piece.id)).toContainText(SERVICE.name);
  await expect(queueRow(page, piece.id)).toContainText(/Received (just now|\d+ minutes? ago)/);
  // The list never shows what anyone wrote.
  await expect(page.locator("main")).not.toContainText("Sarah");
  await expectAccessible(page);

  await queueRow(page, piece.id).getByRole("link", { name: `Feedback about ${SERVICE.name}` }).click();
  await expectPage(page, "Moderate feedback – OneDoor", `Feedback about ${SERVICE.name}`);
  await expect(page.locator("#piece-facts")).toContainText("I used it");
  await expect(page.locator("#piece-scores")).toContainText("I felt listened toStrongly agree");
  await expect(page.locator("#piece-scores")).toContainText("The wait was OKDisagree");
  // Each proposal is highlighted, with its kind in words for screen readers and on screen.
  const marks = page.locator("#piece-text mark");
  await expect(marks).toHaveText([
    "[to be removed, a person's name: Sarah Jones]A person's name",
    "[to be removed, a school or college: St Mary's Academy]A school or college",
    "[to be removed, a phone number: 07700 900123]A phone number",
  ]);
  await expect(page.getByRole("checkbox", { name: "“Sarah Jones”" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "“St Mary's Academy”" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "“07700 900123”" })).toBeChecked();
  await expect(page.locator("#piece-preview")).toHaveText("[name removed] helped me. I go to [school removed]. My number is [phone number removed].");
  await expect(page.locator("#risk")).toBeHidden();
  await expectAccessible(page);

  // Words selected across a highlight are the words as written, without the page's own labels.
  await page.locator("#piece-text").evaluate((box) => {
    const mark = box.querySelector("mark")!;
    const range = document.createRange();
    range.setStart(mark.childNodes[1]!, "Sarah ".length);
    range.setEnd(mark.nextSibling!, " helped".length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  });
  await page.getByRole("button", { name: "Use the words I selected" }).click();
  await expect(page.getByLabel("Words to remove", { exact: true })).toHaveValue("Jones helped");
  await page.getByLabel("Words to remove", { exact: true }).fill("");

  await page.getByRole("button", { name: "Approve" }).click();
  await expectDecided(page, "Feedback approved");
  await expect(queueRow(page, piece.id)).toHaveCount(0);
  await expectAccessible(page);

  // Rejecting needs a reason.
  await page.goto(pieceHref(unwanted.id));
  await expectPage(page, "Moderate feedback – OneDoor", `Feedback about ${SERVICE.name}`);
  await page.getByRole("button", { name: "Reject" }).click();
  await expectProblem(page, "Say why you are rejecting it.");
  await expect(page.getByLabel("Why are you rejecting it?")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Why are you rejecting it?").fill("It is about a school, not the service.");
  await page.getByRole("button", { name: "Reject" }).click();
  await expectDecided(page, "Feedback rejected");

  await signedInPage(page, WORKER);
  await page.goto("/staff/feedback/");
  await expectPage(page, "Feedback – OneDoor", "Feedback");
  const row = feedbackRow(page, piece.id);
  await expect(row.locator(".feedback-text")).toHaveText("What they said: [name removed] helped me. I go to [school removed]. My number is [phone number removed].");
  await expect(row).not.toContainText(/Sarah|Mary's|900123/);
  await expect(row.getByRole("heading", { name: SERVICE.name })).toBeVisible();
  await expect(row).toContainText(new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date()));
  await expect(row).toContainText("How they know the serviceI used it");
  await expect(row).toContainText("I felt safeAgree");
  await expect(feedbackRow(page, unwanted.id)).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText(`of feedback about the services of ${HARBOUR.name}`);
  await expectAccessible(page);
});

test("a piece that may mean someone is at risk: the safeguarding panel comes first, and no decision until what was done is recorded", async ({ page, baseURL, requests: _ }) => {
  await signedInPage(page, MODERATOR);
  const piece = await give(page, baseURL!, aPiece(own("I want to kill myself. He is still doing it.")));

  // Risk first in the queue, flagged in words.
  await page.goto("/staff/moderation/");
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  await expect(queueRow(page, piece.id).locator(".tag--urgent")).toHaveText("May mean someone is at risk");
  const flags = await page.locator("#moderation-rows > li").evaluateAll((rows) => rows.map((r) => r.classList.contains("moderation-row--risk")));
  expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  await expectAccessible(page);

  await queueRow(page, piece.id).getByRole("link").click();
  await expectPage(page, "Moderate feedback – OneDoor", `Feedback about ${SERVICE.name}`);
  const risk = page.getByRole("region", { name: "This may mean someone is at risk" });
  await expect(risk).toContainText("“kill myself”");
  await expect(risk).toContainText("“he is still doing it”");
  await expect(risk).toContainText("There is no way to contact the person who wrote this.");
  await expect(risk).toContainText(`This feedback is about ${SERVICE.name}. Tell that service's safeguarding lead`);
  await expect(page.getByText("Record what you did about the possible risk first.")).toBeVisible();
  await expectAccessible(page);

  // Deciding first is refused, and the summary leads to the box to fill in.
  await page.getByLabel("Why are you rejecting it?").fill("Not feedback about the service.");
  await page.getByRole("button", { name: "Reject" }).click();
  await expectProblem(page, "Record what you did about it first.");
  await page.getByRole("alert").getByRole("link").click();
  await expect(page.getByLabel("What did you do?")).toBeFocused();
  await expectAccessible(page);

  await page.getByLabel("What did you do?").fill("Told Harbour's safeguarding lead by phone at 10:20.");
  await page.getByRole("button", { name: "Record what I did" }).click();
  await expect(page.locator("#piece-done")).toBeFocused();
  await expect(page.locator("#piece-done")).toContainText("What you did is recorded");
  await expect(risk).toContainText("Told Harbour's safeguarding lead by phone at 10:20.");
  await expect(page.getByLabel("What did you do?")).toBeHidden();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Reject" }).click();
  await expectDecided(page, "Feedback rejected");
});

test("commissioners read the approved feedback for their area, with a choice of area; a provider with none sees that said plainly; other roles are told it is not for them", async ({ page, baseURL, requests: _ }) => {
  expect(SERVICE.areaIds).toContain(BRISTOL.id);
  expect(SERVICE.areaIds).not.toContain(LEEDS.id);
  await signedInPage(page, MODERATOR);
  const piece = await give(page, baseURL!, aPiece(own("Jess listened to me and I felt believed.")));
  await decide(page, baseURL!, piece.id, { decision: "approve", redactions: piece.proposals });

  await signedInPage(page, [{ role: "commissioner", areaId: BRISTOL.id }, { role: "commissioner", areaId: LEEDS.id }]);
  await page.goto("/staff/feedback/");
  await expectPage(page, "Feedback – OneDoor", "Feedback");
  const row = feedbackRow(page, piece.id);
  await expect(row.locator(".feedback-text")).toHaveText(/^What they said: \[name removed\] listened to me and I felt believed\./);
  await expect(row).toContainText("The wait was OKDisagree");
  await expect(page.locator("#feedback-intro")).toHaveText("What people said about services in Bristol, newest first.");
  await expect(page.getByLabel("Whose feedback").locator("option")).toHaveText(["Services in Bristol", "Services in Leeds"]);
  await expectAccessible(page);

  await page.getByLabel("Whose feedback").selectOption({ label: "Services in Leeds" });
  await page.getByRole("button", { name: "Show feedback" }).click();
  await expect(page.getByRole("status")).toContainText("services in Leeds");
  await expect(row).toHaveCount(0);

  // A provider nobody has written about yet.
  await signedInPage(page, [{ role: "worker", organisationId: randomUUID() }]);
  await page.goto("/staff/feedback/");
  await expectPage(page, "Feedback – OneDoor", "Feedback");
  await expect(page.getByRole("heading", { name: "No feedback yet" })).toBeVisible();
  await expect(page.locator("#feedback-empty")).toContainText("a moderator reads it first and removes anything that could identify them");
  await expect(page.locator("#feedback-scope")).toBeHidden();
  await expectAccessible(page);

  await signedInPage(page, [{ role: "navigator", areaId: BRISTOL.id }]);
  await page.goto("/staff/feedback/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
  await expect(page.locator("main")).not.toContainText("believed");
  await expectAccessible(page);
  await page.goto("/staff/moderation/");
  await expectPage(page, "No access – OneDoor", "Your role does not let you see this");
});

test("the queue when nothing waits, and when it cannot load", async ({ page, requests: _ }) => {
  await signedInPage(page, MODERATOR);
  // The queue is everyone's, so an empty one is the API's answer stood in for.
  let calls = 0;
  await page.route("**/api/staff/moderation", (route) =>
    calls++ === 0
      ? route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "database.unavailable", message: "OneDoor is not available just now. Please try again in a minute.", fields: [] } }) })
      : route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ pieces: [] }) }),
  );
  await page.goto("/staff/moderation/");
  await expectPage(page, "Moderation – OneDoor", "Moderation");
  await expect(page.getByRole("heading", { name: "We could not load what is waiting" })).toBeFocused();
  await expect(page.getByText("OneDoor is not available just now.")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Nothing to moderate" })).toBeVisible();
  await expect(page.getByRole("status")).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("Nothing is waiting.");
  await expectAccessible(page);
});

test("moderating one piece with the keyboard only", async ({ page, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  await signedInPage(page, MODERATOR);
  const piece = await give(page, baseURL!, aPiece(own("Jess listened to me and I felt believed. We met at the library in Clifton.")));
  expect(piece.proposals.map((p) => p.text).slice(0, 2)).toEqual(["Jess", "Clifton"]);

  await page.goto(pieceHref(piece.id));
  await expectPage(page, "Moderate feedback – OneDoor", `Feedback about ${SERVICE.name}`);
  await expectAccessible(page);

  // Keep "Clifton" in: a big enough place that nobody is picked out by it.
  await tabTo(page, (el) => el.id === "redaction-1");
  await page.keyboard.press("Space");
  await expect(page.getByRole("checkbox", { name: "“Clifton”" })).not.toBeChecked();
  await expect(page.locator("#redaction-status")).toHaveText("“Clifton” will stay in.");
  // Remove "the library" instead: typed, with its kind chosen from the list.
  await tabTo(page, (el) => el.id === "add-words");
  await page.keyboard.type("the library");
  await tabTo(page, (el) => el.id === "add-kind");
  await page.keyboard.press("End");
  await expect(page.getByLabel("What are they?")).toHaveValue("place");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#redaction-status")).toHaveText("“the library” will be removed, in 1 place.");
  await expect(page.locator("#piece-preview")).toHaveText(/^\[name removed\] listened to me and I felt believed\. We met at \[place removed\] in Clifton\./);
  await expect(page.getByLabel("Words to remove", { exact: true })).toHaveValue("");

  await tabTo(page, (el) => el.tag === "button" && el.text === "Approve");
  await page.keyboard.press("Enter");
  await expectDecided(page, "Feedback approved");
  await expectAccessible(page);
  const approved = (await (await page.request.get(`/api/staff/moderation/${piece.id}`)).json()) as { piece: Piece };
  expect(approved.piece.redactedText).toMatch(/^\[name removed\] listened to me and I felt believed\. We met at \[place removed\] in Clifton\./);
});
