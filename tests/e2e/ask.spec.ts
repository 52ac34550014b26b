import type { Page, Request } from "@playwright/test";
import { EXIT_URL } from "../../site/src/config";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { expect, expectAccessible, expectPage, tabTo, test } from "../support/fixtures";

/** Ask for support (J2): one question a page, history, errors, Exit this page, sending. */

const HARBOUR = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Harbour Young People"))!;
const MEADOW_CLINIC = EXAMPLE_SERVICES.find((s) => s.name.startsWith("Meadow Children's Health"))!;
const PAUSED = EXAMPLE_SERVICES.find((s) => s.status === "paused")!;
const PROFESSIONALS_ONLY = EXAMPLE_SERVICES.find((s) => s.status === "active" && !s.acceptsSelfReferral)!;

const cont = (page: Page) => page.getByRole("button", { name: "Continue" }).click();
/** The questions about the person, after sharing: skipped in every journey but the one that answers them. */
const skipQuestionsAboutYou = (page: Page) => page.getByRole("button", { name: "Skip these questions" }).click();
const group = (page: Page, name: string) => page.getByRole("group", { name });

/** The question on screen: its neutral title, its heading, and focus on that heading. */
async function expectQuestion(page: Page, n: number, of: number, heading: string | RegExp) {
  await expectPage(page, `Question ${n} of ${of} – OneDoor`, heading);
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.locator("#ask-progress")).toHaveText(`Question ${n} of ${of}`);
}

async function expectError(page: Page, message: string | RegExp) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(/^Error: Question \d+ of \d+ – OneDoor$/);
}

async function start(page: Page, path = "/ask/") {
  await page.goto(path);
  await expectPage(page, "Ask for support – OneDoor", "Ask for support");
  await page.getByRole("button", { name: "Start" }).click();
}

/** Ticks the first service in the list, once the list has loaded. */
async function tickFirstService(page: Page) {
  await expect(page.locator("#service-choices input").first()).toBeVisible();
  await page.locator("#service-choices input").first().check();
}

/**
 * The shortest way from the start to check-your-answers: only what cannot be skipped. The
 * person checks in themselves, so the two questions about calls are not asked (10 questions).
 */
async function answerOnlyWhatIsNeeded(page: Page) {
  await start(page);
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  for (let n = 2; n <= 5; n++) await cont(page);
  await tickFirstService(page);
  await cont(page);
  await cont(page); // message
  await page.getByLabel("I will check in here myself").check();
  await cont(page);
  await cont(page); // preferences
  await cont(page); // safe now
  await expectQuestion(page, 10, 11, "Can we share your answers?");
  for (const box of await page.locator("#consent-choices input").all()) await box.check();
  await cont(page);
  await expectQuestion(page, 11, 11, "Some questions about you");
  await skipQuestionsAboutYou(page);
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
}

/** The bodies and keys of requests to POST /api/requests. */
function watchSends(page: Page) {
  const sends: { key: string | null; body: Record<string, unknown> }[] = [];
  page.on("request", (request: Request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/requests")) {
      sends.push({ key: request.headers()["idempotency-key"] ?? null, body: request.postDataJSON() as Record<string, unknown> });
    }
  });
  return sends;
}

/**
 * One way through every question, a step at a time: a 12-year-old asking two services, by
 * phone, who is not safe right now. Each axe test walks here to its question quickly.
 */
