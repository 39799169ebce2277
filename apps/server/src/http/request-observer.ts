import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../observability/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { type RequestTiming, timingOf } from "../observability/request-timing.ts";

/** One answered request, as the metrics and the access log see it. */
export interface AnsweredRequest {
  method: string;
  path: string;
  /** The route pattern, never the raw path: ids in URLs would explode the metric's cardinality. */
  route: string;
  status: number;
  seconds: number;
  alma?: RequestTiming;
}

/** Counts and times an answered request by route pattern and writes its access log line. */
export function observeRequest(logger: Logger, metrics: Metrics, answered: AnsweredRequest): void {
  const labels = { method: answered.method, route: answered.route, status: String(answered.status) };
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, answered.seconds);
  if (answered.path === "/healthz" || answered.path === "/metrics") return;
  const level = answered.status >= 500 ? "error" : answered.status >= 400 ? "warn" : "info";
  const alma = answered.alma;
  logger[level](
    {
      method: answered.method,
      path: answered.path,
      status: answered.status,
      ms: Math.round(answered.seconds * 1000),
      // How much of it was spent waiting on Alma, when the request called Alma at all.
      ...(alma?.almaCalls ? { almaMs: Math.round(alma.almaMs), almaCalls: alma.almaCalls } : {}),
    },
    "request",
  );
}

/** `observeRequest` for every request Express answers. */
export function requestObserver(logger: Logger, metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    // Read now, at the top of the app: by the time the answer is sent, a mounted router has made
    // req.path relative to its mount point ("/dashboard" for "/<plugin>/dashboard").
    const path = req.path;
    res.on("finish", () => {
      observeRequest(logger, metrics, {
        method: req.method,
        path,
        route: req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : "unmatched",
        status: res.statusCode,
        seconds: Number(process.hrtime.bigint() - started) / 1e9,
        alma: timingOf(res),
      });
    });
    next();
  };
}
