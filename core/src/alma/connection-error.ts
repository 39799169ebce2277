import { CONNECT_TIMEOUT_CODE } from "../http/http-exchange.ts";
import { AlmaConnectionError } from "./errors.ts";

// Failures of the connect phase: the HTTP request was never written, so even a payment creation
// can be resent safely. Anything else (reset, hang-up, timeout) may have reached Alma.
const neverSentCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Wraps whatever `fetch` (or reading the body) threw into an AlmaConnectionError. */
export function connectionErrorFrom(error: unknown, what: string, timeoutMs: number): AlmaConnectionError {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError") {
    return new AlmaConnectionError(`Alma did not answer ${what} within ${timeoutMs} ms`, {
      cause: error,
      timedOut: true,
      mayHaveReachedAlma: true,
    });
  }
  const codes = causeCodes(error);
  if (codes.includes(CONNECT_TIMEOUT_CODE)) {
    return new AlmaConnectionError(`Could not connect to Alma for ${what} within ${timeoutMs} ms`, {
      cause: error,
      code: CONNECT_TIMEOUT_CODE,
      timedOut: true,
      mayHaveReachedAlma: false,
    });
  }
  const neverSent = codes.length > 0 && codes.every((code) => neverSentCodes.has(code));
  return new AlmaConnectionError(`Could not reach Alma for ${what}: ${describe(error)}`, {
    cause: error,
    code: codes[0],
    timedOut: false,
    mayHaveReachedAlma: !neverSent,
  });
}

// undici wraps the socket error in `cause`; happy-eyeballs failures nest an AggregateError there.
function causeCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== "object" || error === null || depth > 4) return [];
  const own = "code" in error && typeof error.code === "string" ? [error.code] : [];
  const nested = "errors" in error && Array.isArray(error.errors) ? error.errors : [];
  const cause = "cause" in error ? [error.cause] : [];
  const inner = [...nested, ...cause].flatMap((e) => causeCodes(e, depth + 1));
  return inner.length > 0 ? inner : own;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