const ANSWERS: ((page: Page) => Promise<void>)[] = [
  (page) => page.getByLabel("For me", { exact: true }).check(),
  (page) => page.getByLabel("11 to 13").check(),
  async (page) => void (await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" })),
  async () => {}, // needs
  async (page) => {
    await page.getByLabel("Harbour Young People's Support (example)").check();
    await page.getByLabel("Meadow Children's Health Check Clinic (example)").check();
  },
  async () => {}, // message
  async (page) => {
    await page.getByLabel("Phone call").check();
    await page.getByLabel("Phone number", { exact: true }).fill("07700 900123");
  },
  async (page) => {
    await group(page, "Which days are safe?").getByLabel("Monday").check();
    await group(page, "What times are safe?").getByLabel("Afternoon").check();
  },
  async (page) => {
    await group(page, "If you miss a call, can they leave a voice message?").getByLabel("No").check();
    await group(page, "Can they say which service they are from?").getByLabel("No").check();
    await page.getByLabel("A code word").fill("bluebird");
  },
  async (page) => {
    await group(page, "Would you rather talk to a woman or a man?").getByLabel("A woman").check();
    await page.getByLabel("Which language would you like to use?").selectOption({ label: "Polish" });
    await group(page, "Would you like an interpreter?").getByLabel("Yes").check();
  },
  (page) => page.getByLabel("No", { exact: true }).check(),
];

/** Starts, and answers every question before question `n` the way ANSWERS does. */
async function walkTo(page: Page, n: number) {
  await start(page);
  for (const answer of ANSWERS.slice(0, n - 1)) {
    await answer(page);
    await cont(page);
  }
  await expect(page).toHaveTitle(`Question ${n} of 13 – OneDoor`);
}

test("the start and question 1: empty, error and filled states pass axe", async ({ page, requests: _ }) => {
  await page.goto("/ask/");
  await expectPage(page, "Ask for support – OneDoor", "Ask for support");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Start" }).click();

  await expectQuestion(page, 1, 13, "Who is the support for?");
  await expect(page.getByText("Why we ask")).toBeVisible();
  await expectAccessible(page);
  await cont(page);
  await expectError(page, "Choose who the support is for.");
  await expectAccessible(page);
  await page.getByLabel("For me", { exact: true }).check();
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 2, 13, "How old are you?");
});

test("questions 2 and 3: empty and filled states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 2);
  await expectQuestion(page, 2, 13, "How old are you?");
  await expectAccessible(page);
  await page.getByLabel("14 or 15").check();
  await page.getByText("Why we ask").click();
  await expect(page.getByText("Services are for different ages.")).toBeVisible();
  await expectAccessible(page);
  await cont(page);

  await expectQuestion(page, 3, 13, "Where do you live?");
  await expect(page.locator("#areaId option")).not.toHaveCount(1);
  await expectAccessible(page);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 4, 13, "What help would you like?");
});

test("questions 4 and 5: empty, error and filled states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 4);
  await expectQuestion(page, 4, 13, "What help would you like?");
  await expectAccessible(page);
  await page.getByLabel("Someone to talk to").check();
  await expectAccessible(page);
  await cont(page);

  await expectQuestion(page, 5, 13, "Which services would you like to ask?");
  // Services for a 12-year-old who wants someone to talk to: never adults' services or paused ones.
  await expect(page.getByLabel("Harbour Young People's Support (example)")).toBeVisible();
  await expect(page.locator("#service-choices")).not.toContainText("Adult Advocates");
  await expect(page.locator("#service-choices")).not.toContainText(PAUSED.name);
  await expectAccessible(page);
  await cont(page);
  await expectError(page, "Choose at least 1 service to ask.");
  await expectAccessible(page);
  await page.getByLabel("Harbour Young People's Support (example)").check();
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 6, 13, "Is there anything you want them to know?");
});

test("question 6: empty, error and filled states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 6);
  await expectQuestion(page, 6, 13, "Is there anything you want them to know?");
  await expectAccessible(page);
  await page.getByLabel("Is there anything you want them to know?").fill("x".repeat(2001));
  await cont(page);
  await expectError(page, "Your message is too long");
  await expect(page.getByLabel("Is there anything you want them to know?")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  await page.getByLabel("Is there anything you want them to know?").fill("I would like to talk after school.");
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 7, 13, "How should a service get in touch?");
});

