import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { StorageUnavailableError } from "@alma-suite/core/storage";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { RateLimitConfig } from "../config/load-config.ts";
import { errorHandler, notFound } from "../http/error-handler.ts";
import { rateLimits } from "../http/rate-limits.ts";
import { refuseNulInUrl } from "../http/refuse-nul-in-url.ts";
import { requestObserver } from "../http/request-observer.ts";
import { createLogger } from "../observability/create-logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { requestTiming } from "../observability/request-timing.ts";
import type { IpnIntake } from "./ipn-intake.ts";
import { ipnRoute } from "./ipn-route.ts";

const NO_LIMITS: RateLimitConfig = {
  windowMs: 60_000,
  ipnPerSecond: 0,
  platformPerSecond: 0,
  ipPerSecond: 0,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * Alma's notification route in an app layered as `startServer` layers it: timing, observer, NUL
 * check, rate limits, the route, then the 404 and error handlers. The intake is a stand-in, so a
 * test decides what the notification's own work answers, and how long it takes.
 */
async function serve(receive: IpnIntake["receive"], limits: RateLimitConfig = NO_LIMITS) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  const logger = createLogger({ level: "info", destination });
  const metrics = createMetrics({ jobCounts: async () => ({}) });
  const app = express();
  app.set("trust proxy", "loopback");
  app.use(requestTiming());
  app.use(requestObserver(logger, metrics));
  app.use(refuseNulInUrl(logger));
  for (const limit of rateLimits(limits, logger).mounts) app.use(limit.path, limit.handler);
  app.use(ipnRoute({ receive } as IpnIntake));
  app.use(notFound);
  app.use(errorHandler(logger));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, lines, metrics };
}

describe("Alma's notification through the Express app", () => {
  it("answers with the intake's answer, timed, counted by route pattern and logged", async () => {
    const received: string[] = [];
    const { url, lines, metrics } = await serve(async (tenantId, pid, signature) => {
      received.push(`${tenantId} ${String(pid)} ${signature}`);
      return { status: 200, body: { success: true } };
    });
    const answer = await fetch(`${url}/alma/ipn/ten_1?pid=payment_11abc`, {
      headers: { "x-alma-signature": "ab" },
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ success: true });
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(answer.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
    expect(received).toEqual(["ten_1 payment_11abc ab"]);
    const counted = await metrics.registry.getSingleMetricAsString("alma_suite_http_requests_total");
    expect(counted).toContain(
      'alma_suite_http_requests_total{method="GET",route="/alma/ipn/:tenantId",status="200"} 1',
    );
    expect(lines.find((line) => line.msg === "request")).toMatchObject({
      method: "GET",
      path: "/alma/ipn/ten_1",
      status: 200,
    });
  });

  it("answers every other shape of the URL too, each as the one route does", async () => {
    const received: string[] = [];
    const { url } = await serve(async (tenantId, pid) => {
      received.push(`${tenantId} ${JSON.stringify(pid)}`);
      return typeof pid === "string" && pid.startsWith("payment_")
        ? { status: 200, body: { success: true } }
        : { status: 400, body: { error: "missing or malformed pid" } };
    });
    const status = async (path: string, init: RequestInit = {}) =>
      (await fetch(`${url}${path}`, init)).status;
    expect(await status("/alma/ipn/ten_1?pid=payment_11abc&")).toBe(200);
    expect(await status("/alma/ipn/ten_1/?pid=payment_11abc")).toBe(200);
    expect(await status("/alma/ipn/ten%5F1?pid=payment_11abc")).toBe(200);
    expect(await status("/ALMA/IPN/ten_1?pid=payment_11abc")).toBe(200);
    expect(await status("/alma/ipn/ten_1?pid=payment_11abc", { method: "HEAD" })).toBe(200);
    expect(await status("/alma/ipn/ten_1?pid=payment_11abc&pid=payment_11def")).toBe(400);
    expect(await status("/alma/ipn/ten_1")).toBe(400);
    expect(await status("/alma/ipn/ten_1?pid=payment%0011abc")).toBe(400);
    expect(await status("/alma/ipn/?pid=payment_11abc")).toBe(404);
    expect(await status("/alma/ipn/ten_1?pid=payment_11abc", { method: "POST" })).toBe(404);
    // Alma's notification has no body: one is refused before any lookup.
    expect(await getWithBody(`${url}/alma/ipn/ten_1?pid=payment_11abc`, "x".repeat(5000))).toBe(413);
    expect(received).toEqual([
      'ten_1 "payment_11abc"',
      'ten_1 "payment_11abc"',
      'ten_1 "payment_11abc"',
      'ten_1 "payment_11abc"',
      'ten_1 "payment_11abc"',
      'ten_1 ["payment_11abc","payment_11def"]',
      'ten_1 ""',
    ]);
  });

  it("holds the per-IP refusal limit against notifications all in flight at once", async () => {
    // Each forged notification takes a moment to refuse (its tenant is looked up).
    const { url } = await serve(
      () => new Promise((r) => setTimeout(() => r({ status: 404, body: { error: "unknown tenant" } }), 20)),
      { ...NO_LIMITS, ipPerSecond: 0.5 },
    );
    const statuses = await Promise.all(
      Array.from(
        { length: 60 },
        async (_, n) => (await fetch(`${url}/alma/ipn/ten_forged${n}?pid=payment_11x`)).status,
      ),
    );
    // 0.5/s over 60 s: 30 refusals allowed, the other 30 stopped before any lookup.
    expect([statuses.filter((s) => s === 404).length, statuses.filter((s) => s === 429).length]).toEqual([
      30, 30,
    ]);
  });

  it("answers a database outage with a 503 to retry", async () => {
    const { url, lines } = await serve(async () => {
      throw new StorageUnavailableError("connection refused");
    });
    const answer = await fetch(`${url}/alma/ipn/ten_1?pid=payment_11abc`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get("retry-after")).toBe("5");
    expect(await answer.json()).toEqual({ error: "temporarily unavailable, retry shortly" });
    expect(lines.some((line) => line.msg === "database unavailable")).toBe(true);
  });
});

/** `fetch` sends no body with a GET; Alma's URL with one is what this sends. */
function getWithBody(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "text/plain", "content-length": String(Buffer.byteLength(body)) };
    const req = request(url, { method: "GET", headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end(body);
  });
}
