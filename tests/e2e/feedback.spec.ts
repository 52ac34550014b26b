import type { Page, Request } from "@playwright/test";
import { EXIT_URL } from "../../site/src/config";
import { askForSupport, openCheckIn, signIn, YOUNG_PEOPLE, FAMILY } from "../support/check-in";
import { AT_RISK_TEXT, asModerator, NAMING_TEXT, waitingPieces } from "../support/feedback";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";
import { HARBOUR_YOUNG_PEOPLE } from "../support/requests";

/**
 * Tell us how it went (J4): one question a page, as /ask/ asks (its history, Back and Change are
 * tested in ask.spec.ts, on the same code). A young person's journey from a service page on the
 * phone; the keyboard on the desktop; errors, Exit, the helplines and /check-in/ on both. Axe
 * runs on every step on the way, so no journey is walked twice for it.
 */

const HARBOUR = HARBOUR_YOUNG_PEOPLE;
const START_TITLE = "Tell us how it went – OneDoor";
const CHOOSE = "Find the service you want to tell us about, and choose it.";
const TOO_LONG = "What you wrote is too long. Use 2,000 characters or fewer.";

const cont = (page: Page) => page.getByRole("button", { name: "Continue" }).click();
const skip = (page: Page) => page.getByRole("button", { name: "Skip this question" }).click();

/** The question on screen: its neutral title (never the service's name), its heading, and focus on it. */
async function expectQuestion(page: Page, n: number, of: number, heading: string | RegExp) {
  await expectPage(page, `Question ${n} of ${of} – OneDoor`, heading);
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.locator("#feedback-progress")).toHaveText(`Question ${n} of ${of}`);
}

async function expectError(page: Page, message: string) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(/^Error: Question \d+ of \d+ – OneDoor$/);
}

/** The bodies and keys of feedback sent, by either way in. */
function watchSends(page: Page) {
  const sends: { url: string; key: string | undefined; body: Record<string, unknown> }[] = [];
  page.on("request", (request: Request) => {
    if (request.method() === "POST" && /\/api\/(check-in\/)?feedback$/.test(request.url())) {
      sends.push({ url: new URL(request.url()).pathname, key: request.headers()["idempotency-key"], body: request.postDataJSON() as Record<string, unknown> });
    }
  });
  return sends;
}

/** From a service's page straight to its first question, the service already chosen. */
async function startFromTheServicePage(page: Page) {
  await page.goto(`/feedback/?service=${HARBOUR.id}`);
  await expect(page.getByText(`You are telling us about ${HARBOUR.name}.`)).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expectQuestion(page, 1, 9, "Which service do you want to tell us about?");
  await expect(page.getByLabel(HARBOUR.name)).toBeChecked();
}