test("question 7: empty, error and filled states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 7);
  await expectQuestion(page, 7, 13, "How should a service get in touch?");
  await expectAccessible(page);
  await cont(page);
  await expectError(page, "Choose how a service should get in touch.");
  await expectAccessible(page);
  // A phone number is needed once "Text message" is chosen: the box appears under the choices.
  await page.getByLabel("Text message").check();
  await expect(page.getByLabel("Phone number", { exact: true })).toBeVisible();
  await cont(page);
  await expectError(page, "Enter the phone number they should use.");
  await expectAccessible(page);
  await page.getByLabel("Phone number", { exact: true }).fill("123");
  await cont(page);
  await expectError(page, "Enter a UK phone number");
  // Everything typed is kept when an error is shown.
  await expect(page.getByLabel("Phone number", { exact: true })).toHaveValue("123");
  await page.getByRole("alert").getByRole("link").click();
  await expect(page.getByLabel("Phone number", { exact: true })).toBeFocused();
  await page.getByLabel("Phone number", { exact: true }).fill("07700 900123");
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 8, 13, "When is it safe to get in touch?");
});

test("questions 8 and 9: empty, error and filled states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 8);
  await expectQuestion(page, 8, 13, "When is it safe to get in touch?");
  await expectAccessible(page);
  await group(page, "Which days are safe?").getByLabel("Monday").check();
  await group(page, "What times are safe?").getByLabel("Afternoon").check();
  await expectAccessible(page);
  await cont(page);

  await expectQuestion(page, 9, 13, "Keeping it private");
  await expectAccessible(page);
  await group(page, "If you miss a call, can they leave a voice message?").getByLabel("No").check();
  await page.getByLabel("A code word").fill("a very long code word that nobody could ever remember");
  await cont(page);
  await expectError(page, "Your code word is too long");
  await expectAccessible(page);
  await page.getByLabel("A code word").fill("bluebird");
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 10, 13, "What would make it easier?");
});

test("questions 10 and 11: empty, error, filled and urgent states pass axe", async ({ page, requests: _ }) => {
  await walkTo(page, 10);
  await expectQuestion(page, 10, 13, "What would make it easier?");
  await expectAccessible(page);
  await group(page, "Would you rather talk to a woman or a man?").getByLabel("A woman").check();
  await page.getByLabel("Is there anything else that would help?").fill("y".repeat(501));
  await cont(page);
  await expectError(page, "This is too long");
  await expectAccessible(page);
  await page.getByLabel("Is there anything else that would help?").fill("Please write things down for me.");
  await expectAccessible(page);
  await cont(page);

  await expectQuestion(page, 11, 13, "Are you safe right now?");
  await expect(page.locator("#urgent-now")).toBeHidden();
  await expectAccessible(page);
  // "No" shows the urgent help at once, before Continue.
  await page.getByLabel("No", { exact: true }).check();
  await expect(page.getByRole("heading", { name: "You can get help right now" })).toBeVisible();
  await expect(page.locator("#urgent-now").getByRole("link", { name: "Call 999" })).toBeVisible();
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 12, 13, "Can we share your answers?");
});

