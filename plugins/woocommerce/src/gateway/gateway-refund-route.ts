import { tryParseAmountToCents } from "@alma-suite/core";
import type { Router } from "express";
import { z } from "zod";
import { queueRefund } from "../refunds/queue-refund.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { gatewayRoute } from "./gateway-request.ts";
import { waitForRefund } from "./wait-for-refund.ts";

const bodySchema = z.object({
  order_id: z.int().positive(),
  refund_id: z.int().positive(),
  amount: z.string().max(20),
  reason: z.string().max(500).optional(),
});

const REFUNDABLE = ["paid", "partially_refunded"];

/**
 * `process_refund`: WooCommerce has just created refund `refund_id` and asks the gateway to move the
 * money. The refund is recorded and made by the same keyed job a webhook or a reconciliation would
 * use (so Alma is asked once whoever sees the refund first); the call waits for its result because
 * WooCommerce deletes its refund when the gateway answers an error.
 */
export function gatewayRefundRoute(deps: WooDeps): Router {
  return gatewayRoute(deps, "refunds", bodySchema, async ({ store, body, res }) => {
    const tenantId = store.tenant.id;
    const link = await deps.storage.findPaymentByOrderRef(tenantId, String(body.order_id));
    if (!link?.almaPaymentId) {
      res.status(404).json({ error: "no Alma payment for this order" });
      return;
    }
    // A webhook or a reconciliation may have seen this very refund first (WooCommerce lists it on
    // the order while it waits for this call) and made it at Alma, leaving the payment refunded:
    // that is this call's refund, so answer its outcome rather than refuse the payment's state.
    const known = await deps.storage.findRefundByPlatformRef(tenantId, String(body.refund_id));
    if (known && known.paymentLinkId === link.id) {
      await answer(await waitForRefund(deps, tenantId, known.id));
      return;
    }
    if (!REFUNDABLE.includes(link.state)) {
      res.status(409).json({ error: `the Alma payment is ${link.state} and cannot be refunded` });
      return;
    }
    const amount = tryParseAmountToCents(body.amount);
    if (!amount.ok || amount.cents <= 0) {
      res.status(400).json({ error: `invalid amount "${body.amount}"` });
      return;
    }
    const queued = await queueRefund(deps.storage, link, String(body.refund_id), amount.cents);
    if (queued.outcome === "exceeds_refundable") {
      deps.logger.warn(
        { tenantId, orderId: body.order_id, cents: amount.cents },
        "gateway refund above what is refundable",
      );
      res.status(422).json({ error: `only ${queued.refundableCents} cents can still be refunded` });
      return;
    }
    await answer(await waitForRefund(deps, tenantId, queued.refundId));

    async function answer(result: Awaited<ReturnType<typeof waitForRefund>>): Promise<void> {
      if (result.state === "succeeded") {
        res.json({ success: true, alma_refund_id: result.almaRefundId });
        return;
      }
      res.status(result.state === "failed" ? 422 : 504).json({ error: result.message });
    }
  });
}
