import type { Browser, Page, Request } from "@playwright/test";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import type { Grant } from "../../functions/domain/roles";
import type { SupportRequest } from "../../functions/domain/support-request";
import { formatCheckInCode } from "../../functions/domain/request-codes";
import { pieceHref } from "../../site/src/scripts/staff/moderation";
import { signIn, openCheckIn } from "../support/check-in";
import { giveFeedbackThroughTheApi, waitingPieces } from "../support/feedback";
import { expect, test } from "../support/fixtures";
import { aRequest, askThroughTheApi } from "../support/requests";
import { BRISTOL, newGroup, newProvider, signedInPage } from "../support/staff-e2e";

/**
 * Safety that no single feature owns (issue 14), on the phone only: neither depends on the screen.
 * - Injection: HTML and script in every free text a person can send (a request, a check-in note,
 *   feedback) and every text staff write for others to read (a provider's answer, a group's
 *   report) come out as plain words in every view that shows them, and nothing runs.
 * - Privacy: a crawl of every page as each role, after a real request with personal details was
 *   sent and seen. No request leaves the origin (the `requests` fixture fails any test whose page
 *   does), and the personal details never land in storage, IndexedDB, a cookie, the address or the
 *   tab title. Staff addresses may carry a request's reference (a record id, as `?ref=`), never
 *   what it says; the person's own pages carry nothing.
 */

test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== "phone", "neither depends on the screen size"));

/** Markup that would run, or show, if any view put text in as HTML. Each is numbered, to tell which view failed. */
const markup = (n: number) => `<img src=x onerror=alert(${n})><script>alert(${n})</script><b>bold ${n}</b>`;

/** A request whose every free text is markup, with personal details to look for afterwards. */
function hostileRequest(serviceIds: string[]): SupportRequest {
  const base = aRequest({ serviceIds, consentServiceIds: serviceIds });
  return {
    ...base,
    message: `Sam Example here. ${markup(1)}`,
    contact: { ...base.contact, phone: "07700 900456", codeWord: "<i>kite</i>", trustedAdult: { name: `Aunt ${markup(2)}`.slice(0, 100), phone: "07700 900457" } },
    preferences: { ...base.preferences, accessibilityNeeds: markup(3) },
  };
}

/** Words from the request that identify the person: none may be kept by the browser. */
const PERSONAL = ["Sam Example", "07700 900456", "07700900456", "07700 900457", "kite", "Aunt"];

/** Fails the test if any dialog opens: a script in someone's words ran. */
function noDialogs(page: Page) {
  page.on("dialog", (dialog) => {
    throw new Error(`A dialog opened on ${page.url()}: ${dialog.message()}`);
  });
}

/**
 * Nothing the script-shaped words asked for exists anywhere in the page (a dialog, a heading, a
 * tab title built from them included): no such image, no script of its own (the page's scripts
 * are all files), no bold.
 */
async function expectInert(page: Page) {
  await expect(page.locator("img[src='x'], script:not([src]), b")).toHaveCount(0);
}

let setUp: Promise<{ codes: { reference: string; checkInCode: string }; serviceId: string; serviceName: string; organisationId: string; areaId: string }> | undefined;

/** One request with markup everywhere, a feeling with a markup note and feedback with markup words, shared by the tests in this file. */
function hostileHistory(browser: Browser, baseURL: string) {
  setUp ??= (async () => {
    const { area, organisation, services } = await newProvider();
    const context = await browser.newContext({ baseURL });
    const codes = await askThroughTheApi(context.request, baseURL, hostileRequest([services[0].id]));
    const page = await context.newPage();
    await openCheckIn(page);
    await signIn(page, codes);
    const told = await page.request.post("/api/check-in/feeling", { data: { feeling: "okay", note: `Note ${markup(4)}` }, headers: { origin: new URL(baseURL).origin } });
    expect(told.status()).toBe(200);
    await giveFeedbackThroughTheApi(context.request, baseURL, { serviceId: services[0].id, scores: { listened: 4 }, text: `They helped. ${markup(5)}`, mayShowPublicly: false });
    await context.close();
    return { codes, serviceId: services[0].id, serviceName: services[0].name, organisationId: organisation.id, areaId: area.id };
  })();
  return setUp;
}

