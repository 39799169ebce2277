import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../observability/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { timingOf } from "../observability/request-timing.ts";

/**
 * Times every request, counts it by route pattern (never by raw path, so ids in URLs do not
 * explode the metric's cardinality) and writes one access log line.
 */
export function requestObserver(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      const labels = { method: req.method, route, status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, seconds);
      if (req.path === "/healthz" || req.path === "/metrics") return;
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
      const alma = timingOf(res);
      logger[level](
        {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          // How much of it was spent waiting on Alma, when the request called Alma at all.
          ...(alma?.almaCalls ? { almaMs: Math.round(alma.almaMs), almaCalls: alma.almaCalls } : {}),
        },
        "request",
      );
    });
    next();
  };
}