test("question 12, check your answers and the confirmation pass axe; what is sent", async ({ page, requests: _ }) => {
  const sends = watchSends(page);
  await walkTo(page, 12);
  await expectQuestion(page, 12, 13, "Can we share your answers?");
  await expectAccessible(page);
  await page.getByLabel("Yes, Harbour Young People's Support (example) can see my answers").check();
  await cont(page);
  await expectError(page, "Tick each service");
  await expectAccessible(page);
  await page.getByLabel("Yes, Meadow Children's Health Check Clinic (example) can see my answers").check();
  await group(page, "Can a navigator help the services work together for you?").getByLabel("Yes").check();
  await expectAccessible(page);
  await cont(page);

  // The questions about the person: why we ask, then one a page, each with "rather not say".
  await expectQuestion(page, 13, 13, "Some questions about you");
  await expect(page.getByText("The services you chose never see them.")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Answer these questions" }).click();
  await expectQuestion(page, 14, 19, "What is your gender?");
  await expect(page.getByLabel("I'd rather not say")).toBeVisible();
  await page.getByLabel("Boy or man").check();
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 15, 19, /Is your gender the same/);
  for (let n = 15; n <= 16; n++) await page.getByRole("button", { name: "Skip this question" }).click();
  await expectQuestion(page, 17, 19, /disability/);
  await page.getByLabel("Yes, and it makes everyday things a bit harder").check();
  await cont(page);
  for (let n = 18; n <= 19; n++) await page.getByRole("button", { name: "Skip this question" }).click();

  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("h1")).toBeFocused();
  const list = page.locator("#check-list");
  await expect(list).toContainText("11 to 13");
  await expect(list).toContainText("Harbour Young People's Support (example)");
  await expect(list).toContainText("07700 900123");
  await expect(list).toContainText("bluebird");
  await expect(list).toContainText("Polish");
  await expect(list).toContainText("Boy or man");
  await expect(list).not.toContainText("You skipped these");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send my request" }).click();
  await expectPage(page, "Request sent – OneDoor", "Your request has been sent");
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.locator("#done-reference")).toHaveText(/^[A-HJ-NP-Z2-9]{4} [A-HJ-NP-Z2-9]{4}$/);
  await expect(page.locator("#done-code")).toHaveText(/^\d{4} \d{4} \d{4}$/);
  await expect(page.getByText("Write them down somewhere private.")).toBeVisible();
  await expect(page.locator("#urgent-done")).toBeVisible();
  await expectAccessible(page);

  expect(sends).toHaveLength(1);
  expect(sends[0]!.body).toMatchObject({
    asker: "self",
    ageBand: "11-13",
    consentToCoordination: true,
    safeNow: "no",
    contact: { method: "phone", phone: "07700 900123", safeDays: ["MO"], safeTimes: ["afternoon"], voicemailOk: false, sayWhoWeAre: false, codeWord: "bluebird" },
    preferences: { workerGender: "female", language: "pl", interpreter: true },
    equality: { gender: "boy-man", disability: "limited-a-little" },
  });
  const sorted = (ids: unknown) => [...(ids as string[])].sort();
  expect(sorted(sends[0]!.body.serviceIds)).toEqual(sorted([HARBOUR.id, MEADOW_CLINIC.id]));
  expect(sorted(sends[0]!.body.consentServiceIds)).toEqual(sorted([HARBOUR.id, MEADOW_CLINIC.id]));
  // Questions for parents and carers are never sent for anyone else.
  expect(sends[0]!.body).not.toHaveProperty("childKnows");
  expect(sends[0]!.body).not.toHaveProperty("supportForMeToo");
  // The address never held an answer, and nothing was kept on the device.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/ask/");
  expect(await page.context().cookies()).toEqual([]);
  expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
});

test("a parent or carer is asked about the child, and only they send those answers", async ({ page, requests: _ }) => {
  const sends = watchSends(page);
  await start(page);
  await page.getByLabel("For my child, or a child I care for").check();
  await cont(page);
  await expectQuestion(page, 2, 14, "How old is the child?");
  await page.getByLabel("11 to 13").check();
  await cont(page);
  await expectQuestion(page, 3, 14, "Does the child know you are asking for support?");
  await expectAccessible(page);
  await page.getByLabel("I'm not sure").check();
  await expectAccessible(page);
  await cont(page);
  await expectQuestion(page, 4, 14, "Would you like support for yourself too?");
  await expectAccessible(page);
  await page.getByLabel("Yes").check();
  await expectAccessible(page);
  await cont(page);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await cont(page);
  await cont(page);
  await expectQuestion(page, 7, 14, "Which services would you like to ask?");
  // A parent may ask a young people's service or a family one.
  await expect(page.getByLabel("Harbour Family Support (example)")).toBeVisible();
  await page.getByLabel("Harbour Young People's Support (example)").check();
  await cont(page);
  await cont(page);
  await page.getByLabel("Through an adult I trust").check();
  await page.getByLabel("The name of the adult you trust").fill("Sam");
  await page.getByLabel("Their phone number").fill("07700 900456");
  await cont(page);
  for (let n = 10; n <= 13; n++) await cont(page);
  await expectQuestion(page, 14, 14, "Can we share your answers?");
  await page.getByLabel("Yes, Harbour Young People's Support (example) can see my answers").check();
  await cont(page);
  await expect(page.locator("#check-list")).toContainText("Does the child know");
  await page.getByRole("button", { name: "Send my request" }).click();
  await expectPage(page, "Request sent – OneDoor", "Your request has been sent");
  await expect(page.locator("#urgent-done")).toBeHidden();
  expect(sends[0]!.body).toMatchObject({
    asker: "child",
    childKnows: "not-sure",
    supportForMeToo: true,
    contact: { method: "trusted-adult", trustedAdult: { name: "Sam", phone: "07700 900456" } },
  });
});

