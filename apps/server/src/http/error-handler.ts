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
    const e = (error ?? {}) as HttpishError;
    const status = e.status ?? e.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      const message =
        e.type === "entity.parse.failed"
          ? "request body is not valid JSON"
          : e.type === "entity.too.large"
            ? "request body is too large"
            : error instanceof URIError
              ? "the URL is not valid percent-encoded UTF-8"
              : e.expose && e.message
                ? e.message
                : "bad request";
      logger.warn({ path: req.path, status, reason: e.type ?? e.message }, "rejected request");
      if (!res.headersSent) res.status(status).json({ error: message });
      return;
    }
    // The database restarting or failing over is nobody's bug: the client retries shortly.
    if (error instanceof StorageUnavailableError) {
      logger.warn({ path: req.path, reason: error.message }, "database unavailable");
      if (!res.headersSent)
        res.status(503).set("Retry-After", "5").json({ error: "temporarily unavailable, retry shortly" });
      return;
    }
    logger.error({ err: error, path: req.path }, "unhandled error");
    if (!res.headersSent) res.status(500).json({ error: "internal error" });
  };
}

export function notFound(req: Request, res: Response) {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
}
