import type { PlatformAdapter } from "@alma-suite/core";
import { confirmPayment } from "@alma-suite/core/flows";
import { isPaidOrder } from "../adapter/order-states.ts";
import { payLinkJobType } from "../jobs/job-types.ts";
import { detectWooRefunds } from "../refunds/detect-woo-refunds.ts";
import { mirrorAlmaRefunds } from "../refunds/mirror-alma-refunds.ts";
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import { orderFingerprint } from "../shared/order-fingerprint.ts";
import { pushOrderStatus } from "../status/push-order-status.ts";
import { pushShipments } from "../status/push-shipments.ts";
import type { StoreContext } from "../store/load-store.ts";
import { GATEWAY_ID } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { cancelOpenPayment } from "./cancel-open-payment.ts";

const OPEN = ["pending", "authorized"];
const SETTLED = ["paid", "partially_refunded", "refunded"];
const AWAITING_LINK = ["pending", "on-hold"];

/**
 * Brings one order and its Alma payment in line, from the order's current state. A webhook only
 * hints that the order changed; reconciliation (`source: "reconcile"`) also asks Alma, which repairs
 * a missed IPN, a missed platform call and refunds made at Alma. Every step is idempotent, so
 * running it twice, or concurrently with a webhook, changes nothing more. Returns what it did.
 */
export async function syncOrder(
  deps: WooDeps,
  adapter: PlatformAdapter,
  store: StoreContext,
  order: WooOrder,
  source: "webhook" | "reconcile",
): Promise<string[]> {
  const tenantId = store.tenant.id;
  let link = await deps.storage.findPaymentByOrderRef(tenantId, String(order.id));
  if (!link) {
    const wantsLink =
      order.payment_method !== GATEWAY_ID &&
      store.settings.payByLinkMethods.includes(order.payment_method) &&
      AWAITING_LINK.includes(order.status);
    if (!wantsLink) return [];
    await payLinkJobType.enqueue(deps.storage, {
      key: `woocommerce:pay-link:${tenantId}:${order.id}`,
      payload: { tenantId, orderId: order.id },
    });
    return ["pay_link_queued"];
  }
  const actions: string[] = [];
  const alma = link.almaPaymentId ? await deps.almaFor(tenantId, { mode: link.almaMode }) : undefined;
  const cancelled = alma ? await cancelOpenPayment(deps, alma, link, order) : undefined;
  if (cancelled) {
    actions.push(cancelled);
    link = (await deps.storage.getPaymentLink(tenantId, link.id)) ?? link;
  }
  if (source === "reconcile" && alma && link.almaPaymentId && OPEN.includes(link.state)) {
    const outcome = await confirmPayment(
      { storage: deps.storage, alma },
      { tenantId, almaPaymentId: link.almaPaymentId, source: "reconciliation" },
    );
    if ("alreadyDone" in outcome && !outcome.alreadyDone) actions.push(`confirmed:${outcome.status}`);
    link = (await deps.storage.getPaymentLink(tenantId, link.id)) ?? link;
  } else if (
    source === "reconcile" &&
    link.almaPaymentId &&
    link.state === "paid" &&
    needsPaidRepair(order)
  ) {
    const outcome = await adapter.markOrderPaid({
      tenantId,
      orderRef: link.platformOrderRef,
      idempotencyKey: `paid:${link.id}`,
      almaPaymentId: link.almaPaymentId,
      amountCents: link.amountCents,
    });
    if (outcome.status === "paid" && !outcome.alreadyDone) actions.push("paid_repaired");
  }
  if (SETTLED.includes(link.state)) {
    actions.push(...(await detectWooRefunds(deps, store, link, order)));
    if (source === "reconcile" && alma && link.almaPaymentId) {
      const payment = await alma.payments.fetch(link.almaPaymentId);
      actions.push(...(await mirrorAlmaRefunds(deps, adapter, link, payment)));
    }
  }
  const fresh = (await deps.storage.getPaymentLink(tenantId, link.id)) ?? link;
  if (await pushOrderStatus(deps, fresh, order)) actions.push(`status_pushed:${order.status}`);
  const shipped = await pushShipments(
    deps,
    (await deps.storage.getPaymentLink(tenantId, link.id)) ?? fresh,
    order,
  );
  for (const trackingNumber of shipped) actions.push(`shipment_pushed:${trackingNumber}`);
  // Our own writes above record the state they leave; only when nothing was written is the
  // order as read the state to recognise in a later echo.
  if (!actions.some((a) => a === "paid_repaired" || a.startsWith("alma_refund_recorded"))) {
    const seen = orderFingerprint(order);
    if (linkCustom(fresh).seen !== seen) await patchLinkCustom(deps.storage, tenantId, link.id, { seen });
  }
  return actions;
}

/** Alma has the money and we marked the link paid, but the order still waits for payment. */
function needsPaidRepair(order: WooOrder): boolean {
  return !isPaidOrder(order) && ["pending", "on-hold", "failed"].includes(order.status);
}
