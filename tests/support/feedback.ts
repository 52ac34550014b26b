import type { APIRequestContext } from "@playwright/test";
import type { FeedbackInput as Feedback } from "../../functions/domain/feedback";
import { newKey } from "./requests";

/** Gives feedback through the API from a browser test, as the /feedback/ pages do: whether a moderator reads it first, and whether it was flagged. */
export async function giveFeedbackThroughTheApi(api: APIRequestContext, baseURL: string, feedback: Feedback) {
  const response = await api.post(`${baseURL}/api/feedback`, {
    headers: { Origin: new URL(baseURL).origin, "Idempotency-Key": newKey() },
    data: feedback,
  });
  if (response.status() !== 201) throw new Error(`Giving feedback failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { moderated: boolean; safeguarding: boolean };
}