test("keyboard only: the questions that must be answered, and sending", async ({ page, requests: _ }, info) => {
  test.skip(info.project.name !== "desktop", "keyboards are tested on the desktop project");
  await page.goto("/");
  await tabTo(page, (el) => el.tag === "a" && el.text === "Ask for support");
  await page.keyboard.press("Enter");
  await expectPage(page, "Ask for support – OneDoor", "Ask for support");
  await tabTo(page, (el) => el.tag === "button" && el.text === "Start");
  await page.keyboard.press("Enter");

  const next = async () => {
    await tabTo(page, (el) => el.tag === "button" && el.text === "Continue");
    await page.keyboard.press("Enter");
  };
  await expectQuestion(page, 1, 13, "Who is the support for?");
  await tabTo(page, (el) => el.id === "asker-self");
  await page.keyboard.press("Space");
  await next();
  for (let n = 2; n <= 4; n++) {
    await expect(page).toHaveTitle(`Question ${n} of 13 – OneDoor`);
    await next();
  }
  await expectQuestion(page, 5, 13, "Which services would you like to ask?");
  await expect(page.locator("#service-choices input").first()).toBeVisible();
  await tabTo(page, (el) => el.tag === "input" && el.id.startsWith("serviceIds-"));
  await page.keyboard.press("Space");
  await next();
  await expectQuestion(page, 6, 13, "Is there anything you want them to know?");
  await next();
  await expectQuestion(page, 7, 13, "How should a service get in touch?");
  await tabTo(page, (el) => el.id === "contact-method-phone");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Phone number", { exact: true })).toBeFocused();
  await page.keyboard.type("07700 900123");
  await page.keyboard.press("Enter");
  for (let n = 8; n <= 11; n++) {
    await expect(page).toHaveTitle(`Question ${n} of 13 – OneDoor`);
    await next();
  }
  await expectQuestion(page, 12, 13, "Can we share your answers?");
  await tabTo(page, (el) => el.tag === "input" && el.id.startsWith("consentServiceIds-"));
  await page.keyboard.press("Space");
  await next();
  await expectQuestion(page, 13, 13, "Some questions about you");
  await tabTo(page, (el) => el.tag === "button" && el.text === "Skip these questions");
  await page.keyboard.press("Enter");
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await tabTo(page, (el) => el.tag === "button" && el.text === "Send my request");
  await page.keyboard.press("Enter");
  await expectPage(page, "Request sent – OneDoor", "Your request has been sent");
  await expect(page.locator("h1")).toBeFocused();
});

