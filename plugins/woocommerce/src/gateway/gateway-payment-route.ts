import { constantTimeEqual } from "@alma-suite/core";
import type { Router } from "express";
import { z } from "zod";
import { startAlmaPayment } from "../checkout/start-alma-payment.ts";
import { GATEWAY_ID } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { gatewayRoute } from "./gateway-request.ts";

const bodySchema = z.object({
  order_id: z.int().positive(),
  order_key: z.string().min(1).max(100),
  return_url: z.string().max(2000).optional(),
  cancel_url: z.string().max(2000).optional(),
  // WordPress's locale (`fr_FR`, `en_GB`, `de_DE_formal`); anything else is ignored, not refused.
  locale: z.string().max(20).optional(),
});

const WP_LOCALE = /^[a-z]{2,3}(?:_[A-Z]{2})?(?:_[a-z0-9]+)?$/;

/** Statuses in which WooCommerce runs a gateway's process_payment (block checkout drafts included). */
const PAYABLE = ["pending", "failed", "checkout-draft"];

/**
 * `process_payment`: the gateway sends the order id and key; the order itself (amount, customer,
 * items) is read from WooCommerce, never taken from the call. Answers the Alma payment page URL.
 */
export function gatewayPaymentRoute(deps: WooDeps): Router {
  return gatewayRoute(deps, "payments", bodySchema, async ({ store, body, res }) => {
    const order = await store.woo.getOrder(body.order_id);
    if (!order || !constantTimeEqual(order.order_key, body.order_key)) {
      res.status(404).json({ error: "unknown order" });
      return;
    }
    if (order.payment_method !== GATEWAY_ID) {
      res
        .status(409)
        .json({ error: `the order is paid with ${order.payment_method || "nothing"}, not Alma` });
      return;
    }
    if (!PAYABLE.includes(order.status)) {
      res.status(409).json({ error: `the order is ${order.status} and cannot be paid` });
      return;
    }
    const origin = new URL(store.settings.storeUrl).origin;
    const onStore = (url: string | undefined) => (url && safeOrigin(url) === origin ? url : undefined);
    const returnUrl = onStore(body.return_url);
    const cancelUrl = onStore(body.cancel_url);
    const started = await startAlmaPayment(deps, store, order, {
      origin: "gateway",
      // An abandoned checkout must end at Alma, so the order's stock is released (payment watch).
      expiresAfterMinutes: deps.config.checkoutExpiryMinutes,
      ...(returnUrl ? { returnUrl } : {}),
      ...(cancelUrl ? { cancelUrl } : {}),
      ...(body.locale && WP_LOCALE.test(body.locale) ? { siteLocale: body.locale } : {}),
    });
    if (!started.ok) {
      deps.logger.info(
        { tenantId: store.tenant.id, orderId: order.id, reason: started.reason },
        "no Alma payment for order",
      );
      if (started.reason === "in_progress") res.set("Retry-After", "2").status(503);
      else res.status(422);
      res.json({ error: started.message, reason: started.reason });
      return;
    }
    res.json({ redirect_url: started.paymentUrl, alma_payment_id: started.almaPaymentId });
  });
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
