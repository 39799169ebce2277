import {
  AlmaApiError,
  AlmaAuthenticationError,
  type AlmaError,
  type AlmaFieldError,
  AlmaInvalidRequestError,
  AlmaNotFoundError,
  AlmaRateLimitError,
} from "./errors.ts";

/**
 * The one place that turns a non-2xx Alma response into an error. `body` is the parsed JSON when
 * the response was JSON, else the raw text (a proxy's HTML page, say), else undefined.
 */
export function errorFromResponse(
  status: number,
  body: unknown,
  requestId?: string,
  retryAfterMs?: number,
): AlmaError {
  const fieldErrors = fieldErrorsOf(body);
  const message = messageOf(body, fieldErrors) ?? `Alma answered HTTP ${status} without an error message`;
  const details = { status, requestId, body, code: codeOf(body) };
  if (status === 400 || status === 422)
    return new AlmaInvalidRequestError(message, { ...details, fieldErrors });
  if (status === 401 || status === 403) return new AlmaAuthenticationError(message, details);
  if (status === 404) return new AlmaNotFoundError(message, details);
  if (status === 429) return new AlmaRateLimitError(message, { ...details, retryAfterMs });
  return new AlmaApiError(message, { ...details, retryAfterMs });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

// Same precedence as Alma's own clients: `message` first, then `error`, then the other shapes.
function messageOf(body: unknown, fieldErrors: AlmaFieldError[]): string | undefined {
  if (!isRecord(body)) return undefined;
  const direct = nonEmptyString(body.message) ?? nonEmptyString(body.error);
  if (direct) return direct;
  if (isRecord(body.error)) {
    const nested = nonEmptyString(body.error.message);
    if (nested) return nested;
  }
  if (fieldErrors.length > 0) {
    return fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
  }
  if (isRecord(body.running)) {
    const running = nonEmptyString(body.running.message);
    if (running) return `Alma could not process ${running}`;
  }
  const objectType = nonEmptyString(body.object_type);
  if (objectType && body.value !== undefined) return `No ${objectType} found for ${String(body.value)}`;
  return nonEmptyString(body.error_code);
}

function fieldErrorsOf(body: unknown): AlmaFieldError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.flatMap((item): AlmaFieldError[] => {
    if (typeof item === "string") return [{ message: item }];
    if (!isRecord(item)) return [];
    const message = nonEmptyString(item.message);
    if (!message) return [];
    const field = nonEmptyString(item.field);
    return [field ? { field, message } : { message }];
  });
}

function codeOf(body: unknown): string | undefined {
  return isRecord(body) ? nonEmptyString(body.error_code) : undefined;
}