test("Back (the phone's and the link) and Change keep every answer", async ({ page, requests: _ }) => {
  await start(page);
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await page.getByLabel("16 or 17").check();
  await cont(page);
  await expectQuestion(page, 3, 13, "Where do you live?");

  await page.goBack();
  await expectQuestion(page, 2, 13, "How old are you?");
  await expect(page.getByLabel("16 or 17")).toBeChecked();
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expectQuestion(page, 1, 13, "Who is the support for?");
  await expect(page.getByLabel("For me", { exact: true })).toBeChecked();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/ask/");
  await page.goForward();
  await expectQuestion(page, 2, 13, "How old are you?");
  await expect(page.getByLabel("16 or 17")).toBeChecked();

  // Through to check your answers, then change the age.
  await cont(page);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await cont(page);
  await cont(page);
  await tickFirstService(page);
  await cont(page);
  await cont(page);
  await page.getByLabel("I will check in here myself").check();
  await cont(page);
  await cont(page);
  await cont(page);
  for (const box of await page.locator("#consent-choices input").all()) await box.check();
  await cont(page);
  await skipQuestionsAboutYou(page);
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("#check-list")).toContainText("16 or 17");

  await page.getByRole("link", { name: "Change your age" }).click();
  await expectQuestion(page, 2, 11, "How old are you?");
  await expect(page.getByLabel("16 or 17")).toBeChecked();
  await page.getByLabel("14 or 15").check();
  await cont(page);
  // Straight back to check your answers, with the new answer and everything else kept.
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("h1")).toBeFocused();
  await expect(page.locator("#check-list")).toContainText("14 or 15");
  await expect(page.locator("#check-list")).toContainText("I will check in here myself");

  // Changing to a parent or carer asks the two new questions, then returns.
  await page.getByRole("link", { name: "Change who the support is for" }).click();
  await page.getByLabel("For my child, or a child I care for").check();
  await cont(page);
  await expectQuestion(page, 3, 12, "Does the child know you are asking for support?");
  await cont(page);
  await expectQuestion(page, 4, 12, "Would you like support for yourself too?");
  await cont(page);
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("#check-list")).toContainText("The child's age");

  // A service added later must be agreed to as well, so that question comes again.
  await page.getByRole("link", { name: "Change services to ask" }).click();
  await page.locator("#service-choices input:not(:checked)").first().check();
  await cont(page);
  await expect(page.locator("h1")).toHaveText("Can we share your answers?");
  await expect(page.locator("#consent-choices input:checked")).toHaveCount(1);
  await expect(page.locator("#consent-choices input:not(:checked)")).toHaveCount(1);
});

test("a service's page prefills the services question, and the address is /ask/ afterwards", async ({ page, requests: _ }) => {
  await page.goto(`/service/?id=${HARBOUR.id}`);
  await expectPage(page, "Service details – OneDoor", HARBOUR.name);
  await page.getByRole("link", { name: "Ask for support" }).click();
  await expectPage(page, "Ask for support – OneDoor", "Ask for support");
  await expect(page.getByText(`You are asking ${HARBOUR.name}.`)).toBeVisible();
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe("/ask/");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await cont(page);
  await page.getByLabel("Where do you live?").selectOption({ label: "Bristol" });
  await cont(page);
  await cont(page);
  await expectQuestion(page, 5, 13, "Which services would you like to ask?");
  await expect(page.getByLabel(HARBOUR.name)).toBeChecked();
  // Others can be added beside it.
  await page.getByLabel(MEADOW_CLINIC.name).check();
  await cont(page);
  await expectQuestion(page, 6, 13, "Is there anything you want them to know?");
  expect(new URL(page.url()).search).toBe("");
});

test("each search result has a way to ask that service", async ({ page, requests: _ }) => {
  await page.goto("/find-support/");
  // In one area, so services other tests add elsewhere cannot push these onto a later page.
  await page.getByLabel("Your area").selectOption({ label: "Bristol" });
  await page.getByRole("button", { name: "Show services" }).click();
  const card = page.locator("#results-list > li").filter({ hasText: HARBOUR.name });
  await expect(card.getByRole("link", { name: "Ask for support" })).toHaveAttribute("href", `/ask/?service=${HARBOUR.id}`);
  // Nor does one that only takes requests from professionals.
  const professionalsOnly = page.locator("#results-list > li").filter({ hasText: PROFESSIONALS_ONLY.name });
  await expect(professionalsOnly).toHaveCount(1);
  await expect(professionalsOnly.getByRole("link", { name: "Ask for support" })).toHaveCount(0);
  // A service not taking new requests (in Manchester) has no such link.
  await page.getByLabel("Your area").selectOption({ label: "Manchester" });
  await page.getByRole("button", { name: "Show services" }).click();
  const paused = page.locator("#results-list > li").filter({ hasText: PAUSED.name });
  await expect(paused).toHaveCount(1);
  await expect(paused.getByRole("link", { name: "Ask for support" })).toHaveCount(0);
});

