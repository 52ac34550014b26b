/** What the API says went wrong, in the shape every OneDoor error has. */
export type ApiError = { code: string; message: string; fields: { field: string; message: string }[] };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

const unreachable: ApiError = {
  code: "network.unavailable",
  message: "We could not reach OneDoor just now. Check your internet connection, then try again.",
  fields: [],
};

/** A failure that came with no answer of ours (a proxy's error page, an empty body). */
const onOurSide: ApiError = { code: "server.error", message: "Something went wrong on our side. Please try again in a minute.", fields: [] };

/** Field errors as a list, whichever shape the API gives them in. */
function fieldsOf(fields: unknown): ApiError["fields"] {
  if (Array.isArray(fields)) return fields as ApiError["fields"];
  if (fields && typeof fields === "object") return Object.entries(fields).map(([field, message]) => ({ field, message: String(message) }));
  return [];
}

/**
 * Calls OneDoor's own API: JSON both ways, any cookie sent only to this origin, never from the
 * browser's cache. Every outcome is an ApiResult: a network failure is status 0, so a page always
 * has words to show.
 */
export async function callApi<T>(
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  const { body, headers = {} } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: unreachable };
  }
  const json = (await response.json().catch(() => undefined)) as { error?: ApiError } | undefined;
  if (response.ok) return { ok: true, data: json as T };
  const error = json?.error ? { ...json.error, fields: fieldsOf(json.error.fields) } : onOurSide;
  return { ok: false, status: response.status, error };
}

/** GETs JSON from OneDoor's own API. */
export const getJson = <T>(path: string) => callApi<T>("GET", path);
