import type { PluginLogger } from "@alma-suite/core";
import { AlmaError } from "@alma-suite/core";
import type { ErrorRequestHandler } from "express";
import { WooApiError, WooConnectionError } from "../woo/woo-errors.ts";

/**
 * Failures of the systems behind a route become a 502 JSON answer (our fault would be a 500, left to
 * the server's handler); a body the parser refused keeps its 4xx.
 */
export function pluginErrors(logger: PluginLogger): ErrorRequestHandler {
  return (error, req, res, next) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === "number" && status >= 400 && status < 500 && (error as { type?: unknown }).type) {
      res.status(status).json({ error: (error as Error).message });
      return;
    }
    const upstream =
      error instanceof WooApiError || error instanceof WooConnectionError
        ? "WooCommerce"
        : error instanceof AlmaError
          ? "Alma"
          : undefined;
    if (!upstream) return next(error);
    logger.error({ path: req.path, err: (error as Error).message }, `${upstream} failed during a request`);
    res
      .set("Retry-After", "5")
      .status(502)
      .json({ error: `${upstream} did not answer as expected, try again` });
  };
}
