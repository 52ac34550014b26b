import type { ApiError, ApiResult } from "../api";

export type { ApiError, ApiResult };

const unavailable: ApiError = {
  code: "network.unavailable",
  message: "We could not reach OneDoor just now. Check your internet connection and try again.",
  fields: [],
};

/** Where a member of staff goes when their session has ended (or never began). */
export const SIGN_IN_PATH = "/staff/";

/**
 * Calls the staff API on OneDoor's own origin, with the session cookie. When the session has
 * ended the page goes to sign in, and the promise never settles, so nothing half-loaded shows.
 */
export async function staffApi<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: unavailable };
  }
  const data = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, data: data as T };
  const error = (data as { error?: ApiError } | undefined)?.error ?? { ...unavailable, message: "Something went wrong on our side. Please try again." };
  if (response.status === 401 && error.code === "session.required") {
    window.location.assign(`${SIGN_IN_PATH}?signin=again`);
    return new Promise(() => {});
  }
  return { ok: false, status: response.status, error };
}

export const getStaff = <T>(path: string) => staffApi<T>("GET", path);
export const sendStaff = <T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown) => staffApi<T>(method, path, body);