test("a young person tells a service how it went from its page, naming people; it waits for a moderator with them marked to take out", async ({ page, browser, baseURL, requests: _ }, info) => {
  test.skip(info.project.name !== "phone", "the journey is walked on the phone; the keyboard test walks it on the desktop");
  const since = new Date(Date.now() - 1000);
  const sends = watchSends(page);
  await page.goto(`/service/?id=${HARBOUR.id}`);
  await expectPage(page, "Service details – OneDoor", HARBOUR.name);
  await page.getByRole("link", { name: "Tell us how it went" }).click();

  await expectPage(page, START_TITLE, "Tell us how it went");
  await expect(page.getByText(`You are telling us about ${HARBOUR.name}.`)).toBeVisible();
  await expect(page.getByText("A person at OneDoor reads anything you write first.")).toBeVisible();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/feedback/");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start" }).click();

  await expectQuestion(page, 1, 9, "Which service do you want to tell us about?");
  await expect(page.getByLabel(HARBOUR.name)).toBeChecked();
  await expect(page.getByLabel("Its name")).toBeHidden();
  await expectAccessible(page);
  await cont(page);

  await expectQuestion(page, 2, 9, "How do you know this service?");
  await expect(page.getByText("Why we ask")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("I used it").check();
  await cont(page);

  const scores: [string, string | null][] = [
    ["I felt listened to", "Agree"],
    ["I had choice about who I talked to and when", "Strongly agree"],
    ["I only had to tell my story once", null],
    ["I felt safe", "Agree"],
    ["The wait was OK", "Disagree"],
  ];
  for (const [i, [statement, answer]] of scores.entries()) {
    await expectQuestion(page, 3 + i, 9, statement);
    // The five statements are one component with other words: axe checks the first.
    if (i === 0) await expectAccessible(page);
    if (!answer) {
      await skip(page);
      continue;
    }
    await page.getByLabel(answer, { exact: true }).check();
    await cont(page);
  }

  await expectQuestion(page, 8, 9, "Is there anything else you want to tell them?");
  await expect(page.getByText("Please do not write names, phone numbers, or where you live or go to school.")).toBeVisible();
  await expect(page.locator("#text-count")).toHaveText("You have 2,000 characters left.");
  await expectAccessible(page);
  await page.getByLabel("Is there anything else you want to tell them?").fill(NAMING_TEXT);
  await expect(page.locator("#text-count")).toHaveText(`You have ${(2000 - NAMING_TEXT.length).toLocaleString("en-GB")} characters left.`);
  await cont(page);

  // With words written, one more question: may the service show them on its page?
  await expectQuestion(page, 9, 10, "Can the service show your words on its page?");
  await expect(page.getByText("Why we ask")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Yes, the service can show my words on its page").check();
  await cont(page);

  await expectQuestion(page, 10, 10, "Some questions about you");
  await expect(page.getByText("You do not have to answer these questions.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Answer these questions" }).click();

  const equality: [string, string | null][] = [
    ["How old are you?", "14 or 15"],
    ["What is your gender?", "Girl or woman"],
    ["Is your gender the same as the sex you were given when you were born?", null],
    ["What is your ethnic group?", "White and Asian"],
    ["Do you have a disability, or an illness or condition that lasts a long time?", "I'd rather not say"],
    ["Which of these describes you best?", null],
    ["What is your religion, if you have one?", "No religion"],
  ];
  for (const [i, [question, answer]] of equality.entries()) {
    await expectQuestion(page, 11 + i, 17, question);
    await expect(page.getByLabel("I'd rather not say")).toBeVisible();
    // Ethnicity's answers are grouped; the others are one component with other words, as age is.
    if (i === 0 || i === 3) await expectAccessible(page);
    if (!answer) {
      await skip(page);
      continue;
    }
    await page.getByLabel(answer, { exact: true }).check();
    await cont(page);
  }

  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  const list = page.locator("#check-list");
  await expect(list).toContainText(HARBOUR.name);
  await expect(list).toContainText("I used it");
  await expect(list).toContainText(NAMING_TEXT);
  await expect(list).toContainText("Yes, the service can show my words on its page");
  await expect(list).toContainText("White and Asian");
  await expectAccessible(page);
  // Change one answer: back to its question, then straight back here.
  await page.getByRole("link", { name: "Change i felt safe" }).click();
  await expectQuestion(page, 6, 17, "I felt safe");
  await expect(page.getByLabel("Agree", { exact: true })).toBeChecked();
  await page.getByLabel("Strongly agree").check();
  await cont(page);
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");

  await page.getByRole("button", { name: "Send" }).click();
  await expectPage(page, "Thank you – OneDoor", "Thank you for telling us");
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.getByText("A person at OneDoor reads what you wrote first. They take out anything that could show who you are, before the service sees it.")).toBeVisible();
  await expect(page.locator("#done-safeguarding")).toBeHidden();
  await expect(page.getByRole("link", { name: "Back" })).toBeHidden();
  await expectAccessible(page);

  expect(sends).toHaveLength(1);
  expect(sends[0]!.url).toBe("/api/feedback");
  expect(sends[0]!.key).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
  expect(sends[0]!.body).toEqual({
    serviceId: HARBOUR.id,
    usage: "used",
    scores: { listened: 4, choice: 5, safe: 5, waitOk: 2 },
    text: NAMING_TEXT,
    mayShowPublicly: true,
    equality: { ageBand: "14-15", gender: "girl-woman", ethnicity: "mixed-white-asian", disability: "prefer-not-to-say", religion: "none" },
  });

  // One piece waits for a moderator, not from check-in, with the name, school and number marked.
  const pieces = await asModerator(browser, baseURL!, (moderator) => waitingPieces(moderator, HARBOUR.name, since));
  const mine = pieces.filter((p) => p.text === NAMING_TEXT);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ state: "pending", fromCheckIn: false, usage: "used", scores: { listened: 4, choice: 5, safe: 5, waitOk: 2 } });
  expect(mine[0]!.proposals.map((p) => p.kind)).toEqual(expect.arrayContaining(["person-name", "school", "phone"]));
});

