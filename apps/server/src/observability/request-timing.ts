import { AsyncLocalStorage } from "node:async_hooks";
import type { AlmaExchange } from "@alma-suite/core";
import type { NextFunction, Request, Response } from "express";
import onHeaders from "on-headers";

/** What one request spent so far: its Alma exchanges, counted by `recordAlmaExchange`. */
export interface RequestTiming {
  almaMs: number;
  almaCalls: number;
}

const current = new AsyncLocalStorage<RequestTiming>();

/** Adds an Alma exchange to the request it was made for (work outside a request, e.g. jobs, has none). */
export function recordAlmaExchange(exchange: AlmaExchange): void {
  const timing = current.getStore();
  if (!timing) return;
  timing.almaMs += exchange.ms;
  timing.almaCalls += 1;
}

/** The timing of the request being answered on `res`, once `requestTiming` has run. */
export function timingOf(res: Response): RequestTiming | undefined {
  return (res.locals as { timing?: RequestTiming }).timing;
}

/**
 * Answers every request with a `Server-Timing` header (`alma;dur=…;desc="2 calls", app;dur=…`):
 * how long it waited on Alma and how long the suite itself took. When a checkout is slow, the
 * merchant's developer sees in the browser's network panel, and the operator in the access log,
 * which side the time went to. The benchmarks read it too.
 */
export function requestTiming() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    const timing: RequestTiming = { almaMs: 0, almaCalls: 0 };
    res.locals.timing = timing;
    onHeaders(res, () => {
      res.setHeader("Server-Timing", serverTiming(performance.now() - started, timing));
    });
    current.run(timing, next);
  };
}

/** The `Server-Timing` value of a request that took `totalMs` in all. */
export function serverTiming(totalMs: number, timing: RequestTiming): string {
  // Never negative, should a request ever wait on two Alma calls at once.
  const parts = [`app;dur=${Math.max(0, totalMs - timing.almaMs).toFixed(2)}`];
  if (timing.almaCalls > 0)
    parts.unshift(`alma;dur=${timing.almaMs.toFixed(2)};desc="${timing.almaCalls} calls"`);
  return parts.join(", ");
}
