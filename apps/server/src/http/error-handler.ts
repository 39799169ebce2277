import { BodyError } from "@alma-suite/core";
import { StorageUnavailableError } from "@alma-suite/core/storage";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../observability/create-logger.ts";

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
}

/**
 * The last middleware. Malformed input (bad JSON, a body over the limit, a wrong content
 * type) is the client's fault: a 4xx with a clear message. The database being unreachable is a
 * 503 to retry. Anything else is our fault: it is
 * logged with its stack and answered with a generic 500 that leaks nothing.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const answer = errorAnswer(logger, error, req.path);
    if (res.headersSent) return;
    res.status(answer.status);
    if (answer.retryAfterS !== undefined) res.set("Retry-After", String(answer.retryAfterS));
    res.json(answer.body);
  };
}

/** What a request that failed with `error` is answered, once its line is logged. */
export function errorAnswer(
  logger: Logger,
  error: unknown,
  path: string,
): { status: number; body: { error: string }; retryAfterS?: number } {
  const e = (error ?? {}) as HttpishError;
  const status = e.status ?? e.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const message =
      error instanceof BodyError
        ? error.message
        : e.type === "entity.parse.failed"
          ? "request body is not valid JSON"
          : e.type === "entity.too.large"
            ? "request body is too large"
            : error instanceof URIError
              ? "the URL is not valid percent-encoded UTF-8"
              : e.expose && e.message
                ? e.message
                : "bad request";
    logger.warn({ path, status, reason: e.type ?? e.message }, "rejected request");
    return { status, body: { error: message } };
  }
  // The database restarting or failing over is nobody's bug: the client retries shortly.
  if (error instanceof StorageUnavailableError) {
    logger.warn({ path, reason: error.message }, "database unavailable");
    return { status: 503, body: { error: "temporarily unavailable, retry shortly" }, retryAfterS: 5 };
  }
  logger.error({ err: error, path }, "unhandled error");
  return { status: 500, body: { error: "internal error" } };
}

export function notFound(req: Request, res: Response) {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
}
