import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient, signIpn } from "@alma-suite/core";
import { InMemoryPlatform } from "@alma-suite/core/testing";
import { Router } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import type { ServerPlugin } from "../src/plugins.ts";

const KEY = "sk_test_ipnRouteMerchant01";
const platform = new InMemoryPlatform();
// A plugin whose platform lives in memory: it lets this test watch what core's flows ask of a platform.
const memoryPlugin: ServerPlugin = {
  name: "bridge",
  mountPath: "/memory",
  configSchema: z.unknown(),
  create: () => ({ routes: Router(), jobs: {}, adapter: platform }),
};

describe("GET /alma/ipn/:tenantId", () => {
  let server: RunningServer;
  let tenantId: string;
  let pid: string;
  let orderRef: string;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-ipn-"));
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    server = await startServer(config, createLogger({ level: "silent" }), { plugins: [memoryPlugin] });
    await provisionSandboxKeys(server.almaBaseUrl, KEY);
    const { tenant } = await server.storage.createTenant({
      platform: "bridge",
      externalId: "agency:shop",
      name: "Shop",
    });
    tenantId = tenant.id;
    await server.storage.setSecret(tenantId, "alma_test_key", KEY);
    const alma = new AlmaClient({ apiKey: KEY, baseUrl: server.almaBaseUrl });
    const payment = await alma.payments.create({
      payment: {
        purchase_amount: 45000,
        installments_count: 3,
        return_url: "https://shop.test/return",
        ipn_callback_url: `${server.url}/alma/ipn/${tenantId}`,
        billing_address: { first_name: "Jeanne", last_name: "Martin", country: "FR", email: "j@example.com" },
      },
    });
    pid = payment.id;
    orderRef = platform.createOrder(45000);
    await server.storage.createPaymentLink({
      tenantId,
      platformOrderRef: orderRef,
      amountCents: 45000,
      currency: "EUR",
      almaPaymentId: pid,
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const ipn = (tenant: string, paymentId: string, signature?: string) =>
    fetch(`${server.url}/alma/ipn/${tenant}?pid=${encodeURIComponent(paymentId)}`, {
      headers: signature === undefined ? {} : { "x-alma-signature": signature },
    });

  it("refuses a wrong or missing signature, an unknown tenant and a malformed pid, writing nothing", async () => {
    expect((await ipn(tenantId, pid, signIpn(pid, "sk_test_someoneElse123"))).status).toBe(401);
    expect((await ipn(tenantId, pid)).status).toBe(401);
    expect((await ipn("ten_unknown", pid, signIpn(pid, KEY))).status).toBe(404);
    const bad = await ipn(tenantId, "payment_<script>", signIpn("payment_<script>", KEY));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "missing or malformed pid" });
    const unknown = "payment_11unknownPayment";
    expect((await ipn(tenantId, unknown, signIpn(unknown, KEY))).status).toBe(404);
    expect(await server.storage.listJobs({})).toEqual([]);
  });

  it("queues a signed notification and answers Alma at once; a burst makes one job", async () => {
    // The worker starts a queued job at once: paused, it cannot start the confirmation before the
    // burst's last notifications arrive (they would then queue a second one, rightly, as the
    // first may have read the payment before them). What is tested here is the queueing.
    await server.worker.stop();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => ipn(tenantId, pid, signIpn(pid, KEY))),
    ).finally(() => server.worker.start());
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(await answers[0]!.json()).toEqual({ success: true });
    const jobs = await server.storage.listJobs({ type: "alma:confirm" });
    expect(jobs).toHaveLength(1);
    // The payment is still waiting for the customer: confirming it changes nothing on the platform.
    await waitFor(async () => (await server.storage.getJob(jobs[0]!.id))?.state === "done");
    expect(platform.read(orderRef)).toMatchObject({ status: "pending", paidTransitions: 0 });
  });

  it("accepts a notification signed with a key rotated a moment ago, and refuses the old key after", async () => {
    const rotated = "sk_test_ipnRouteMerchantRotated02";
    await server.storage.setSecret(tenantId, "alma_test_key", rotated);
    try {
      expect((await ipn(tenantId, pid, signIpn(pid, rotated))).status).toBe(200);
      expect((await ipn(tenantId, pid, signIpn(pid, KEY))).status).toBe(401);
    } finally {
      await server.storage.setSecret(tenantId, "alma_test_key", KEY);
    }
    expect((await ipn(tenantId, pid, signIpn(pid, KEY))).status).toBe(200);
  });

  it("carries a payment made on the hosted page through Alma's signed IPN to the platform, once", async () => {
    const alma = new AlmaClient({ apiKey: KEY, baseUrl: server.almaBaseUrl });
    const before = await alma.payments.fetch(pid);
    const paid = await pay(before.url, { card: "4242424242424242" });
    expect(paid.status).toBe(303);
    expect(paid.location).toBe(`https://shop.test/return?pid=${pid}`);
    await waitFor(async () => platform.read(orderRef).status === "paid");
    // Alma retries and the customer's return may confirm again: still one transition.
    await fetch(`${server.url}/alma/ipn/${tenantId}?pid=${pid}`, {
      headers: { "x-alma-signature": signIpn(pid, KEY) },
    });
    await waitFor(async () => (await server.storage.countJobsByState()).pending === 0);
    expect(platform.read(orderRef)).toMatchObject({ status: "paid", paidTransitions: 1 });
    const link = await server.storage.findPaymentByAlmaId(tenantId, pid);
    expect(link?.state).toBe("paid");
    const events = await server.storage.listPaymentEvents(tenantId, link!.id);
    expect(events.map((e) => e.type)).toEqual(["payment.accepted", "platform.markOrderPaid"]);
  });

  it("answers Alma's exact URL and the same query in another shape alike, and counts both in the metrics", async () => {
    const counted = async (status: number) => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      const line = `alma_suite_http_requests_total{method="GET",route="/alma/ipn/:tenantId",status="${status}"}`;
      return Number(
        text
          .split("\n")
          .find((l) => l.startsWith(line))
          ?.split(" ")[1] ?? 0,
      );
    };
    const cases: [string, string, string | undefined][] = [
      [tenantId, pid, signIpn(pid, KEY)],
      [tenantId, pid, signIpn(pid, "sk_test_someoneElse123")],
      [tenantId, pid, undefined],
      ["ten_unknown", pid, signIpn(pid, KEY)],
      [tenantId, "notapayment", signIpn("notapayment", KEY)],
      [tenantId, "payment_11unknownPayment", signIpn("payment_11unknownPayment", KEY)],
    ];
    for (const [tenant, paymentId, signature] of cases) {
      const headers = signature === undefined ? {} : { "x-alma-signature": signature };
      const url = `${server.url}/alma/ipn/${tenant}?pid=${paymentId}`;
      const before = await Promise.all([200, 400, 401, 404].map(counted));
      // Alma's exact URL, and the same query with a trailing "&": one route answers both.
      const exact = await fetch(url, { headers });
      const variant = await fetch(`${url}&`, { headers });
      expect(exact.status).toBe(variant.status);
      expect(await exact.json()).toEqual(await variant.json());
      expect(exact.headers.get("content-type")).toBe(variant.headers.get("content-type"));
      expect(exact.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
      expect(variant.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d\d$/);
      const after = await Promise.all([200, 400, 401, 404].map(counted));
      const grew = after.map((n, i) => n - before[i]!);
      expect(grew[[200, 400, 401, 404].indexOf(exact.status)]).toBe(2);
    }
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}
