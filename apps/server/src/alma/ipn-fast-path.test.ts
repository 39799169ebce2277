import type { IncomingMessage, ServerResponse } from "node:http";
import { StorageUnavailableError } from "@alma-suite/core/storage";
import proxyaddr from "proxy-addr";
import { describe, expect, it } from "vitest";
import { type IpnGate, rateLimits } from "../http/rate-limits.ts";
import { createLogger } from "../observability/create-logger.ts";
import { createMetrics } from "../observability/metrics.ts";
import { ipnFastPath } from "./ipn-fast-path.ts";
import type { IpnIntake } from "./ipn-intake.ts";

const request = (url: string, method = "GET", headers: Record<string, string> = {}) =>
  ({ method, url, headers, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

/** A response that keeps what was written, and resolves once it ends. */
function response() {
  let end: () => void = () => {};
  const written = {
    status: 0,
    headers: {} as Record<string, unknown>,
    body: "",
    ended: new Promise<void>((r) => (end = r)),
  };
  const res = {
    writeHead(status: number, headers: Record<string, unknown>) {
      written.status = status;
      written.headers = headers;
    },
    end(body: string) {
      written.body = body;
      end();
    },
  } as unknown as ServerResponse;
  return { res, written };
}

function fastPath(
  receive: IpnIntake["receive"],
  gate: IpnGate = { admit: async () => ({ settle: () => {} }) },
) {
  return ipnFastPath({
    intake: { receive } as IpnIntake,
    gate,
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics({ jobCounts: async () => ({}) }),
    trust: proxyaddr.compile("loopback"),
  });
}

describe("IPN fast path", () => {
  const received: string[] = [];
  const handle = fastPath(async (tenantId, pid) => {
    received.push(`${tenantId} ${String(pid)}`);
    return { status: 200, body: { success: true } };
  });

  it("answers Alma's exact URL itself", async () => {
    const { res, written } = response();
    expect(
      handle(request("/alma/ipn/ten_1?pid=payment_11abc", "GET", { "x-alma-signature": "ab" }), res),
    ).toBe(true);
    await written.ended;
    expect(written.status).toBe(200);
    expect(JSON.parse(written.body)).toEqual({ success: true });
    expect(received).toEqual(["ten_1 payment_11abc"]);
  });

  it("leaves every other shape to Express, untouched", () => {
    const others = [
      request("/alma/ipn/ten_1?pid=payment_11abc", "POST"),
      request("/alma/ipn/ten_1?pid=payment_11abc", "HEAD"),
      request("/alma/ipn/ten_1?pid=payment_11abc", "GET", { "content-length": "5" }),
      request("/alma/ipn/ten_1?pid=payment_11abc", "GET", { "transfer-encoding": "chunked" }),
      request("/alma/ipn/ten_1?pid=payment_11abc&pid=payment_11def"),
      request("/alma/ipn/ten_1?pid=payment_11abc&"),
      request("/alma/ipn/ten_1/?pid=payment_11abc"),
      request("/alma/ipn/ten%5F1?pid=payment_11abc"),
      request("/alma/ipn/ten_1?pid=payment%0011abc"),
      request("/ALMA/IPN/ten_1?pid=payment_11abc"),
      request("/alma/ipn/ten_1"),
      request("/alma/ipn/?pid=payment_11abc"),
    ];
    const { res } = response();
    for (const req of others) expect(handle(req, res), req.url).toBe(false);
    expect(received).toEqual(["ten_1 payment_11abc"]);
  });

  it("still answers, and counts the answer, when the client's address is already gone", async () => {
    const counted: string[] = [];
    const handle = fastPath(async () => ({ status: 200, body: { success: true } }), {
      admit: async (_tenant, ip) => ({ settle: (status) => void counted.push(`${ip} ${status}`) }),
    });
    const left = { method: "GET", url: "/alma/ipn/ten_1?pid=payment_11abc", headers: {}, socket: {} };
    const { res, written } = response();
    expect(handle(left as unknown as IncomingMessage, res)).toBe(true);
    await written.ended;
    expect([written.status, counted]).toEqual([200, ["unknown 200"]]);
  });

  it("holds the per-IP refusal limit against notifications all in flight at once", async () => {
    const config = {
      windowMs: 60_000,
      ipnPerSecond: 0,
      platformPerSecond: 0,
      bridgePerSecond: 0,
      ipPerSecond: 0.5,
    };
    // Each forged notification takes a moment to refuse (its tenant is looked up).
    const flood = fastPath(
      () => new Promise((r) => setTimeout(() => r({ status: 404, body: { error: "unknown tenant" } }), 20)),
      rateLimits(config, createLogger({ level: "silent" })).ipnGate,
    );
    const answers = Array.from({ length: 60 }, (_, n) => {
      const { res, written } = response();
      flood(request(`/alma/ipn/ten_forged${n}?pid=payment_11x`), res);
      return written.ended.then(() => written.status);
    });
    const statuses = await Promise.all(answers);
    // 0.5/s over 60 s: 30 refusals allowed, the other 30 stopped before any lookup.
    expect([statuses.filter((s) => s === 404).length, statuses.filter((s) => s === 429).length]).toEqual([
      30, 30,
    ]);
  });

  it("answers a database outage with a 503 to retry, as Express would", async () => {
    const failing = fastPath(async () => {
      throw new StorageUnavailableError("connection refused");
    });
    const { res, written } = response();
    failing(request("/alma/ipn/ten_1?pid=payment_11abc"), res);
    await written.ended;
    expect(written.status).toBe(503);
    expect(written.headers["retry-after"]).toBe("5");
    expect(JSON.parse(written.body)).toEqual({ error: "temporarily unavailable, retry shortly" });
  });
});
