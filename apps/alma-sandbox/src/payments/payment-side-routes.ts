import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { checkoutText } from "../checkout/checkout-text.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import { newId } from "../ids/new-id.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import { loadPayment } from "./load-payment.ts";
import type { SmsRecord } from "./sms-record.ts";

const fraudBodySchema = z.object({ reason: z.string().max(500).nullish() });

/** Side actions Alma records without changing the payment: fraud flags and SMS links. */
export function paymentSideRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post("/v1/payments/:id/potential-fraud", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const parsed = parseWith(fraudBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    record.internal.potentialFraud.push({ reason: parsed.value.reason ?? null, at: ctx.clock.nowSeconds() });
    ctx.payments.save(record);
    res.status(204).end();
  });

  // Real Alma texts the payment link (403 unless enabled); the sandbox only records the message,
  // readable at GET /_admin/sms.
  router.post("/v1/payments/:id/send-sms", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const { payment } = record;
    const phone = payment.customer?.phone ?? payment.billing_address?.phone ?? null;
    const sms: SmsRecord = {
      id: newId("sms"),
      payment_id: payment.id,
      merchant_id: merchantOf(res).id,
      phone: typeof phone === "string" ? phone : null,
      // In the payment's language, as the page it links to.
      message: checkoutText(payment.locale).t("sms.payLink", {
        merchant: payment.merchant_name,
        url: payment.url,
      }),
      created: ctx.clock.nowSeconds(),
    };
    ctx.store.sms.put(sms.id, sms, { owner: payment.id });
    res.status(204).end();
  });

  return router;
}