test("script and markup in every free text show as plain words, and nothing runs, for the person, their worker and a moderator", async ({ page, browser, baseURL, requests: _ }) => {
  const { codes, serviceId, serviceName, organisationId } = await hostileHistory(browser, baseURL!);
  noDialogs(page);

  // The person, checked in: their details as they gave them.
  await openCheckIn(page);
  await signIn(page, codes);
  await page.getByRole("button", { name: "Change these details" }).click();
  await expect(page.getByLabel("A code word (you can leave this empty)")).toHaveValue("<i>kite</i>");
  await expectInert(page);

  // Their worker: the request, the trusted adult, what helps and the note, each word for word.
  const worker = await browser.newPage({ baseURL });
  noDialogs(worker);
  await signedInPage(worker, [{ role: "worker", organisationId }]);
  await worker.goto(`/staff/request/?${new URLSearchParams({ ref: codes.reference, service: serviceId })}`);
  const main = worker.locator("main");
  for (const n of [1, 2, 3, 4]) await expect(main).toContainText(markup(n));
  await expect(main).toContainText("<i>kite</i>");
  await expectInert(worker);

  // A moderator: the feedback's words, with what they propose to take out.
  const moderator = await browser.newPage({ baseURL });
  noDialogs(moderator);
  await signedInPage(moderator, [{ role: "moderator" }]);
  const [piece] = await waitingPieces(moderator, serviceName, new Date(0));
  await moderator.goto(pieceHref(piece!.id));
  await expect(moderator.locator("main")).toContainText(`They helped. ${markup(5)}`);
  await expectInert(moderator);
  await worker.close();
  await moderator.close();
});

const sameOrigin = (baseURL: string) => ({ origin: new URL(baseURL).origin });