test("Exit this page wipes the answers, and coming back starts empty", async ({ page, requests: _ }) => {
  await start(page, `/ask/?service=${HARBOUR.id}`);
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await page.getByLabel("14 or 15").check();
  await cont(page);
  await cont(page);
  await cont(page);
  await expect(page.getByLabel(HARBOUR.name)).toBeChecked();
  await cont(page);
  await page.getByLabel("Is there anything you want them to know?").fill("Something private");

  // What the page still holds in the instant after Exit, seen by a listener that runs after the page's own.
  let seen: unknown;
  await page.exposeFunction("reportAskState", (state: unknown) => (seen = state));
  await page.evaluate(() =>
    window.addEventListener("onedoor:exit", () =>
      (window as unknown as { reportAskState: (s: unknown) => void }).reportAskState({
        typed: (document.querySelector("#message") as HTMLTextAreaElement | null)?.value,
      }),
    ),
  );
  await page.locator(".exit-this-page__button").click();
  await page.waitForURL(`${EXIT_URL}**`);
  expect(seen).toEqual({ typed: "" });

  await page.goto("/ask/");
  await page.getByRole("button", { name: "Start" }).click();
  await expectQuestion(page, 1, 13, "Who is the support for?");
  await expect(page.locator("input:checked")).toHaveCount(0);
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await expect(page.locator("input:checked")).toHaveCount(0);
});

test("the answers are wiped in the page itself on Exit, not only by leaving", async ({ page, requests: _ }) => {
  await start(page);
  await page.getByLabel("For me", { exact: true }).check();
  await cont(page);
  await page.getByLabel("14 or 15").check();
  // The exit event alone, without leaving: the page can then be looked at after it forgot the answers.
  await page.evaluate(() => window.dispatchEvent(new Event("onedoor:exit")));
  await page.goBack();
  await expectQuestion(page, 1, 13, "Who is the support for?");
  await expect(page.getByLabel("For me", { exact: true })).not.toBeChecked();
  await page.goForward();
  await expect(page.getByLabel("14 or 15")).not.toBeChecked();
});

test("if sending fails, the answers are still here and Try again sends them once, with the same key", async ({ page, requests: _ }) => {
  const keys: (string | undefined)[] = [];
  let failed = false;
  await page.route("**/api/requests", async (route) => {
    keys.push(route.request().headers()["idempotency-key"]);
    if (failed) return route.continue();
    failed = true;
    await route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "database.unavailable", message: "OneDoor cannot reach its records right now. Please try again in a minute.", fields: [], requestId: "x" } }),
    });
  });
  await answerOnlyWhatIsNeeded(page);
  await page.getByRole("button", { name: "Send my request" }).click();
  const problem = page.getByRole("alert");
  await expect(problem).toBeFocused();
  await expect(problem).toContainText("Your answers are still here.");
  await expect(page.locator("#check-list")).toContainText("For me");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Try again" }).click();
  await expectPage(page, "Request sent – OneDoor", "Your request has been sent");
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
  expect(keys[1]).toBe(keys[0]);
});

test("an answer the API refuses is shown on its own question", async ({ page, requests: _ }) => {
  await page.route("**/api/requests", (route) =>
    route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: { code: "request.invalid", message: "Some of what was sent needs fixing.", fields: [{ field: "contact.phone", message: "Enter a UK phone number, like 07700 900123." }], requestId: "x" },
      }),
    }),
  );
  await walkTo(page, 12);
  for (const box of await page.locator("#consent-choices input").all()) await box.check();
  await cont(page);
  await skipQuestionsAboutYou(page);
  await page.getByRole("button", { name: "Send my request" }).click();
  await expect(page.getByRole("alert")).toBeFocused();
  await expect(page).toHaveTitle("Error: Question 7 of 13 – OneDoor");
  await expect(page.locator("h1")).toHaveText("How should a service get in touch?");
  await expect(page.getByLabel("Phone number", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Phone number", { exact: true })).toHaveValue("07700 900123");
  await expectAccessible(page);
  // Once fixed, Continue goes straight back to check your answers.
  await page.getByLabel("Phone number", { exact: true }).fill("07700 900124");
  await cont(page);
  await expectPage(page, "Check your answers – OneDoor", "Check your answers");
  await expect(page.locator("#check-list")).toContainText("07700 900124");
});
