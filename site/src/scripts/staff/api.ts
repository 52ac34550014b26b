import { callApi, type ApiError, type ApiResult } from "../api";

export type { ApiError, ApiResult };

/** Where a member of staff goes when their session has ended (or never began). */
export const SIGN_IN_PATH = "/staff/";

/**
 * Calls the staff API on OneDoor's own origin, with the session cookie. When the session has
 * ended the page goes to sign in, and the promise never settles, so nothing half-loaded shows.
 */
export async function staffApi<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
  const result = await callApi<T>(method, path, { body });
  if (!result.ok && result.status === 401 && result.error.code === "session.required") {
    window.location.assign(`${SIGN_IN_PATH}?signin=again`);
    return new Promise(() => {});
  }
  return result;
}

export const getStaff = <T>(path: string) => staffApi<T>("GET", path);
export const sendStaff = <T>(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown) => staffApi<T>(method, path, body);
