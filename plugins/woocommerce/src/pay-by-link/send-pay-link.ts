import { describePlan, formatMoney, parsePlanKey } from "@alma-suite/core";
import { startAlmaPayment } from "../checkout/start-alma-payment.ts";
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import { loadStore } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { wooCents } from "../woo/woo-money.ts";

export type SendPayLinkResult = "sent" | "already_sent" | "not_applicable" | "not_eligible";

/**
 * Pay-by-link, no PHP: an order placed with one of the store's chosen offline methods gets an Alma
 * payment (custom_data with the order id and key) and its link as a customer note, which WooCommerce
 * e-mails. Runs as a job keyed by the order, so order.created and order.updated arriving together
 * still create one payment; the note is sent once (the link remembers it).
 */
export async function sendPayLink(
  deps: WooDeps,
  tenantId: string,
  orderId: number,
): Promise<SendPayLinkResult> {
  const store = await loadStore(deps, tenantId);
  const order = store ? await store.woo.getOrder(orderId) : null;
  if (!store || !order || !store.settings.payByLinkMethods.includes(order.payment_method))
    return "not_applicable";
  const existing = await deps.storage.findPaymentByOrderRef(tenantId, String(orderId));
  if (existing?.almaPaymentId && linkCustom(existing).linkSent) return "already_sent";
  if (!["pending", "on-hold"].includes(order.status) && !existing) return "not_applicable";
  const started = await startAlmaPayment(deps, store, order, {
    origin: "pay_by_link",
    returnUrl: `${store.settings.storeUrl}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    ...(order.payment_url ? { cancelUrl: order.payment_url } : {}),
    expiresAfterMinutes: deps.config.payLinkExpiryMinutes,
  });
  if (!started.ok) {
    if (started.reason === "already_paid") return "already_sent";
    // The job retries later; by then the other creation has finished or its claim expired.
    if (started.reason === "in_progress") throw new Error(started.message);
    await store.woo.addNote(order.id, `Alma: no payment link for this order (${started.message}).`);
    deps.logger.info({ tenantId, orderId, reason: started.reason }, "pay-by-link order not eligible");
    return "not_eligible";
  }
  const plan = parsePlanKey(store.settings.planKey);
  const amount = formatMoney(wooCents(order.total) ?? 0);
  await store.woo.addNote(
    order.id,
    `${plan ? describePlan(plan, "en") : "Pay in instalments"} with Alma: pay your order of ${amount} here: ${started.paymentUrl}`,
    { customerNote: true },
  );
  await patchLinkCustom(deps.storage, tenantId, started.link.id, { linkSent: true });
  return "sent";
}
