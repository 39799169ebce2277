import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import { getDelivery, listAttempts } from "../events/delivery-store.ts";
import { listMerchantLog } from "../merchants/merchant-log.ts";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { seedEndpoint, seedEvent, seedMerchant } from "../testing/seed.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.ts";
import { FAILING_ENDPOINT_DISABLE_MS } from "./deliver-job.ts";
import { deleteEndpoint, getEndpoint } from "./endpoint-store.ts";
import { RETRY_DELAYS_MS } from "./retry-schedule.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    h = await startBridgeHarness({ postgres, fakeClock: true, env: { BRIDGE_WEBHOOK_TIMEOUT_MS: "300" } });
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  async function deliveryOf(messageId: string) {
    const rows = await dbOf(h.storage).query("SELECT id FROM bridge_deliveries WHERE message_id = $1", [
      messageId,
    ]);
    const delivery = await getDelivery(dbOf(h.storage), String(rows[0]?.id));
    if (!delivery) throw new Error("no delivery");
    return delivery;
  }

  describe("webhook delivery", () => {
    it("delivers a message signed so that the reference library verifies it", async () => {
      const merchant = await seedMerchant(h.bridge.ctx);
      const { secret } = await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k1", {
        amount: 45000,
      });
      expect(await h.worker.drain()).toBe(1);
      const [received] = await receiver.waitFor(1);
      expect(received?.headers["webhook-id"]).toBe(message.id);
      expect(received?.headers["content-type"]).toBe("application/json");
      expect(new Webhook(secret).verify(received?.body ?? "", received?.headers ?? {})).toMatchObject({
        type: "payment.accepted",
        data: { amount: 45000 },
      });
      expect(await deliveryOf(message.id)).toMatchObject({
        status: "succeeded",
        attempts: 1,
        lastResponseStatus: 204,
      });
    });

    it("retries exactly on the schedule under a fake clock, then gives up and tells the merchant", async () => {
      receiver.respond = () => ({ status: 500, body: "down" });
      const merchant = await seedMerchant(h.bridge.ctx);
      await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const t0 = h.clock.now;
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k2");
      expect(await h.worker.drain()).toBe(1);
      for (const delay of RETRY_DELAYS_MS) {
        const due = (await deliveryOf(message.id)).nextAttemptAt ?? 0;
        expect(due).toBe(h.clock.now + delay);
        h.clock.now = due - 1;
        expect(await h.worker.drain()).toBe(0);
        h.clock.now = due;
        expect(await h.worker.drain()).toBe(1);
      }
      h.clock.now += 48 * 3_600_000;
      expect(await h.worker.drain()).toBe(0);

      const attempts = (
        await listAttempts(dbOf(h.storage), merchant.id, { messageId: message.id, limit: 50 })
      ).reverse();
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(attempts.map((a) => a.startedAt - t0)).toEqual([
        0, 5_000, 305_000, 2_105_000, 9_305_000, 27_305_000, 63_305_000, 99_305_000,
      ]);
      expect(
        attempts.every((a) => a.status === "failed" && a.responseStatus === 500 && a.responseBody === "down"),
      ).toBe(true);
      // Every attempt carried the same id and its own timestamp, as receivers expect.
      expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([message.id]));
      expect(receiver.received.map((r) => Number(r.headers["webhook-timestamp"]))).toEqual(
        attempts.map((a) => Math.floor(a.startedAt / 1000)),
      );
      expect(await deliveryOf(message.id)).toMatchObject({
        status: "failed",
        attempts: 8,
        nextAttemptAt: null,
      });
      const log = await listMerchantLog(dbOf(h.storage), merchant.id, { limit: 10 });
      expect(log.map((e) => e.code)).toEqual(["message.attempts_exhausted"]);
    });

    it("jitters retries within 10 % when the random source is not pinned", async () => {
      await h.close();
      h = await startBridgeHarness({ postgres, fakeClock: true, random: () => 0.999 });
      receiver.respond = () => ({ status: 503 });
      const merchant = await seedMerchant(h.bridge.ctx);
      await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k-jitter");
      await h.worker.drain();
      expect((await deliveryOf(message.id)).nextAttemptAt).toBe(h.clock.now + Math.round(5_000 * 1.0998));
    });

    it("disables an endpoint that answers 410 Gone and stops sending to it", async () => {
      receiver.respond = () => ({ status: 410 });
      const merchant = await seedMerchant(h.bridge.ctx);
      const { endpoint } = await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k3");
      await h.worker.drain();
      expect(await deliveryOf(message.id)).toMatchObject({
        status: "failed",
        attempts: 1,
        nextAttemptAt: null,
      });
      expect(await getEndpoint(dbOf(h.storage), merchant.id, endpoint.id)).toMatchObject({
        enabled: false,
        disabledReason: "the endpoint answered 410 Gone",
      });
      const log = await listMerchantLog(dbOf(h.storage), merchant.id, { limit: 10 });
      expect(log.map((e) => [e.code, e.level])).toEqual([["endpoint.disabled", "warn"]]);
      await seedEvent(h.bridge.ctx, merchant, "payment.paid", "k4");
      expect(await h.worker.drain()).toBe(0);
      expect(receiver.received).toHaveLength(1);
    });

    it("disables an endpoint once every delivery failed for 5 days; a success resets the window", async () => {
      let healthy = false;
      receiver.respond = () => ({ status: healthy ? 200 : 500 });
      const merchant = await seedMerchant(h.bridge.ctx);
      const { endpoint } = await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const t0 = h.clock.now;
      const send = async (key: string, at: number) => {
        h.clock.now = at;
        await seedEvent(h.bridge.ctx, merchant, "payment.accepted", key);
        await h.worker.runOnce();
      };
      await send("a", t0);
      healthy = true;
      await send("b", t0 + 3 * 86_400_000);
      healthy = false;
      await send("c", t0 + 4 * 86_400_000);
      await send("d", t0 + 4 * 86_400_000 + FAILING_ENDPOINT_DISABLE_MS - 1);
      expect((await getEndpoint(dbOf(h.storage), merchant.id, endpoint.id))?.enabled).toBe(true);
      await send("e", t0 + 4 * 86_400_000 + FAILING_ENDPOINT_DISABLE_MS);
      expect(await getEndpoint(dbOf(h.storage), merchant.id, endpoint.id)).toMatchObject({
        enabled: false,
        disabledReason: "every delivery failed for 5 days",
      });
      const log = await listMerchantLog(dbOf(h.storage), merchant.id, { limit: 10 });
      expect(log.map((e) => e.code)).toContain("endpoint.disabled");
    });

    it("records a timeout, a refused connection and a long answer (truncated)", async () => {
      receiver.respond = (_req, index) => (index === 0 ? "hang" : { status: 500, body: "x".repeat(10_000) });
      const merchant = await seedMerchant(h.bridge.ctx);
      await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k5");
      await h.worker.drain();
      h.clock.now += 5_000;
      await h.worker.drain();
      const [second, first] = await listAttempts(dbOf(h.storage), merchant.id, {
        messageId: message.id,
        limit: 10,
      });
      expect(first).toMatchObject({
        status: "failed",
        responseStatus: null,
        error: "no answer within 300 ms",
      });
      expect(first?.latencyMs).toBeGreaterThanOrEqual(290);
      expect(second).toMatchObject({ status: "failed", responseStatus: 500 });
      expect(second?.responseBody).toHaveLength(2000);

      const closed = await startWebhookReceiver();
      await closed.close();
      const other = await seedMerchant(h.bridge.ctx, "shop-2");
      await seedEndpoint(h.bridge.ctx, other, closed.url);
      const refused = await seedEvent(h.bridge.ctx, other, "payment.accepted", "k6");
      await h.worker.drain();
      const [attempt] = await listAttempts(dbOf(h.storage), other.id, {
        messageId: refused.message.id,
        limit: 10,
      });
      expect(attempt).toMatchObject({ status: "failed", responseStatus: null });
      expect(attempt?.error).toMatch(/ECONNREFUSED/);
    });

    it("sends only the event types an endpoint asked for, and nothing more to a deleted endpoint", async () => {
      const merchant = await seedMerchant(h.bridge.ctx);
      const paidOnly = await startWebhookReceiver();
      await seedEndpoint(h.bridge.ctx, merchant, receiver.url);
      const { endpoint } = await seedEndpoint(h.bridge.ctx, merchant, paidOnly.url, ["payment.paid"]);
      await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k7");
      await seedEvent(h.bridge.ctx, merchant, "payment.paid", "k8");
      await h.worker.drain();
      // Deliveries run concurrently: Standard Webhooks promises no order, receivers sort by timestamp.
      expect(receiver.received.map((r) => JSON.parse(r.body).type).sort()).toEqual([
        "payment.accepted",
        "payment.paid",
      ]);
      expect(paidOnly.received.map((r) => JSON.parse(r.body).type)).toEqual(["payment.paid"]);

      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.paid", "k8b");
      await deleteEndpoint(dbOf(h.storage), merchant.id, endpoint.id, h.clock.now);
      await h.worker.drain();
      expect(paidOnly.received).toHaveLength(1);
      const rows = await dbOf(h.storage).query(
        "SELECT status, last_error FROM bridge_deliveries WHERE message_id = $1 AND endpoint_id = $2",
        [message.id, endpoint.id],
      );
      expect(rows).toEqual([{ status: "failed", last_error: "endpoint deleted" }]);
      await paidOnly.close();
    });

    it("refuses a destination that resolves to a private address at delivery time", async () => {
      await h.close();
      h = await startBridgeHarness({ postgres, fakeClock: true, env: { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "" } });
      const merchant = await seedMerchant(h.bridge.ctx);
      // Stored directly: the API would have refused it already.
      await dbOf(h.storage).execute(
        "INSERT INTO bridge_endpoints (id, tenant_id, url, description, event_types, enabled, created_at, updated_at) VALUES ('ep_x', $1, $2, '', NULL, 1, 0, 0)",
        [merchant.id, receiver.url],
      );
      await h.storage.setSecret(
        merchant.id,
        "bridge_webhook_secret:ep_x",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      );
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "k9");
      await h.worker.drain();
      expect(receiver.received).toHaveLength(0);
      const [attempt] = await listAttempts(dbOf(h.storage), merchant.id, {
        messageId: message.id,
        limit: 10,
      });
      expect(attempt?.error).toMatch(/destination refused: 127.0.0.1 resolves to 127.0.0.1/);
    });
  });
});
