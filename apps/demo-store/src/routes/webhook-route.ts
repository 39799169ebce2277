import { jsonDepth, MAX_JSON_DEPTH, readBody } from "@alma-suite/core";
import { Router } from "express";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { bridgePaymentSchema } from "../bridge/bridge-payment.ts";
import type { DemoContext } from "../demo-context.ts";
import { isOrderStatus } from "../orders/order-status.ts";

const eventSchema = z.object({
  type: z.string(),
  data: z
    .object({
      payment: bridgePaymentSchema,
    })
    .partial(),
});

/**
 * `POST /webhooks`: the bridge's Standard Webhooks deliveries, verified over the raw body with the
 * endpoint's secret before anything in it is read. A verified event for an order this shop does
 * not know is acknowledged (a retry would not change that) and logged.
 */
export function webhookRoute(ctx: DemoContext): Router {
  const router = Router();
  router.post(
    "/webhooks",
    readBody({ types: ["application/json"], limitBytes: 256 * 1024, as: "raw" }),
    async (req, res) => {
      const setup = await ctx.ready();
      const body = Buffer.isBuffer(req.body) ? req.body.toString("utf8") : "";
      // The signature library parses the body itself: refuse absurd nesting before it does.
      if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
        return res.status(400).json({ error: `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels` });
      let payload: unknown;
      try {
        payload = new Webhook(setup.webhookSecret).verify(body, {
          "webhook-id": req.get("webhook-id") ?? "",
          "webhook-timestamp": req.get("webhook-timestamp") ?? "",
          "webhook-signature": req.get("webhook-signature") ?? "",
        });
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        ctx.logger.warn({ reason: error.message }, "demo store: webhook signature refused");
        return res.status(400).json({ error: "invalid webhook signature" });
      }
      const event = eventSchema.safeParse(payload);
      if (!event.success) {
        ctx.logger.warn({ issues: event.error.issues.length }, "demo store: webhook body not understood");
        return res.status(400).json({ error: "unexpected webhook body" });
      }
      const payment = event.data.data.payment;
      if (!payment || !isOrderStatus(payment.status)) return res.status(204).end();
      const order = await ctx.orders.findByPaymentOrNumber(payment.id, payment.order_reference);
      if (!order) {
        ctx.logger.info(
          { type: event.data.type, payment: payment.id },
          "demo store: webhook for an unknown order",
        );
        return res.status(204).end();
      }
      await ctx.orders.applyPayment(order.id, {
        status: payment.status,
        refundedCents: payment.refunded_amount,
      });
      res.status(204).end();
    },
  );
  return router;
}
