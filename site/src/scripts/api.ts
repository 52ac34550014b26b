/** What the API says went wrong, in the shape every OneDoor error has. */
export type ApiError = { code: string; message: string; fields: { field: string; message: string }[] };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

/** GETs JSON from OneDoor's own API. A network failure becomes an error the page can show. */
export async function getJson<T>(path: string): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, { headers: { accept: "application/json" }, credentials: "same-origin" });
    const body = await response.json().catch(() => undefined);
    if (response.ok) return { ok: true, data: body as T };
    const error = (body as { error?: ApiError } | undefined)?.error;
    return { ok: false, status: response.status, error: error ?? unavailable };
  } catch {
    return { ok: false, status: 0, error: unavailable };
  }
}

const unavailable: ApiError = {
  code: "network.unavailable",
  message: "We could not reach OneDoor just now. Check your internet connection and try again.",
  fields: [],
};
