import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { type Harness, startHarness } from "./sandbox-harness.ts";

let h: Harness;
const start = new Date(Date.UTC(2026, 0, 15, 9));
const t0 = start.getTime() / 1000;
const DAY = 86400;
beforeEach(async () => {
  h = await startHarness({ now: () => start });
});
afterEach(() => h.close());

async function paid(card: string, payment: Record<string, unknown> = {}) {
  const created = (await h.createPayment({ return_url: "https://shop.test/r", ...payment })).body;
  await pay(created.url, { card });
  return created.id as string;
}

// biome-ignore lint/suspicious/noExplicitAny: reading JSON
const get = async (id: string): Promise<any> => (await h.api("GET", `/v1/payments/${id}`)).body;

describe("sandbox clock", () => {
  it("shows and advances time; refuses going back", async () => {
    expect((await h.api("GET", "/_clock")).body).toMatchObject({ now: t0, offset_seconds: 0 });
    const moved = await h.api("POST", "/_admin/clock", { body: { days: 1, hours: 2 } });
    expect(moved.body).toMatchObject({ now: t0 + DAY + 7200, offset_seconds: DAY + 7200 });
    expect((await h.api("POST", "/_clock", { body: { days: -1 } })).status).toBe(400);
    expect((await h.api("POST", "/_clock", { body: {} })).status).toBe(400);
  });

  it("collects instalments as they fall due until the payment is paid", async () => {
    const id = await paid("4242424242424242");
    await h.advanceDays(31);
    let p = await get(id);
    expect(p.state).toBe("in_progress");
    expect(p.payment_plan.map((i: { state: string }) => i.state)).toEqual(["paid", "paid", "pending"]);
    expect(p.payment_plan[1].date_paid).toBe(p.payment_plan[1].due_date);
    await h.advanceDays(30);
    p = await get(id);
    expect(p.state).toBe("paid");
    expect(p.payment_plan.every((i: { state: string }) => i.state === "paid")).toBe(true);
  });

  it("pays a deferred (D+30) payment on its due date", async () => {
    const id = await paid("4242424242424242", { installments_count: 1, deferred_days: 30 });
    let p = await get(id);
    expect(p.state).toBe("in_progress");
    expect(p.payment_plan[0].state).toBe("pending");
    await h.advanceDays(30);
    p = await get(id);
    expect(p.state).toBe("paid");
    expect(p.payment_plan[0].date_paid).toBe(t0 + 30 * DAY);
  });

  it("fail-later card: late_dunning, late_contact_customer after 8 days, default after 15", async () => {
    const id = await paid("4000000000000341");
    expect((await get(id)).state).toBe("in_progress");
    await h.advanceDays(31);
    let p = await get(id);
    expect(p.state).toBe("late_dunning");
    expect(p.payment_plan[1].state).toBe("incident");
    await h.advanceDays(7); // 7 days late: still dunning
    expect((await get(id)).state).toBe("late_dunning");
    await h.advanceDays(1);
    expect((await get(id)).state).toBe("late_contact_customer");
    await h.advanceDays(7); // 15 days late
    expect((await get(id)).state).toBe("late_contact_customer");
    await h.advanceDays(1);
    p = await get(id);
    expect(p.state).toBe("default");
    expect(p.payment_plan.map((i: { state: string }) => i.state)).toEqual(["paid", "incident", "pending"]);
  });

  it("expires an unpaid payment created with expires_after", async () => {
    const created = (await h.createPayment({ expires_after: 20 })).body;
    await h.api("POST", "/_clock", { body: { minutes: 19 } });
    expect((await get(created.id)).expired_at).toBeNull();
    await h.api("POST", "/_clock", { body: { minutes: 2 } });
    expect((await get(created.id)).expired_at).toBe(t0 + 20 * 60);
    const result = await pay(created.url, { card: "4242424242424242" });
    expect(result.outcome).toBe("expired");
  });
});

