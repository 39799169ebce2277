import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentUrlIn } from "../support/gateway-call.ts";
import { type Harness, startHarness } from "../support/plugin-harness.ts";

describe("pay-by-link: an offline-method order gets an Alma link by e-mail, and is paid through it", () => {
  let h: Harness;
  let storeId: string;
  beforeAll(async () => {
    h = await startHarness();
    ({ storeId } = await h.connect({ payByLinkMethods: ["cheque"] }));
  });
  afterAll(() => h.close());

  it("creates one Alma payment from order.created + order.updated, mails the link, then marks the order paid on the IPN", async () => {
    const order = h.woo.createOrder({
      totalCents: 45_000,
      paymentMethod: "cheque",
      paymentMethodTitle: "Pay in 3 with Alma (link by e-mail)",
      billing: {
        first_name: "Camille",
        last_name: "Martin",
        email: "camille@example.com",
        country: "FR",
        city: "Paris",
        address_1: "1 rue de Rivoli",
        postcode: "75001",
      },
    });
    h.woo.updateOrder(order.id, { status: "on-hold" });
    await h.settle();

    const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));
    expect(link).toMatchObject({ amountCents: 45_000, state: "pending" });
    const customerNotes = (h.woo.store.notes.get(order.id) ?? []).filter((n) => n.customerNote);
    expect(customerNotes).toHaveLength(1);
    const url = paymentUrlIn(customerNotes[0]!.note);
    expect(url).toContain(link!.almaPaymentId!);

    const alma = await h.deps.almaFor(storeId);
    const payment = await alma.payments.fetch(link!.almaPaymentId!);
    expect(payment.custom_data).toMatchObject({
      order_id: order.id,
      order_key: order.order_key,
      tenant_id: storeId,
    });
    expect(payment.ipn_callback_url).toContain(`/alma/ipn/${storeId}`);

    const paid = await pay(url, { card: "4242424242424242" });
    expect(paid.status).toBe(303);
    await h.sandbox.sandbox.ipnOutbox.waitFor((d) => d.payment_id === payment.id && d.delivered);
    await h.settle();

    const after = h.woo.store.orders.get(order.id)!;
    expect(after).toMatchObject({ status: "processing", transaction_id: payment.id, paidTransitions: 1 });
    expect(
      (h.woo.store.notes.get(order.id) ?? []).some((n) => n.note.includes(`payment ${payment.id} accepted`)),
    ).toBe(true);
    expect((await h.storage.getPaymentLink(storeId, link!.id))?.state).toBe("paid");
  });

  it("cancels the open Alma payment when the merchant cancels the unpaid order, so the link cannot be paid any more", async () => {
    const order = h.woo.createOrder({ totalCents: 21_000, paymentMethod: "cheque", status: "on-hold" });
    await h.settle();
    const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));
    const url = paymentUrlIn((h.woo.store.notes.get(order.id) ?? []).find((n) => n.customerNote)!.note);
    h.woo.updateOrder(order.id, { status: "cancelled" });
    await h.settle();
    expect((await h.storage.getPaymentLink(storeId, link!.id))?.state).toBe("cancelled");
    const alma = await h.deps.almaFor(storeId);
    expect((await alma.payments.fetch(link!.almaPaymentId!)).state).not.toBe("not_started");
    expect((await pay(url, { card: "4242424242424242" })).status).not.toBe(303);
    expect(h.woo.store.orders.get(order.id)).toMatchObject({ status: "cancelled", paidTransitions: 0 });
  });

  it("writes the link's note in the shop's language with its money, naming a 3x's fees and a credit plan's terms", async () => {
    const noteFor = async (totalCents: number) => {
      const order = h.woo.createOrder({ totalCents, paymentMethod: "cheque", status: "on-hold" });
      await h.settle();
      return (h.woo.store.notes.get(order.id) ?? []).find((n) => n.customerNote)?.note ?? "";
    };
    // No locale read at connection: French.
    const french = (await noteFor(45_000)).split("\n");
    expect(french[0]).toMatch(
      /^Payer en 3 fois avec Alma : réglez votre commande de 450,00\u00a0€ ici : http/,
    );
    expect(french.slice(1)).toEqual(["Frais de service : 6,53\u00a0€, inclus dans la première échéance"]);

    const tenant = await h.storage.getTenant(storeId);
    await h.storage.updateTenant(storeId, {
      settings: { ...(tenant?.settings ?? {}), locale: "en_GB", planKey: "general_10_0_0" },
    });
    const english = (await noteFor(100_000)).split("\n");
    expect(english[0]).toMatch(/^Pay in 10 instalments with Alma: pay your order of €1,000\.00 here: http/);
    expect(english).toContain("Fixed APR: 17.20%");
    expect(english.some((line) => /^Total cost of credit: €[\d,]+\.\d\d$/.test(line))).toBe(true);
    expect(english.some((line) => /^Total amount due: €1,[\d,]+\.\d\d$/.test(line))).toBe(true);
    expect(english.at(-1)).toBe(
      "Borrowing commits you and must be repaid. Check that you can afford the repayments before committing.",
    );
  });
});
