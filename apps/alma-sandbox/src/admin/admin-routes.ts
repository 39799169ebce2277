// Sandbox tooling (`/_admin`: test cards, decisions after review, clock), not Alma's API: Alma has
// no public equivalent. The objects these routes move are Alma's, shaped as its clients read them
// (see the sandbox README's simulated / not simulated table); bodies are validated with zod.
import { Router } from "express";
import { z } from "zod";
import { TEST_CARDS } from "../checkout/test-cards.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendBadRequest, sendNotFound, sendValidationError } from "../http/send-error.ts";
import { acceptPayment, refusePayment } from "../payments/accept-payment.ts";
import { notifyMerchant, type SandboxContext } from "../sandbox-context.ts";

const decideSchema = z.object({ decision: z.enum(["accept", "refuse"]) });
const merchantSchema = z.object({ name: z.string().trim().min(1).max(100) });

/**
 * Test and demo tooling, unauthenticated on purpose (the sandbox holds no real data): IPN
 * outbox, recorded SMS, a payment's hidden state, deciding scored_maybe payments, and naming a
 * merchant (what a merchant sets in Alma's dashboard; its hosted page and SMS show that name).
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

  // What merchants sent that real Alma keeps to itself: business events and registered shop URLs.
  router.get("/_admin/business-events", (req, res) => {
    const merchantId = typeof req.query.merchant_id === "string" ? req.query.merchant_id : undefined;
    res.json({ data: ctx.store.businessEvents.list({ owner: merchantId }).items.reverse() });
  });

  router.get("/_admin/integrations", (_req, res) => {
    res.json({ data: ctx.store.integrations.list().items });
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

  router.put("/_admin/merchants/:id", (req, res) => {
    const merchant = ctx.store.merchants.get(req.params.id);
    if (!merchant) return sendNotFound(res, "merchant", req.params.id);
    const parsed = parseWith(merchantSchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const named = { ...merchant, name: parsed.value.name };
    ctx.store.merchants.put(named.id, named, { owner: named.id });
    res.json({ id: named.id, name: named.name });
  });

  return router;
}
