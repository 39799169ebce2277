import type { ErrorRequestHandler, RequestHandler } from "express";

/** Unknown routes answer JSON like the rest of the API, never Express's HTML page. */
export const notFoundRoute: RequestHandler = (req, res) => {
  res.status(404).json({ error_code: "not_found", message: `No route for ${req.method} ${req.path}` });
};

/**
 * Malformed JSON and oversized bodies are the client's fault (400/413), never a 500. Anything
 * else is a sandbox bug: answered as a 500 with a message, and logged so it gets fixed.
 */
export const jsonErrorHandler: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    // body-parser errors carry a `type` such as entity.parse.failed; others are e.g. a bad %-escape in the URL.
    const fromBody = String((error as { type?: unknown }).type ?? "").startsWith("entity.");
    const field = fromBody ? "body" : "url";
    const message =
      status === 413 ? "Request body too large" : fromBody ? "Malformed request body" : "Malformed request";
    res.status(status).json({ error_code: "validation_error", errors: [{ message, field }] });
    return;
  }
  console.error("alma-sandbox: unexpected error", error);
  res.status(500).json({ message: "Internal sandbox error" });
};

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}