describe("scored_maybe", () => {
  it("is accepted by the clock after 1 day", async () => {
    const id = await paid("4000000000000101");
    await h.advanceDays(0.5);
    expect((await get(id)).state).toBe("scored_maybe");
    await h.advanceDays(0.5);
    const p = await get(id);
    expect(p.state).toBe("in_progress");
    expect(p.payment_plan[0]).toMatchObject({ state: "paid", date_paid: t0 + DAY });
  });

  it("is decided by the admin route, either way", async () => {
    const accepted = await paid("4000000000000101");
    const refused = await paid("4000000000000101");
    const a = await h.api("POST", `/_admin/payments/${accepted}/decide`, { body: { decision: "accept" } });
    expect(a.body.state).toBe("in_progress");
    const r = await h.api("POST", `/_admin/payments/${refused}/decide`, { body: { decision: "refuse" } });
    expect(r.body.state).toBe("scored_no");
    const again = await h.api("POST", `/_admin/payments/${refused}/decide`, { body: { decision: "accept" } });
    expect(again.status).toBe(400);
    const bad = await h.api("POST", `/_admin/payments/${refused}/decide`, { body: { decision: "maybe" } });
    expect(bad.status).toBe(400);
    await h.advanceDays(2);
    expect((await get(refused)).state).toBe("scored_no");
  });
});

describe("cancel", () => {
  it("cancels before the first instalment is paid, refuses after", async () => {
    const open = (await h.createPayment({})).body.id;
    const cancelled = await h.api("PUT", `/v1/payments/${open}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: "stopped", cancelation_reason: "merchant_cancel" });
    expect((await h.api("PUT", `/v1/payments/${open}/cancel`)).status).toBe(200);
    const running = await paid("4242424242424242");
    const refused = await h.api("PUT", `/v1/payments/${running}/cancel`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/refund/);
  });
});

describe("payment upon trigger", () => {
  it("charges nothing at acceptance, the first instalment on trigger, once", async () => {
    const id = await paid("4242424242424242", {
      installments_count: 3,
      deferred: "trigger",
      deferred_description: "at shipping",
    });
    let p = await get(id);
    // Accepted but neither charged nor paid out yet (fixtures/alma/payments/awaiting-trigger.json).
    expect(p).toMatchObject({
      state: "scored_yes",
      processing_status: "awaiting_authorization",
      deferred_trigger: true,
      deferred_trigger_applied: null,
      deferred_trigger_description: "at shipping",
    });
    expect(
      (await h.api("POST", `/v1/payments/${id}/refund`, { body: { merchant_reference: "x" } })).status,
    ).toBe(400);
    expect(p.payment_plan[0].state).toBe("pending");
    await h.advanceDays(5);
    expect((await get(id)).payment_plan[0].state).toBe("pending"); // on hold until triggered
    const triggered = await h.api("POST", `/v1/payments/${id}/trigger`);
    expect(triggered.status).toBe(200);
    p = triggered.body;
    expect(p).toMatchObject({
      state: "in_progress",
      processing_status: "processed",
      deferred_trigger_applied: t0 + 5 * DAY,
    });
    expect(p.payment_plan[0]).toMatchObject({
      state: "paid",
      date_paid: t0 + 5 * DAY,
      due_date: t0 + 5 * DAY,
    });
    expect(new Date(p.payment_plan[1].due_date * 1000).toISOString().slice(0, 10)).toBe("2026-02-20");
    expect((await h.api("POST", `/v1/payments/${id}/trigger`)).status).toBe(400);
    const plain = await paid("4242424242424242");
    const refused = await h.api("POST", `/v1/payments/${plain}/trigger`);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/trigger/);
  });

  it("triggers by itself when the limit passes", async () => {
    const id = await paid("4242424242424242", { installments_count: 4, deferred: "trigger" });
    await h.advanceDays(31);
    const p = await get(id);
    expect(p).toMatchObject({ state: "in_progress", deferred_trigger_applied: t0 + 30 * DAY });
    expect(p.payment_plan[0].state).toBe("paid");
  });

  it("can report an accepted, untriggered payment in_progress, as Alma may, and still hold it", async () => {
    await h.close();
    h = await startHarness({ now: () => start, triggerState: "in_progress" });
    const id = await paid("4242424242424242", { installments_count: 3, deferred: "trigger" });
    expect(await get(id)).toMatchObject({
      state: "in_progress",
      deferred_trigger: true,
      deferred_trigger_applied: null,
    });
    // Still nothing charged, nothing refundable, until the trigger.
    expect(
      (await h.api("POST", `/v1/payments/${id}/refund`, { body: { merchant_reference: "x" } })).status,
    ).toBe(400);
    await h.advanceDays(5);
    expect(await get(id)).toMatchObject({ state: "in_progress", deferred_trigger_applied: null });
    expect((await get(id)).payment_plan[0].state).toBe("pending");
    const triggered = (await h.api("POST", `/v1/payments/${id}/trigger`)).body;
    expect(triggered).toMatchObject({ state: "in_progress", deferred_trigger_applied: t0 + 5 * DAY });
    expect(triggered.payment_plan[0].state).toBe("paid");
  });
});
