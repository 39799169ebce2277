import { Router } from "express";
import { z } from "zod";
import { TEST_CARDS } from "../checkout/test-cards.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendBadRequest, sendNotFound, sendValidationError } from "../http/send-error.ts";
import { acceptPayment, refusePayment } from "../payments/accept-payment.ts";
import { notifyMerchant, type SandboxContext } from "../sandbox-context.ts";

const decideSchema = z.object({ decision: z.enum(["accept", "refuse"]) });

/**
 * Test and demo tooling, unauthenticated on purpose (the sandbox holds no real data): IPN
 * outbox, recorded SMS, a payment's hidden state, and deciding scored_maybe payments.
 */
export function adminRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get("/_admin/ipns", (req, res) => {
    const paymentId = typeof req.query.payment_id === "string" ? req.query.payment_id : undefined;
    res.json({ data: ctx.ipnOutbox.list({ paymentId }) });
  });

  router.get("/_admin/sms", (req, res) => {
    const paymentId = typeof req.query.payment_id === "string" ? req.query.payment_id : undefined;
    res.json({ data: ctx.store.sms.list({ owner: paymentId }).items.reverse() });
  });

  router.get("/_admin/test-cards", (_req, res) => {
    res.json({ data: TEST_CARDS, three_ds_code: "1234" });
  });

  router.get("/_admin/payments/:id", (req, res) => {
    const record = ctx.payments.get(req.params.id);
    if (!record) return sendNotFound(res, "payment", req.params.id);
    const { internal } = record;
    res.json({
      payment: record.payment,
      merchant_id: internal.merchantId,
      card: internal.card,
      checkout_step: internal.attempt?.step ?? null,
      decide_at: internal.decideAt,
      trigger_deadline: internal.triggerDeadline,
      potential_fraud: internal.potentialFraud,
    });
  });

  router.post("/_admin/payments/:id/decide", (req, res) => {
    const record = ctx.payments.get(req.params.id);
    if (!record) return sendNotFound(res, "payment", req.params.id);
    const parsed = parseWith(decideSchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    if (record.payment.state !== "scored_maybe") {
      return sendBadRequest(
        res,
        "invalid_state",
        `Only a scored_maybe payment can be decided (this one is ${record.payment.state})`,
      );
    }
    if (parsed.value.decision === "accept") acceptPayment(record, ctx.clock.nowSeconds(), ctx.triggerState);
    else refusePayment(record);
    ctx.payments.save(record);
    notifyMerchant(ctx, record, parsed.value.decision === "accept" ? "accepted" : "refused", true);
    res.json(record.payment);
  });

  return router;
}
