import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { observeRequest } from "../http/request-observer.ts";
import { createLogger } from "./create-logger.ts";
import type { Metrics } from "./metrics.ts";

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines };
}

describe("createLogger", () => {
  it("never writes a dashboard login link's token, whichever line logs its path", () => {
    const { logger, lines } = capturedLogger();
    const token = "eyJ0IjoidF8xIn0.c2lnbmF0dXJlX";
    const metrics = { httpRequests: { inc() {} }, httpDuration: { observe() {} } } as unknown as Metrics;
    observeRequest(logger, metrics, {
      method: "GET",
      path: `/dashboard/login/${token}`,
      route: "/dashboard/login/:token",
      status: 302,
      seconds: 0.001,
    });
    // A 429 or 503 never reaches the login route, so its token is still unused: the worst leak.
    logger.warn({ limit: "ip", path: `/dashboard/login/${token}` }, "rate limit exceeded");
    logger.warn({ status: 410, path: `/login/${token}` }, "dashboard request refused");
    expect(lines.map((l) => l.path)).toEqual([
      "/dashboard/login/<token>",
      "/dashboard/login/<token>",
      "/login/<token>",
    ]);
    expect(JSON.stringify(lines)).not.toContain("eyJ0IjoidF8xIn0");
  });

  it("masks secret keys in fields and messages", () => {
    const { logger, lines } = capturedLogger();
    logger.info({ apiKey: "sk_live_abcdefghijklmnop1234" }, "using sk_live_abcdefghijklmnop1234");
    expect(JSON.stringify(lines)).not.toContain("abcdefghijklmnop");
    expect(lines[0]).toMatchObject({ apiKey: "sk_live_****1234" });
  });
});
