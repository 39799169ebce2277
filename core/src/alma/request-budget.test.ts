import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { AlmaApiError, AlmaConnectionError } from "./errors.ts";
import { RequestSender } from "./request-sender.ts";
import { testApiKey } from "./testing/test-client.ts";

// A real local server: the budget is about wall-clock time, which a mocked fetch would not show.
let server: Server;
let baseUrl: string;
let seen = 0;
let mode: "hang" | "503-retry-after" | "503" = "hang";

beforeAll(async () => {
  server = createServer((_req, res) => {
    seen++;
    if (mode === "hang") return; // never answers
    if (mode === "503-retry-after") res.setHeader("Retry-After", "2");
    res.statusCode = 503;
    res.end('{"message":"down"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = { method: "GET" as const, path: "/v1/me", schema: z.unknown(), label: "me" };

async function timed(sender: RequestSender): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await sender.send(get).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe("RequestSender total budget", () => {
  it("ends a call to an Alma that never answers within the budget, retries included", async () => {
    mode = "hang";
    seen = 0;
    const sender = new RequestSender({ apiKey: testApiKey, baseUrl, totalTimeoutMs: 400 });
    const { error, ms } = await timed(sender);
    expect(error).toBeInstanceOf(AlmaConnectionError);
    expect((error as AlmaConnectionError).timedOut).toBe(true);
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(ms).toBeLessThan(1500);
    expect(seen).toBeGreaterThanOrEqual(1);
  });

  it("does not sleep through a Retry-After longer than what is left of the budget", async () => {
    mode = "503-retry-after";
    seen = 0;
    const sender = new RequestSender({ apiKey: testApiKey, baseUrl, totalTimeoutMs: 1000 });
    const { error, ms } = await timed(sender);
    expect(error).toBeInstanceOf(AlmaApiError);
    expect(seen).toBe(1);
    expect(ms).toBeLessThan(800);
  });

  it("still retries 5xx while the budget allows", async () => {
    mode = "503";
    seen = 0;
    const sender = new RequestSender({
      apiKey: testApiKey,
      baseUrl,
      totalTimeoutMs: 3000,
      maxRetries: 3,
      sleep: async () => {},
    });
    const { error } = await timed(sender);
    expect(error).toBeInstanceOf(AlmaApiError);
    expect(seen).toBe(4);
  });

  it("keeps the per-attempt timeout alone when no budget is set", async () => {
    mode = "hang";
    seen = 0;
    const sender = new RequestSender({ apiKey: testApiKey, baseUrl, timeoutMs: 150, maxRetries: 1 });
    const { error, ms } = await timed(sender);
    expect(error).toBeInstanceOf(AlmaConnectionError);
    expect(seen).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(290);
  });
});
