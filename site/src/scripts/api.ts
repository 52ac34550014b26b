import { clearAllErrors, showErrors, type FieldError, type SummaryOptions } from "./form-errors";

/** What the API says went wrong, in the shape every OneDoor error has. */
export type ApiError = { code: string; message: string; fields: { field: string; message: string }[] };

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

const unreachable: ApiError = {
  code: "network.unavailable",
  message: "We could not reach OneDoor just now. Check your internet connection, then try again.",
  fields: [],
};

/** The words for a failure the person cannot do anything about but try again. */
export const ON_OUR_SIDE = "Something went wrong on our side. Please try again in a minute.";

/** A failure that came with no answer of ours (a proxy's error page, an empty body). */
const onOurSide: ApiError = { code: "server.error", message: ON_OUR_SIDE, fields: [] };

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

/**
 * Messages that do not say which field they are about ("This cannot be empty."): in the error
 * summary they would be ambiguous, so the form's own message for that field is shown instead.
 */
const GENERIC_MESSAGE = /^(Too small|Too big|Invalid|Expected|Required|This cannot be empty|Enter some text here)/i;

/** How one page shows a failed answer (showApiError). */
export type ApiErrorOptions = SummaryOptions & {
  /** The form's box for an API field, or undefined when the form has none. By default the same name. */
  fieldFor?: (apiField: string) => string | undefined;
  /** The form's own words for a box, shown instead of an API message that does not say which box it is about. */
  messages?: Record<string, string>;
  /** The words for a problem that is no box's, instead of the API's own. */
  message?: string;
  /** Puts the field errors somewhere this form does not show yet (ask: the step they are on); false if it cannot. */
  placeFields?: (errors: FieldError[]) => boolean;
  /** Shows a problem that is no box's outside the error summary (a results panel, a panel with Try again). */
  problem?: (message: string) => void;
};

/**
 * The one way a page shows a failed answer. Errors from before go. Field errors go on the boxes
 * they are about, one each, with the GOV.UK error summary linking to them; anything else is one
 * message in the summary (or given to `problem`). The summary takes focus (form-errors.ts).
 */
export function showApiError(form: HTMLFormElement, error: ApiError, options: ApiErrorOptions = {}): void {
  const { fieldFor = (field: string) => field, messages = {} } = options;
  const fields = error.fields.flatMap((f) => {
    const field = fieldFor(f.field);
    if (field === undefined) return [];
    return [{ field, message: GENERIC_MESSAGE.test(f.message) && messages[field] ? messages[field] : f.message }];
  });
  // One message a box: two API fields can share one box on the form.
  const firstEach = fields.filter((f, i) => fields.findIndex((g) => g.field === f.field) === i);
  if (firstEach.length && options.placeFields) {
    if (options.placeFields(firstEach)) return;
  } else if (firstEach.length) {
    clearAllErrors();
    return showErrors(form, firstEach, options);
  }
  clearAllErrors();
  const message = options.message ?? error.message;
  if (options.problem) return options.problem(message);
  showErrors(form, [{ field: "", message }], options);
}
