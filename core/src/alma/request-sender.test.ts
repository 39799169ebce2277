import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpExchange } from "../http/http-exchange.ts";
import {
  AlmaApiError,
  AlmaConnectionError,
  AlmaInvalidRequestError,
  AlmaInvalidResponseError,
  AlmaRateLimitError,
} from "./errors.ts";
import {
  type AlmaExchange,
  type AlmaRequest,
  almaRoute,
  RequestSender,
  type RequestSenderOptions,
} from "./request-sender.ts";
import { expectedHeaders, sandboxUrl, testApiKey } from "./testing/test-client.ts";

const okSchema = z.looseObject({ ok: z.boolean() });
const getOk: AlmaRequest<{ ok: boolean }> = {
  method: "GET",
  path: "/v1/thing",
  schema: okSchema,
  label: "thing",
};
const postOk: AlmaRequest<{ ok: boolean }> = { ...getOk, method: "POST", body: { a: 1 } };

function connectionError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

function createSender(options: Partial<RequestSenderOptions> = {}) {
  const sleeps: number[] = [];
  const sender = new RequestSender({
    apiKey: testApiKey,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { sender, sleeps };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("RequestSender headers and body", () => {
  it("sends auth, accept, user agent and a JSON body", async () => {
    const scope = nock(sandboxUrl, {
      reqheaders: { ...expectedHeaders, "content-type": "application/json" },
    })
      .post("/v1/thing", { a: 1 })
      .reply(200, { ok: true });
    const { sender } = createSender();
    await expect(sender.send(postOk)).resolves.toEqual({ ok: true });
    scope.done();
  });

  it("sends no body but Content-Length: 0 on a body-less POST, and no Content-Type", async () => {
    const scope = nock(sandboxUrl, { reqheaders: { "content-length": "0" }, badheaders: ["content-type"] })
      .post("/v1/thing", (body) => body === "" || body === undefined)
      .reply(200, { ok: true });
    const { sender } = createSender();
    await sender.send({ ...getOk, method: "POST" });
    scope.done();
  });

  it("adds the platform to the user agent between alma-suite and Node", async () => {
    const scope = nock(sandboxUrl, {
      reqheaders: { "user-agent": `alma-suite/0.1.0; Shopify/2026-01; Node/${process.versions.node}` },
    })
      .get("/v1/thing")
      .reply(200, { ok: true });
    const { sender } = createSender({ platform: { name: "Shopify", version: "2026-01" } });
    await sender.send(getOk);
    scope.done();
  });

  it("keeps a base URL's path prefix and encodes the query", async () => {
    const scope = nock("http://localhost:4010")
      .get("/alma-sandbox/v1/thing")
      .query({ state: "paid,in_progress", limit: "2" })
      .reply(200, { ok: true });
    const { sender } = createSender({ baseUrl: "http://localhost:4010/alma-sandbox/" });
    await sender.send({ ...getOk, query: { state: "paid,in_progress", limit: "2", skipped: undefined } });
    scope.done();
  });
});

describe("RequestSender responses", () => {
  it("reads the request id from x-request-id, or request-id", async () => {
    nock(sandboxUrl).get("/v1/thing").reply(400, { message: "bad" }, { "x-request-id": "req_x" });
    nock(sandboxUrl).get("/v1/thing").reply(400, { message: "bad" }, { "request-id": "req_plain" });
    const { sender } = createSender();
    await expect(sender.send(getOk)).rejects.toMatchObject({ requestId: "req_x" });
    await expect(sender.send(getOk)).rejects.toMatchObject({ requestId: "req_plain" });
  });

  it("turns a 2xx body that fails the schema into AlmaInvalidResponseError, without retrying", async () => {
    nock(sandboxUrl).get("/v1/thing").once().reply(200, { nope: 1 }, { "x-request-id": "req_bad" });
    const { sender, sleeps } = createSender();
    const error = await sender.send(getOk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaInvalidResponseError);
    expect(error).toMatchObject({
      message: "Unexpected response to GET /v1/thing: thing.ok: Required",
      status: 200,
      requestId: "req_bad",
      issues: [{ field: "thing.ok", message: "Required" }],
      body: { nope: 1 },
    });
    expect(sleeps).toEqual([]);
  });

  it("reports a non-JSON 2xx body as an invalid response", async () => {
    nock(sandboxUrl).get("/v1/thing").reply(200, "<html>maintenance</html>");
    const { sender } = createSender();
    await expect(sender.send(getOk)).rejects.toBeInstanceOf(AlmaInvalidResponseError);
  });
});

describe("RequestSender exchanges", () => {
  it("reports each attempt with its route, status and time, including failed ones", async () => {
    const exchanges: AlmaExchange[] = [];
    nock(sandboxUrl).get("/v1/payments/payment_11abcDEF/orders").reply(503, {});
    nock(sandboxUrl).get("/v1/payments/payment_11abcDEF/orders").delay(30).reply(200, { ok: true });
    const { sender } = createSender({ onExchange: (e) => exchanges.push(e) });
    await sender.send({ ...getOk, path: "/v1/payments/payment_11abcDEF/orders" });
    expect(exchanges.map((e) => [e.method, e.route, e.status])).toEqual([
      ["GET", "/v1/payments/:id/orders", 503],
      ["GET", "/v1/payments/:id/orders", 200],
    ]);
    expect(exchanges[1]?.ms).toBeGreaterThanOrEqual(25);
  });

  it("reports an attempt that got no answer with no status", async () => {
    const exchanges: AlmaExchange[] = [];
    nock(sandboxUrl).get("/v1/thing").replyWithError(connectionError("ECONNREFUSED"));
    const { sender } = createSender({ maxRetries: 0, onExchange: (e) => exchanges.push(e) });
    await expect(sender.send(getOk)).rejects.toBeInstanceOf(AlmaConnectionError);
    expect(exchanges).toEqual([
      { method: "GET", route: "/v1/thing", status: undefined, ms: expect.any(Number) },
    ]);
  });

  it("keeps Alma's path words and replaces every id, so a metric label stays bounded", () => {
    expect(almaRoute("/v2/payments/eligibility")).toBe("/v2/payments/eligibility");
    expect(almaRoute("/v1/payments/payment_11abc/send-sms")).toBe("/v1/payments/:id/send-sms");
    expect(almaRoute("/v1/payments/weird%2Fid/refund")).toBe("/v1/payments/:id/refund");
    expect(almaRoute("/v1/me/fee-plans")).toBe("/v1/me/fee-plans");
  });
});

describe("RequestSender retries", () => {
  it("retries a 503 and succeeds, after a jittered backoff", async () => {
    const scope = nock(sandboxUrl).get("/v1/thing").reply(503).get("/v1/thing").reply(200, { ok: true });
    const { sender, sleeps } = createSender();
    await expect(sender.send(getOk)).resolves.toEqual({ ok: true });
    expect(sleeps).toEqual([125]);
    scope.done();
  });

  it("waits as long as a 429's Retry-After says", async () => {
    const scope = nock(sandboxUrl)
      .get("/v1/thing")
      .reply(429, { message: "slow down" }, { "retry-after": "2" })
      .get("/v1/thing")
      .reply(200, { ok: true });
    const { sender, sleeps } = createSender();
    await sender.send(getOk);
    expect(sleeps).toEqual([2000]);
    scope.done();
  });

  it("honours an HTTP-date Retry-After on a 503 too", async () => {
    const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
    nock(sandboxUrl)
      .get("/v1/thing")
      .reply(503, "", { "retry-after": inTwoSeconds })
      .get("/v1/thing")
      .reply(200, { ok: true });
    const { sender, sleeps } = createSender();
    await sender.send(getOk);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThan(1000);
    expect(sleeps[0]).toBeLessThanOrEqual(2500);
  });

  it("never retries a 400", async () => {
    const scope = nock(sandboxUrl).get("/v1/thing").once().reply(400, { message: "no" });
    const { sender, sleeps } = createSender();
    await expect(sender.send(getOk)).rejects.toBeInstanceOf(AlmaInvalidRequestError);
    expect(sleeps).toEqual([]);
    scope.done();
  });

  it("retries a network error on a GET", async () => {
    const scope = nock(sandboxUrl)
      .get("/v1/thing")
      .replyWithError(connectionError("ECONNRESET"))
      .get("/v1/thing")
      .reply(200, { ok: true });
    const { sender } = createSender();
    await expect(sender.send(getOk)).resolves.toEqual({ ok: true });
    scope.done();
  });

  it("gives up after maxRetries with growing delays", async () => {
    nock(sandboxUrl).get("/v1/thing").times(4).reply(502);
    const { sender, sleeps } = createSender();
    const error = await sender.send(getOk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaApiError);
    expect(error).toMatchObject({ status: 502 });
    expect(sleeps).toEqual([125, 250, 500]);
    expect(nock.isDone()).toBe(true);
  });

  it("does not retry at all with maxRetries 0", async () => {
    nock(sandboxUrl).get("/v1/thing").once().reply(503);
    const { sender, sleeps } = createSender({ maxRetries: 0 });
    await expect(sender.send(getOk)).rejects.toBeInstanceOf(AlmaApiError);
    expect(sleeps).toEqual([]);
  });

  it("times out an attempt that gets no answer, and retries it when idempotent", async () => {
    let calls = 0;
    const hangThenAnswer: HttpExchange = async (_input, init) => {
      calls += 1;
      if (calls > 1) return Response.json({ ok: true });
      return new Promise((_resolve, reject) => {
        init.signal.addEventListener("abort", () => reject(init.signal.reason));
      });
    };
    const { sender } = createSender({ exchange: hangThenAnswer, timeoutMs: 20 });
    await expect(sender.send(getOk)).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });
});

describe("RequestSender and non-idempotent requests", () => {
  it("does not resend a POST after a 5xx when it cannot recover", async () => {
    const scope = nock(sandboxUrl).post("/v1/thing").once().reply(500, { message: "boom" });
    const { sender, sleeps } = createSender();
    await expect(sender.send(postOk)).rejects.toMatchObject({ status: 500, message: "boom" });
    expect(sleeps).toEqual([]);
    scope.done();
  });

  it("does not resend a POST whose connection broke after sending", async () => {
    nock(sandboxUrl).post("/v1/thing").once().replyWithError(connectionError("ECONNRESET"));
    const { sender } = createSender();
    const error = await sender.send(postOk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaConnectionError);
    expect(error).toMatchObject({ timedOut: false, mayHaveReachedAlma: true, code: "ECONNRESET" });
  });

  it("does not resend a POST that timed out", async () => {
    const { sender } = createSender({
      exchange: async () => Promise.reject(new DOMException("The operation timed out.", "TimeoutError")),
    });
    await expect(sender.send(postOk)).rejects.toMatchObject({
      name: "AlmaConnectionError",
      timedOut: true,
      mayHaveReachedAlma: true,
      message: "Alma did not answer POST /v1/thing within 30000 ms",
    });
  });

  it("resends a POST that provably never left (connection refused) or was rate limited", async () => {
    const scope = nock(sandboxUrl)
      .post("/v1/thing")
      .replyWithError(connectionError("ECONNREFUSED"))
      .post("/v1/thing")
      .reply(429)
      .post("/v1/thing")
      .reply(200, { ok: true });
    const { sender } = createSender();
    await expect(sender.send(postOk)).resolves.toEqual({ ok: true });
    scope.done();
  });

  it("returns what recover finds instead of resending", async () => {
    const scope = nock(sandboxUrl).post("/v1/thing").once().reply(502);
    const { sender, sleeps } = createSender();
    const failures: unknown[] = [];
    const result = await sender.send({
      ...postOk,
      recover: async (failure) => {
        failures.push(failure);
        return { ok: true };
      },
    });
    expect(result).toEqual({ ok: true });
    expect(failures[0]).toBeInstanceOf(AlmaApiError);
    expect(sleeps).toEqual([125]);
    scope.done();
  });

  it("resends when recover finds nothing, and checks again after each ambiguous failure", async () => {
    const scope = nock(sandboxUrl)
      .post("/v1/thing")
      .reply(504)
      .post("/v1/thing")
      .replyWithError(connectionError("ECONNRESET"))
      .post("/v1/thing")
      .reply(200, { ok: true });
    let checks = 0;
    const { sender } = createSender();
    const result = await sender.send({
      ...postOk,
      recover: async () => {
        checks += 1;
        return undefined;
      },
    });
    expect(result).toEqual({ ok: true });
    expect(checks).toBe(2);
    scope.done();
  });

  it("still checks with recover when no retry is left", async () => {
    nock(sandboxUrl).post("/v1/thing").once().reply(503);
    const { sender } = createSender({ maxRetries: 0 });
    await expect(sender.send({ ...postOk, recover: async () => ({ ok: true }) })).resolves.toEqual({
      ok: true,
    });
    nock(sandboxUrl).post("/v1/thing").once().reply(503);
    await expect(sender.send({ ...postOk, recover: async () => undefined })).rejects.toBeInstanceOf(
      AlmaApiError,
    );
  });

  it("surfaces the original failure when the recovery check itself fails", async () => {
    nock(sandboxUrl).post("/v1/thing").once().reply(503, { message: "first" });
    const { sender } = createSender();
    const recover = async (): Promise<{ ok: boolean }> => {
      throw new Error("check failed");
    };
    await expect(sender.send({ ...postOk, recover })).rejects.toMatchObject({
      message: "first",
      status: 503,
    });
  });

  it("retries a 429 on a POST using Retry-After", async () => {
    nock(sandboxUrl)
      .post("/v1/thing")
      .reply(429, {}, { "retry-after": "1" })
      .post("/v1/thing")
      .reply(200, { ok: true });
    const { sender, sleeps } = createSender();
    await sender.send(postOk);
    expect(sleeps).toEqual([1000]);
  });

  it("exposes the rate limit error when retries run out", async () => {
    nock(sandboxUrl).get("/v1/thing").times(2).reply(429, { message: "limited" }, { "retry-after": "3" });
    const { sender } = createSender({ maxRetries: 1 });
    const error = await sender.send(getOk).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 3000, message: "limited" });
  });
});
