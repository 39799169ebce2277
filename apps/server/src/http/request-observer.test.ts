import { describe, expect, it } from "vitest";
import type { Logger } from "../observability/create-logger.ts";
import type { Metrics } from "../observability/metrics.ts";
import { observeRequest } from "./request-observer.ts";

describe("the access log", () => {
  it("never shows a dashboard login link's token, valid or nearly so", () => {
    const lines: Record<string, unknown>[] = [];
    const log = (fields: Record<string, unknown>) => lines.push(fields);
    const logger = { info: log, warn: log, error: log } as unknown as Logger;
    const metrics = { httpRequests: { inc() {} }, httpDuration: { observe() {} } } as unknown as Metrics;
    for (const status of [302, 410]) {
      observeRequest(logger, metrics, {
        method: "GET",
        path: "/dashboard/login/eyJ0IjoidF8xIn0.c2lnbmF0dXJlX",
        route: "/dashboard/login/:token",
        status,
        seconds: 0.001,
      });
    }
    expect(lines.map((l) => l.path)).toEqual(["/dashboard/login/<token>", "/dashboard/login/<token>"]);
    expect(JSON.stringify(lines)).not.toContain("eyJ0IjoidF8xIn0");
  });
});
