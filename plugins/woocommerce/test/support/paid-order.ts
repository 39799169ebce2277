import { pay } from "@alma-suite/alma-sandbox/testing";
import { paymentUrlIn } from "./gateway-call.ts";
import type { Harness } from "./plugin-harness.ts";

/** A pay-by-link order paid by the customer on Alma's page, with every job run. */
export async function paidPayByLinkOrder(h: Harness, storeId: string, totalCents: number) {
  const order = h.woo.createOrder({
    totalCents,
    paymentMethod: "cheque",
    status: "on-hold",
    billing: { first_name: "Jeanne", last_name: "Durand", email: "jeanne@example.com", country: "FR" },
  });
  await h.settle();
  const note = (h.woo.store.notes.get(order.id) ?? []).find((n) => n.customerNote);
  if (!note) throw new Error(`order ${order.id} got no payment link`);
  const result = await pay(paymentUrlIn(note.note), { card: "4242424242424242" });
  if (result.status !== 303) throw new Error(`payment failed: ${result.outcome}`);
  const link = await h.storage.findPaymentByOrderRef(storeId, String(order.id));
  const pid = link!.almaPaymentId!;
  await h.sandbox.sandbox.ipnOutbox.waitFor((d) => d.payment_id === pid && d.delivered);
  await h.settle();
  return { order, pid, linkId: link!.id };
}
