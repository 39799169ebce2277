import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../observability/create-logger.ts";
import { type RefusalFormats, sendRefusal } from "./send-refusal.ts";

/**
 * Answers 400 to a URL carrying an encoded NUL (`%00`) in its path or query. No id, reference or
 * filter of ours holds one, and PostgreSQL cannot even compare text that does: looking such an id
 * up would fail as a 500 on PostgreSQL while SQLite answers 404. One check here covers every
 * route, those of plugins included.
 */
export function refuseNulInUrl(logger: Logger, formats: RefusalFormats = () => undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!/%00/i.test(req.originalUrl)) return next();
    logger.warn({ path: req.path.slice(0, 200) }, "rejected request: NUL in the URL");
    sendRefusal(
      req,
      res,
      {
        status: 400,
        message: "the URL must not contain a NUL character (%00)",
        problem: { slug: "malformed-request", title: "The request URL or body could not be read" },
      },
      formats,
    );
  };
}
