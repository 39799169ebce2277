import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { startIpnReceiver } from "./ipn-receiver.ts";
import { type Harness, KEY, startHarness } from "./sandbox-harness.ts";

let h: Harness;
let receiver: Awaited<ReturnType<typeof startIpnReceiver>>;
const hmac = (pid: string) => createHmac("sha256", KEY).update(pid).digest("hex");

afterEach(async () => {
  await h.close();
  await receiver.close();
});

describe("IPN", () => {
  beforeEach(async () => {
    h = await startHarness({ ipnRetry: { delaysMs: [30, 30, 30] } });
  });

  it("sends a signed GET to ipn_callback_url?pid= after acceptance", async () => {
    receiver = await startIpnReceiver();
    const created = (await h.createPayment({ ipn_callback_url: `${receiver.url}/alma/ipn/t1?x=1` })).body;
    await pay(created.url, { card: "4242424242424242" });
    const delivery = await h.server.sandbox.ipnOutbox.waitFor(
      (d) => d.payment_id === created.id && d.delivered,
    );
    expect(delivery).toMatchObject({
      reason: "accepted",
      url: `${receiver.url}/alma/ipn/t1?x=1&pid=${created.id}`,
    });
    expect(receiver.received).toEqual([
      {
        method: "GET",
        url: `/alma/ipn/t1?x=1&pid=${created.id}`,
        pid: created.id,
        signature: hmac(created.id),
      },
    ]);
    expect(receiver.received[0]!.signature).toMatch(/^[0-9a-f]{64}$/);
  });

  it("retries while the merchant answers 500, and records every attempt", async () => {
    receiver = await startIpnReceiver([500, 503]);
    const created = (await h.createPayment({ ipn_callback_url: `${receiver.url}/ipn` })).body;
    await pay(created.url, { card: "4242424242424242" });
    await h.server.sandbox.ipnOutbox.waitFor((d) => d.payment_id === created.id && d.delivered);
    const admin = await h.api("GET", `/_admin/ipns?payment_id=${created.id}`, { key: null });
    expect(admin.body.data).toHaveLength(1);
    const [delivery] = admin.body.data;
    expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([500, 503, 200]);
    expect(delivery).toMatchObject({
      delivered: true,
      gave_up: false,
      next_attempt_at: null,
      payment_id: created.id,
    });
    expect(receiver.received).toHaveLength(3);
  });

  it("gives up after the last retry when the merchant cannot be reached", async () => {
    receiver = await startIpnReceiver();
    await receiver.close();
    const created = (await h.createPayment({ ipn_callback_url: `${receiver.url}/ipn` })).body;
    await pay(created.url, { card: "4242424242424242" });
    const delivery = await h.server.sandbox.ipnOutbox.waitFor(
      (d) => d.payment_id === created.id && d.gave_up,
    );
    expect(delivery.attempts).toHaveLength(4);
    for (const attempt of delivery.attempts) {
      expect(attempt.status).toBeNull();
      expect(attempt.error).toEqual(expect.any(String));
    }
  });

  it("notifies later decisions and expiry", async () => {
    receiver = await startIpnReceiver();
    const ipn = `${receiver.url}/ipn`;
    const maybe = (await h.createPayment({ ipn_callback_url: ipn })).body;
    const refused = (await h.createPayment({ ipn_callback_url: ipn })).body;
    const expiring = (await h.createPayment({ ipn_callback_url: ipn, expires_after: 30 })).body;
    await pay(maybe.url, { card: "4000000000000101" });
    await pay(refused.url, { card: "4000000000000101" });
    await h.api("POST", `/_admin/payments/${refused.id}/decide`, { body: { decision: "refuse" } });
    await h.advanceDays(1);
    const outbox = h.server.sandbox.ipnOutbox;
    const reasons = await Promise.all(
      [maybe.id, refused.id, expiring.id].map(
        async (id) => (await outbox.waitFor((d) => d.payment_id === id && d.delivered)).reason,
      ),
    );
    expect(reasons).toEqual(["accepted", "refused", "expired"]);
  });
});

describe("IPN delay", () => {
  it("waits ipnDelayMs before the first attempt", async () => {
    h = await startHarness({ ipnDelayMs: 300 });
    receiver = await startIpnReceiver();
    const created = (await h.createPayment({ ipn_callback_url: `${receiver.url}/ipn` })).body;
    await pay(created.url, { card: "4242424242424242" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.received).toHaveLength(0);
    await h.server.sandbox.ipnOutbox.waitFor((d) => d.delivered);
    expect(receiver.received).toHaveLength(1);
  });
});

describe("notifications like Alma's", () => {
  it("notifies acceptances at checkout only, after the delay, never a review's decision nor an expiry", async () => {
    h = await startHarness({ notifications: "like_alma", ipnDelayMs: 150 });
    receiver = await startIpnReceiver();
    const ipn = `${receiver.url}/ipn`;
    const paid = (await h.createPayment({ ipn_callback_url: ipn })).body;
    const refused = (await h.createPayment({ ipn_callback_url: ipn })).body;
    const expiring = (await h.createPayment({ ipn_callback_url: ipn, expires_after: 30 })).body;
    await pay(paid.url, { card: "4242424242424242" });
    const reviewedOk = (await h.createPayment({ ipn_callback_url: ipn })).body;
    await pay(refused.url, { card: "4000000000000101" });
    await pay(reviewedOk.url, { card: "4000000000000101" });
    await h.api("POST", `/_admin/payments/${refused.id}/decide`, { body: { decision: "refuse" } });
    await h.api("POST", `/_admin/payments/${reviewedOk.id}/decide`, { body: { decision: "accept" } });
    await h.advanceDays(1);
    const delivery = await h.server.sandbox.ipnOutbox.waitFor((d) => d.delivered);
    expect(delivery).toMatchObject({ payment_id: paid.id, reason: "accepted" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.received.map((r) => r.pid)).toEqual([paid.id]);
    expect(h.server.sandbox.ipnOutbox.list().map((d) => d.payment_id)).toEqual([paid.id]);
    // The refusal and the expiry happened all the same: a merchant finds them by asking.
    expect((await h.api("GET", `/v1/payments/${refused.id}`)).body.state).toBe("scored_no");
    expect((await h.api("GET", `/v1/payments/${reviewedOk.id}`)).body.state).toBe("in_progress");
    expect((await h.api("GET", `/v1/payments/${expiring.id}`)).body.expired_at).not.toBeNull();
  }, 20_000);

  it("waits about a minute before notifying unless told otherwise", async () => {
    h = await startHarness({ notifications: "like_alma" });
    receiver = await startIpnReceiver();
    const paid = (await h.createPayment({ ipn_callback_url: `${receiver.url}/ipn` })).body;
    await pay(paid.url, { card: "4242424242424242" });
    const [delivery] = h.server.sandbox.ipnOutbox.list();
    const wait = Date.parse(delivery?.next_attempt_at ?? "") - Date.now();
    expect(wait).toBeGreaterThan(55_000);
    expect(wait).toBeLessThanOrEqual(60_000);
  });
});
