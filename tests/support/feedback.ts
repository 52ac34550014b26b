import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type { FeedbackInput as Feedback } from "../../functions/domain/feedback";
import { HARBOUR_YOUNG_PEOPLE, newKey } from "./requests";
import { signedInPage } from "./staff-e2e";

/** Tell us how it went (J4) in browser tests: feedback given through the API, and a moderator's view of it. */

/** Words that name a person, a school and a phone number: what a moderator must take out. */
export const NAMING_TEXT = "Sarah Jones helped me. I go to St Mary's Academy. My number is 07700 900123.";

/** Words that mean someone may be at risk now: the thank-you shows the helplines. */
export const AT_RISK_TEXT = "I want to kill myself";

/** A complete piece of feedback about Harbour Young People's Support, with words to moderate. */
export function aPieceOfFeedback(overrides: Partial<Feedback> = {}): Feedback {
  return { serviceId: HARBOUR_YOUNG_PEOPLE.id, usage: "used", scores: { listened: 4, safe: 5 }, text: NAMING_TEXT, ...overrides };
}

export type FeedbackReceived = { moderated: boolean; safeguarding: boolean };

/**
 * Gives feedback through the API, as /feedback/ does (a fresh Idempotency-Key and the site's
 * Origin): what the thank-you is shown from. For setting up moderation and insights tests.
 */
export async function giveFeedbackThroughTheApi(api: APIRequestContext, baseURL: string, feedback: Feedback = aPieceOfFeedback()): Promise<FeedbackReceived> {
  const response = await api.post(`${baseURL}/api/feedback`, {
    headers: { Origin: new URL(baseURL).origin, "Idempotency-Key": newKey() },
    data: feedback,
  });
  if (response.status() !== 201) throw new Error(`Giving feedback failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as FeedbackReceived;
}

/** One piece as a moderator opens it (GET /api/staff/moderation/:id). */
export type OpenedPiece = {
  id: string;
  serviceName: string;
  receivedAt: string;
  state: string;
  usage?: string;
  scores: Record<string, number>;
  fromCheckIn: boolean;
  text: string;
  proposals: { start: number; end: number; kind: string; text: string }[];
  safeguarding?: { phrases: string[]; feltUnsafe: boolean };
};

/** A moderator signed in in a browser context of their own, so the person's page keeps no staff cookie. */
export async function asModerator<T>(browser: Browser, baseURL: string, act: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signedInPage(page, [{ role: "moderator" }]);
    return await act(page);
  } finally {
    await context.close();
  }
}

/**
 * The pieces waiting for a moderator about a service, received since a time, opened one by one
 * (each opening is audited, as it is for a real moderator). Tests run side by side on one table,
 * so a test finds its own pieces by their words.
 */
export async function waitingPieces(moderator: Page, serviceName: string, since: Date): Promise<OpenedPiece[]> {
  const queue = await moderator.request.get("/api/staff/moderation");
  if (!queue.ok()) throw new Error(`The moderation queue failed: ${queue.status()} ${await queue.text()}`);
  const { pieces } = (await queue.json()) as { pieces: { id: string; serviceName: string; receivedAt: string }[] };
  const mine = pieces.filter((p) => p.serviceName === serviceName && new Date(p.receivedAt) >= since);
  return Promise.all(
    mine.map(async ({ id }) => {
      const response = await moderator.request.get(`/api/staff/moderation/${id}`);
      if (!response.ok()) throw new Error(`Opening a piece failed: ${response.status()} ${await response.text()}`);
      return ((await response.json()) as { piece: OpenedPiece }).piece;
    }),
  );
}
