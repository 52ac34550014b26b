import type { APIRequestContext, Page } from "@playwright/test";
import { formatCheckInCode, formatReference } from "../../functions/domain/request-codes";
import type { SupportRequest } from "../../functions/domain/support-request";
import { EXAMPLE_SERVICES } from "../../functions/local/seed";
import { expect, expectPage } from "./fixtures";
import { aRequest, askThroughTheApi } from "./requests";
import { HARBOUR } from "./staff-e2e";

/** Check in (J3) in the browser: a request made through the API, and the steps of signing in. */

export const YOUNG_PEOPLE = EXAMPLE_SERVICES.find((s) => s.organisationId === HARBOUR.id && s.name.startsWith("Harbour Young People"))!;
export const FAMILY = EXAMPLE_SERVICES.find((s) => s.organisationId === HARBOUR.id && s.name.startsWith("Harbour Family"))!;

export const TITLE = "Check in – OneDoor";

export type Codes = { reference: string; checkInCode: string };

/** Asks these services for support through the API, as the /ask/ pages do: no message, no preferences. */
export function askForSupport(
  request: APIRequestContext,
  baseURL: string,
  serviceIds = [YOUNG_PEOPLE.id],
  contact: Partial<SupportRequest["contact"]> = { method: "check-in-only" },
): Promise<Codes> {
  return askThroughTheApi(
    request,
    baseURL,
    aRequest({ serviceIds, consentServiceIds: serviceIds, contact: contact as SupportRequest["contact"], message: undefined, preferences: {}, consentToCoordination: undefined }),
  );
}

export async function openCheckIn(page: Page) {
  await page.goto("/check-in/");
  await expectPage(page, TITLE, "Check in");
  await expect(page.getByLabel("Your reference")).toBeVisible();
}

/** Types the codes the way a person might (lower case, dashes, spaces) and signs in. */
export async function signIn(page: Page, codes: Codes) {
  await page.getByLabel("Your reference").fill(formatReference(codes.reference).toLowerCase().replace(" ", "-"));
  await page.getByLabel("Your check-in code").fill(formatCheckInCode(codes.checkInCode));
  await page.getByRole("button", { name: "Check in" }).click();
  await expectSignedIn(page, codes);
}

export async function expectSignedIn(page: Page, codes: Codes) {
  await expect(page.getByRole("heading", { level: 1, name: "Your request" })).toBeFocused();
  await expectPage(page, TITLE, "Your request");
  await expect(page.locator("#checkin-reference")).toHaveText(formatReference(codes.reference));
}

/** The error summary has focus, says each message, and the tab title says there is an error. */
export async function expectSummary(page: Page, ...messages: string[]) {
  const summary = page.getByRole("alert");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  for (const message of messages) await expect(summary).toContainText(message);
  await expect(page).toHaveTitle(`Error: ${TITLE}`);
}

/** Nothing about the request is kept where someone else could find it later. */
export async function expectNothingKept(page: Page) {
  expect(new URL(page.url()).pathname + new URL(page.url()).search + new URL(page.url()).hash).toBe("/check-in/");
  expect(await page.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);
}
