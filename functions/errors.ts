import type { z } from "zod";

/** One field's problem, named so a form can link to it. */
export type FieldError = { field: string; message: string };

/**
 * The one error type OneDoor throws on purpose. `code` is dotted (`service.not_found`) so
 * clients can branch on it; `message` is written for the person who will read it.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 500 | 503,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** Field errors from a zod failure, one per field, in the order the fields were given. */
export function fieldErrorsOf(error: z.core.$ZodError): FieldError[] {
  const seen = new Set<string>();
  const fields: FieldError[] = [];
  for (const issue of error.issues) {
    // Array positions are dropped: `need.1` is still the `need` field to a form, while a
    // nested field keeps its path (`contact.phone`) so a question page can point at its box.
    const field = issue.path.filter((p) => typeof p !== "number").map(String).join(".") || "request";
    if (seen.has(field)) continue;
    seen.add(field);
    fields.push({ field, message: issue.message });
  }
  return fields;
}

/** A 400 that names each field and says what to fix. */
export function invalidInput(error: z.core.$ZodError): AppError {
  const fields = fieldErrorsOf(error);
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join(" ");
  return new AppError("request.invalid", 400, `Some of what was sent needs fixing. ${summary}`, fields);
}

/** The same body shape for every error response. */
export function errorBody(error: AppError, requestId: string) {
  return { error: { code: error.code, message: error.message, fields: error.fields, requestId } };
}

/** Whether an SDK error means DynamoDB could not be reached, rather than a fault in our code. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = e?.code ?? e?.cause?.code;
  return (
    e?.name === "TimeoutError" ||
    e?.name === "ServiceUnavailable" ||
    e?.name === "ResourceNotFoundException" ||
    code === "ECONNREFUSED" ||
    code === "ECONNRESET" ||
    code === "ETIMEDOUT"
  );
}
