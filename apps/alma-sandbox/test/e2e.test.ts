import { AlmaClient, AlmaInvalidRequestError, verifyIpnSignature } from "@alma-suite/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { follow, page } from "../src/testing/checkout-driver.ts";
import { startIpnReceiver } from "./ipn-receiver.ts";
import { type Harness, KEY, startHarness } from "./sandbox-harness.ts";

let h: Harness;
let receiver: Awaited<ReturnType<typeof startIpnReceiver>>;
let alma: AlmaClient;
const start = new Date(Date.UTC(2026, 2, 10, 14, 30));
const t0 = start.getTime() / 1000;

beforeAll(async () => {
  h = await startHarness({ now: () => start });
  receiver = await startIpnReceiver();
  alma = new AlmaClient({ apiKey: KEY, baseUrl: h.url, maxRetries: 0 });
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

describe("end to end: 3 × 150.00 €, paid on the hosted page, then refunded in two steps", () => {
  it("runs checkout, IPN, partial and full refund to the cent", async () => {
    const created = await alma.payments.create({
      payment: {
        purchase_amount: 45000,
        installments_count: 3,
        return_url: "https://shop.example.test/alma/return/tnt_1",
        ipn_callback_url: `${receiver.url}/alma/ipn/tnt_1`,
        customer_cancel_url: "https://shop.example.test/alma/cancel/tnt_1",
        custom_data: { tenant_id: "tnt_1", order_reference: "#1042" },
        billing_address: { first_name: "Camille", last_name: "Durand", country: "FR" },
      },
      order: { merchant_reference: "#1042" },
    });
    const pid = created.id;
    expect(created).toMatchObject({
      state: "not_started",
      kind: "P3X",
      purchase_amount: 45000,
      customer_fee: 653,
    });
    expect(created.payment_plan.map((i) => i.total_amount)).toEqual([15653, 15000, 15000]);

    // The customer's browser, without JavaScript.
    const landing = await page(created.url);
    expect(landing.status).toBe(200);
    expect(landing.html).toContain("450,00");
    const cardPost = await page(`${created.url}/card`, {
      card_number: "4242 4242 4242 4242",
      expiry: "09/31",
      cvc: "314",
      holder: "Camille Durand",
    });
    expect(cardPost.status).toBe(303);
    const threeDsUrl = follow(created.url, cardPost.location!);
    expect((await page(threeDsUrl)).html).toContain("4242");
    const codePost = await page(threeDsUrl, { code: "1234" });
    expect(codePost.status).toBe(303);
    const confirmUrl = follow(created.url, codePost.location!);
    const confirmPage = await page(confirmUrl);
    expect(confirmPage.html).toContain("156,53");
    const confirmed = await page(confirmUrl, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.location).toBe(`https://shop.example.test/alma/return/tnt_1?pid=${pid}`);

    // The IPN reaches the merchant, signed with the API key.
    await h.server.sandbox.ipnOutbox.waitFor((d) => d.payment_id === pid && d.delivered);
    const [ipn] = receiver.received;
    expect(ipn?.url).toBe(`/alma/ipn/tnt_1?pid=${pid}`);
    expect(verifyIpnSignature(pid, ipn?.signature, KEY)).toBe(true);
    expect(verifyIpnSignature(pid, ipn?.signature, "sk_test_someoneelse")).toBe(false);

    // Confirmation as a plugin does it: fetch, never trust the notification alone.
    const paid = await alma.payments.fetch(pid);
    expect(paid.state).toBe("in_progress");
    expect(paid.payment_plan[0]).toMatchObject({ state: "paid", date_paid: t0, total_amount: 15653 });
    expect(paid.payment_plan.slice(1).map((i) => i.state)).toEqual(["pending", "pending"]);

    // Partial refund of 100.00 €: cancelled from the last instalment, nothing paid back yet.
    const partial = await alma.payments.refund(pid, { amount: 10000, merchantReference: "shop-refund-1" });
    expect(partial.refunds).toHaveLength(1);
    expect(partial.refunds[0]).toMatchObject({
      amount: 10000,
      merchant_reference: "shop-refund-1",
      rebate_amount: 10000,
      payment_refund_amount: 0,
      payment: pid,
    });
    expect(partial).toMatchObject({
      amount_already_refunded: 10000,
      is_completely_refunded: false,
      state: "in_progress",
    });
    expect(partial.payment_plan.map((i) => i.purchase_amount)).toEqual([15000, 15000, 5000]);

    // More than what remains (350.00 €) is refused, with a field error.
    const tooMuch = await alma.payments
      .refund(pid, { amount: 35001, merchantReference: "shop-refund-x" })
      .catch((e) => e);
    expect(tooMuch).toBeInstanceOf(AlmaInvalidRequestError);
    expect((tooMuch as AlmaInvalidRequestError).status).toBe(400);
    expect((tooMuch as AlmaInvalidRequestError).fieldErrors[0]?.field).toBe("amount");

    // Full refund of the rest: 200.00 € of future instalments cancelled, 150.00 € + 6.53 € fee paid back.
    const full = await alma.payments.refund(pid, { merchantReference: "shop-refund-2" });
    expect(full.refunds).toHaveLength(2);
    expect(full.refunds[1]).toMatchObject({
      amount: 35653,
      merchant_reference: "shop-refund-2",
      rebate_amount: 20000,
      payment_refund_amount: 15653,
    });
    const refundsSum = full.refunds.reduce((sum, r) => sum + r.amount, 0);
    expect(refundsSum).toBe(45000 + 653);
    expect(full).toMatchObject({
      amount_already_refunded: 45653,
      is_completely_refunded: true,
      state: "paid",
    });
    expect(full.payment_plan.map((i) => [i.purchase_amount, i.state])).toEqual([
      [15000, "paid"],
      [0, "paid"],
      [0, "paid"],
    ]);
    expect(full.payment_plan.map((i) => i.original_purchase_amount)).toEqual([15000, 15000, 15000]);
  });
});