test("keyboard only: from the home page, find a service by its name, answer, and send", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  const sends = watchSends(page);
  const next = async () => {
    await tabTo(page, (el) => el.tag === "button" && el.text === "Continue");
    await page.keyboard.press("Enter");
  };
  const skipIt = async () => {
    await tabTo(page, (el) => el.tag === "button" && el.text === "Skip this question");
    await page.keyboard.press("Enter");
  };
  await page.goto("/");
  await tabTo(page, (el) => el.tag === "a" && el.text === "Tell us how it went");
  await page.keyboard.press("Enter");
  await expectPage(page, START_TITLE, "Tell us how it went");
  await expectAccessible(page);
  await tabTo(page, (el) => el.tag === "button" && el.text === "Start");
  await page.keyboard.press("Enter");

  await expectQuestion(page, 1, 9, "Which service do you want to tell us about?");
  await expectAccessible(page);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Its name")).toBeFocused();
  // Enter in the name box searches, rather than moving on.
  await page.keyboard.type("harbour young");
  await page.keyboard.press("Enter");
  await expect(page.locator("#service-status")).toHaveText("We found 1 service. Choose it, then Continue.");
  await expectAccessible(page);
  await tabTo(page, (el) => el.tag === "input" && el.id === `serviceId-${HARBOUR.id}`);
  await page.keyboard.press("Space");
  await next();

  await expectQuestion(page, 2, 9, "How do you know this service?");
  await expectAccessible(page);
  // Tab reaches the first answer; the arrow keys move through them, choosing as they go.
  await tabTo(page, (el) => el.id === "usage-used");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("I am waiting for it")).toBeChecked();
  await next();

  await expectQuestion(page, 3, 9, "I felt listened to");
  await expectAccessible(page);
  await tabTo(page, (el) => el.id === "scores-listened-1");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByLabel("Not sure")).toBeChecked();
  await next();
  for (let n = 4; n <= 7; n++) {
    await expect(page).toHaveTitle(`Question ${n} of 9 – OneDoor`);
    await skipIt();
  }

  await expectQuestion(page, 8, 9, "Is there anything else you want to tell them?");
  await expectAccessible(page);
  await next();

  await expectQuestion(page, 9, 9, "Some questions about you");
  await expectAccessible(page);
  await tabTo(page, (el) => el.tag === "button" && el.text === "Answer these questions");
  await page.keyboard.press("Enter");
  for (let n = 10; n <= 16; n++) {
    await expect(page).toHaveTitle(`Question ${n} of 16 – OneDoor`);
    if (n === 10 || n === 13) await expectAccessible(page);
    if (n === 11) {
      await tabTo(page, (el) => el.id === "equality-gender-girl-woman");
      await page.keyboard.press("ArrowDown");
      await expect(page.getByLabel("Boy or man")).toBeChecked();
    }
    await next();
  }

  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("#check-list")).toContainText("Boy or man");
  await expectAccessible(page);
  await tabTo(page, (el) => el.tag === "button" && el.text === "Send");
  await page.keyboard.press("Enter");
  await expectPage(page, "Thank you – OneDoor", "Thank you for telling us");
  await expect(page.locator("h1")).toBeFocused();
  // Nothing written, so nobody reads it first: that line is not said.
  await expect(page.locator("#done-moderated")).toBeHidden();
  await expectAccessible(page);
  expect(sends.map((s) => s.body)).toEqual([{ serviceId: HARBOUR.id, usage: "waiting", scores: { listened: 3 }, mayShowPublicly: false, equality: { gender: "boy-man" } }]);
});

test("no service chosen, then words over 2,000 characters: each is said clearly, nothing is sent, and Exit wipes the answers", async ({ page, requests: _ }) => {
  const sends = watchSends(page);
  await page.goto("/feedback/");
  await page.getByRole("button", { name: "Start" }).click();
  await expectQuestion(page, 1, 9, "Which service do you want to tell us about?");
  await cont(page);
  await expectError(page, CHOOSE);
  await expect(page.getByLabel("Its name")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Its name").fill("Harbour");
  await page.getByRole("button", { name: "Find services" }).click();
  await expect(page.locator("#service-status")).toHaveText(/^We found \d+ services\. Choose one, then Continue\.$/);
  await expect(page.locator("#service-choices")).not.toContainText("Meadow");
  await cont(page);
  // Now there is a list, the problem is shown on it.
  await expectError(page, "Choose the service you want to tell us about.");
  await expectAccessible(page);
  await page.getByLabel(HARBOUR.name).check();
  await cont(page);
  for (let n = 2; n <= 7; n++) await cont(page);

  await expectQuestion(page, 8, 9, "Is there anything else you want to tell them?");
  const box = page.getByLabel("Is there anything else you want to tell them?");
  await box.fill("a".repeat(2001));
  await expect(page.locator("#text-count")).toHaveText("You have 1 character too many.");
  await cont(page);
  await expectError(page, TOO_LONG);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  // Nothing is cut off: every word typed is still there to shorten.
  await expect(box).toHaveValue("a".repeat(2001));
  await expectAccessible(page);
  await page.getByRole("alert").getByRole("link").click();
  await expect(box).toBeFocused();
  expect(sends).toEqual([]);

  // What the page still holds in the instant after Exit, seen by a listener that runs after the page's own.
  let seen: unknown;
  await page.exposeFunction("reportFeedbackState", (state: unknown) => (seen = state));
  await page.evaluate(() =>
    window.addEventListener("onedoor:exit", () =>
      (window as unknown as { reportFeedbackState: (s: unknown) => void }).reportFeedbackState({
        typed: (document.querySelector("#text") as HTMLTextAreaElement | null)?.value,
        count: document.querySelector("#text-count")?.textContent,
      }),
    ),
  );
  await page.locator(".exit-this-page__button").click();
  await page.waitForURL(`${EXIT_URL}**`);
  expect(seen).toEqual({ typed: "", count: "You have 2,000 characters left." });
  expect(sends).toEqual([]);

  await page.goto("/feedback/");
  await page.getByRole("button", { name: "Start" }).click();
  await expectQuestion(page, 1, 9, "Which service do you want to tell us about?");
  await expect(page.locator("#service-choices input")).toHaveCount(0);
  await expect(page.getByLabel("Its name")).toHaveValue("");
});

test("words that mean someone may be at risk: the thank-you puts the helplines first", async ({ page, requests: _ }) => {
  await startFromTheServicePage(page);
  await cont(page);
  for (let n = 2; n <= 7; n++) await skip(page);
  await page.getByLabel("Is there anything else you want to tell them?").fill(AT_RISK_TEXT);
  await cont(page);
  await skip(page);
  await page.getByRole("button", { name: "Skip these questions" }).click();
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("#check-list")).toContainText("You skipped these");
  await page.getByRole("button", { name: "Send" }).click();

  await expectPage(page, "Thank you – OneDoor", "Thank you for telling us");
  const help = page.locator("#done-safeguarding");
  await expect(help).toBeVisible();
  await expect(help.getByRole("heading", { name: "You do not have to cope with this on your own" })).toBeVisible();
  await expect(help).toContainText("We do not know who you are, so we cannot get in touch with you.");
  await expect(help.getByRole("link", { name: "Call 999" })).toBeVisible();
  await expect(help.getByRole("link", { name: "Call 0800 1111" })).toBeVisible();
  await expect(help.getByRole("link", { name: "Text SHOUT to 85258" })).toBeVisible();
  // Straight after the thank-you, before anything else on the page.
  expect(await help.evaluate((node) => node.previousElementSibling?.classList.contains("panel--done"))).toBe(true);
  await expectAccessible(page);
});