/** A staff call through the API (Playwright's request API sends no Origin of its own). */
async function staffCall(page: Page, baseURL: string, method: "post" | "put", path: string, data: unknown) {
  const response = await page.request[method](path, { data, headers: sameOrigin(baseURL) });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

test("script and markup in approved words, a provider's answer and a group report show as plain words on the service's page, and for its manager and the area's commissioner", async ({ page, browser, baseURL, requests: _ }) => {
  test.setTimeout(90_000);
  noDialogs(page);
  const { group, organisation, services } = await newGroup();
  const service = services[0];
  const moderator = await browser.newPage({ baseURL });
  await signedInPage(moderator, [{ role: "moderator" }]);
  const manager = await browser.newPage({ baseURL });
  await signedInPage(manager, [{ role: "manager", organisationId: organisation.id }]);
  const facilitator = await browser.newPage({ baseURL });
  await signedInPage(facilitator, [{ role: "facilitator", groupId: group.id }]);

  // Five approved pieces (a service's page shows words from the fifth); the first may be shown, and is.
  const since = new Date(Date.now() - 2_000);
  for (let n = 1; n <= 5; n++) await giveFeedbackThroughTheApi(page.request, baseURL!, { serviceId: service.id, usage: "used", scores: { listened: 4 }, text: `Piece ${n}. ${markup(6)}`, mayShowPublicly: n === 1 });
  const pieces = await waitingPieces(moderator, service.name, since);
  expect(pieces).toHaveLength(5);
  for (const piece of pieces) await staffCall(moderator, baseURL!, "post", `/api/staff/moderation/${piece.id}/decision`, { decision: "approve", redactions: [] });
  const first = pieces.find((p) => p.text.startsWith("Piece 1."))!;
  await staffCall(manager, baseURL!, "put", `/api/staff/feedback/${first.id}/excerpt`, { shown: true });
  const answer = new URLSearchParams({ target: "feedback", targetId: first.id, organisationId: organisation.id });
  await staffCall(manager, baseURL!, "post", `/api/staff/responses?${answer}`, { status: "change-planned", text: `We will change it. ${markup(7)}` });
  await staffCall(moderator, baseURL!, "post", `/api/staff/moderation/responses/decision?${answer}`, { decision: "approve" });

  // A group's session, for the service and the area's commissioners.
  const report = await staffCall(facilitator, baseURL!, "post", `/api/staff/groups/${group.id}/reports`, {
    date: new Date().toISOString().slice(0, 10), participants: 6, summary: `Summary ${markup(8)}`, recommendations: `Change ${markup(9)}`,
    quotes: [{ text: `Quote ${markup(10)}`, consent: true }], addressedTo: { serviceIds: [service.id], commissioners: true },
  });
  await staffCall(facilitator, baseURL!, "post", `/api/staff/groups/${group.id}/reports/${report.id}/send`, {});
  await staffCall(moderator, baseURL!, "post", `/api/staff/moderation/group-reports/${group.id}/${report.id}/decision`, { decision: "approve" });

  // Anyone, on the service's page: the words shown and the answer.
  await page.goto(`/service/?id=${service.id}`);
  const said = page.locator("#what-people-said");
  await expect(said).toContainText(`Piece 1. ${markup(6)}`);
  await expect(said).toContainText(`We will change it. ${markup(7)}`);
  await expectInert(page);

  // Its manager: the feedback with the answer, and the group's report.
  noDialogs(manager);
  await manager.goto("/staff/feedback/");
  await expect(manager.locator(`#feedback-rows > li[data-id="${first.id}"]`)).toContainText(`Piece 1. ${markup(6)}`);
  await expect(manager.locator(`#feedback-rows > li[data-id="${first.id}"]`)).toContainText(`We will change it. ${markup(7)}`);
  await expectInert(manager);
  await manager.goto("/staff/group-reports/");
  for (const n of [8, 9, 10]) await expect(manager.locator("main")).toContainText(markup(n));
  await expectInert(manager);

  // The area's commissioner: what people said and the report, beside the figures.
  const commissioner = await browser.newPage({ baseURL });
  noDialogs(commissioner);
  await signedInPage(commissioner, [{ role: "commissioner", areaId: group.areaId }]);
  await commissioner.goto("/staff/insights/");
  const main = commissioner.locator("main");
  await expect(main).toContainText(`Piece 1. ${markup(6)}`);
  await expect(main).toContainText(`Summary ${markup(8)}`);
  await expectInert(commissioner);
  for (const p of [moderator, manager, facilitator, commissioner]) await p.close();
});

/** Every page the site builds, as its address: `ask/index.astro` is `/ask/`, `find-support.astro` is `/find-support/`. */
function everyPage(): { path: string; staff: boolean }[] {
  const root = join(process.cwd(), "site", "src", "pages");
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .filter((file) => file.endsWith(".astro") && !file.endsWith("404.astro"))
    .map((file) => `/${relative(root, file).replace(/\\/g, "/").replace(/(index)?\.astro$/, "")}`.replace(/([^/])$/, "$1/"))
    .map((path) => ({ path, staff: path.startsWith("/staff/") }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** What the browser holds for this page, and where it is: none of it may hold a personal detail. */
async function expectNothingPersonalKept(page: Page, also: string[]) {
  const kept = await page.evaluate(async () => {
    const stores = [localStorage, sessionStorage].map((s) => Object.entries({ ...s }).flat().join(" "));
    const databases = (await indexedDB.databases()).map((d) => d.name ?? "");
    return { stores, databases, title: document.title, url: location.href };
  });
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`);
  const everywhere = [...kept.stores, ...kept.databases, ...cookies, kept.title, decodeURIComponent(kept.url)].join(" | ");
  for (const word of [...PERSONAL, ...also]) expect(everywhere, `on ${kept.url}`).not.toContain(word);
  expect(kept.databases, `IndexedDB on ${kept.url}`).toEqual([]);
}

/**
 * Visits each page and waits until it has nothing in flight for a moment (what it fetched is in
 * the page by then), which is quicker than Playwright's half-second "networkidle".
 */
async function crawl(page: Page, paths: string[], also: string[]) {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  page.on("request", (r) => (inFlight.add(r), (lastChange = Date.now())));
  const finished = (r: Request) => (inFlight.delete(r), (lastChange = Date.now()));
  page.on("requestfinished", finished);
  page.on("requestfailed", finished);
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator("h1")).toHaveCount(1);
    await expect.poll(() => inFlight.size === 0 && Date.now() - lastChange > 150, { intervals: [50] }).toBe(true);
    await expectNothingPersonalKept(page, also);
  }
}

const PUBLIC = everyPage().filter((p) => !p.staff).map((p) => p.path);
const STAFF = everyPage().filter((p) => p.staff).map((p) => p.path);

test("the crawl finds every page the site has", () => {
  expect(PUBLIC).toEqual(expect.arrayContaining(["/", "/ask/", "/check-in/", "/feedback/", "/find-support/", "/service/", "/staying-safe-online/"]));
  expect(STAFF.length).toBeGreaterThanOrEqual(20);
});

test("privacy crawl: someone who asked, checked in, and then goes to every public page", async ({ page, browser, baseURL, requests: _ }) => {
  const { codes } = await hostileHistory(browser, baseURL!);
  await openCheckIn(page);
  await signIn(page, codes);
  // Their own reference and code are theirs to know, never the browser's to keep.
  const theirs = [codes.reference, codes.checkInCode, formatCheckInCode(codes.checkInCode)];
  await expectNothingPersonalKept(page, theirs);
  await crawl(page, PUBLIC, theirs);
});

/** Each staff role, as its grant: scoped to the organisation, area or group the request went to. */
const ROLE_GRANTS: [string, (ids: { organisationId: string; areaId: string; groupId: string }) => Grant[]][] = [
  ["worker", ({ organisationId }) => [{ role: "worker", organisationId }]],
  ["manager", ({ organisationId }) => [{ role: "manager", organisationId }]],
  ["navigator", ({ areaId }) => [{ role: "navigator", areaId }]],
  ["moderator", () => [{ role: "moderator" }]],
  ["facilitator", ({ groupId }) => [{ role: "facilitator", groupId }]],
  ["commissioner", () => [{ role: "commissioner", areaId: BRISTOL.id }]],
  ["admin", () => [{ role: "admin" }]],
];

for (const [role, grants] of ROLE_GRANTS) {
  test(`privacy crawl: every staff page as ${role === "admin" ? "an" : "a"} ${role}`, async ({ page, browser, baseURL, requests: _ }) => {
    const { codes, serviceId, organisationId, areaId } = await hostileHistory(browser, baseURL!);
    const { group } = await newGroup();
    await signedInPage(page, grants({ organisationId, areaId, groupId: group.id }));
    // The request's own page first (its details shown), then every page the site has.
    await crawl(page, [`/staff/request/?${new URLSearchParams({ ref: codes.reference, service: serviceId })}`, ...STAFF], [codes.checkInCode]);
  });
}