test("from check in: tell us how it went with one of your services; sign out wipes it", async ({ page, request, baseURL, requests: _ }) => {
  const sends = watchSends(page);
  const codes = await askForSupport(request, baseURL!, [YOUNG_PEOPLE.id, FAMILY.id]);
  await openCheckIn(page);
  await signIn(page, codes);
  const card = page.locator(`#checkin-services > li[data-service-id="${YOUNG_PEOPLE.id}"]`);
  await card.getByRole("button", { name: /^Tell us how it went/ }).click();

  const form = page.locator("#checkin-feedback-form");
  await expect(form.getByRole("heading", { name: `About ${YOUNG_PEOPLE.name}` })).toBeFocused();
  await expectAccessible(page);
  await form.getByRole("group", { name: "How do you know this service?" }).getByLabel("I am waiting for it").check();
  await form.getByRole("group", { name: "The wait was OK" }).getByLabel("Strongly disagree").check();
  const box = form.getByLabel("Is there anything else you want to tell them? (optional)");
  await box.fill("b".repeat(2001));
  await form.getByRole("button", { name: "Send" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(TOO_LONG);
  await expectAccessible(page);
  expect(sends).toEqual([]);

  await box.fill(AT_RISK_TEXT);
  await form.getByRole("button", { name: "Send" }).click();
  const done = page.locator("#checkin-feedback-done");
  await expect(done).toBeFocused();
  await expect(done).toContainText("A person at OneDoor reads what you wrote first.");
  await expect(page.locator("#checkin-feedback-safeguarding")).toBeVisible();
  await expect(form).toBeHidden();
  await expectAccessible(page);
  expect(sends).toHaveLength(1);
  expect(sends[0]).toMatchObject({ url: "/api/check-in/feedback", body: { serviceId: YOUNG_PEOPLE.id, usage: "waiting", scores: { waitOk: 1 }, text: AT_RISK_TEXT } });

  // Opened again, for the other service, then signing out: nothing typed stays on the page.
  await page.locator(`#checkin-services > li[data-service-id="${FAMILY.id}"]`).getByRole("button", { name: /^Tell us how it went/ }).click();
  await expect(form.getByRole("heading", { name: `About ${FAMILY.name}` })).toBeFocused();
  await expect(done).toBeHidden();
  await form.getByLabel("Is there anything else you want to tell them? (optional)").fill("Something private");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out.")).toBeVisible();
  expect(await page.evaluate(() => (document.querySelector("#checkin-feedback-form textarea") as HTMLTextAreaElement | null)?.value ?? "gone")).toBe("gone");
  await signIn(page, codes);
  await expect(page.locator("#checkin-feedback")).toBeHidden();
  await expect(page.locator("#checkin-feedback-form textarea")).toHaveValue("");
});
