import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendBadRequest, sendNotFound, sendValidationError } from "../http/send-error.ts";
import { apiRoot, type SandboxContext } from "../sandbox-context.ts";
import type { ActionOutcome } from "./action-outcome.ts";
import type { PaymentState } from "./alma-payment.ts";
import { cancelPayment } from "./cancel-payment.ts";
import { createPayment } from "./create-payment.ts";
import { createPaymentBodySchema } from "./create-payment-schema.ts";
import { loadPayment } from "./load-payment.ts";
import { paymentSideRoutes } from "./payment-side-routes.ts";
import { refundPayment } from "./refund-payment.ts";
import { triggerPayment } from "./trigger-payment.ts";

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  starting_after: z.string().min(1).optional(),
  state: z.string().optional(),
});

const editBodySchema = z.object({ payment: z.object({ custom_data: z.json() }) });

const refundBodySchema = z.object({
  amount: z.int().positive().nullish(),
  merchant_reference: z.string().max(200).nullish(),
  comment: z.string().max(1000).nullish(),
});

/** `/v1/payments` and the actions on one payment. */
export function paymentRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post("/v1/payments", (req, res) => {
    const parsed = parseWith(createPaymentBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const result = createPayment(ctx, merchantOf(res), parsed.value, apiRoot(ctx, req));
    if (!result.ok) return sendValidationError(res, result.errors);
    res.status(200).json(result.record.payment);
  });

  router.get("/v1/payments", (req, res) => {
    const parsed = parseWith(listQuerySchema, req.query);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const { limit, starting_after: startingAfter, state } = parsed.value;
    const merchantId = merchantOf(res).id;
    if (startingAfter && !ctx.payments.getOwned(merchantId, startingAfter)) {
      return sendNotFound(res, "payment", startingAfter);
    }
    const states = state
      ?.split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "") as PaymentState[] | undefined;
    const page = ctx.payments.list(merchantId, { limit, startingAfter, states });
    res.json({ data: page.items.map((r) => r.payment), has_more: page.hasMore });
  });

  router.get("/v1/payments/:id", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (record) res.json(record.payment);
  });

  router.post("/v1/payments/:id", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const parsed = parseWith(editBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    record.payment.custom_data = parsed.value.payment.custom_data as typeof record.payment.custom_data;
    ctx.payments.save(record);
    res.json(record.payment);
  });

  router.put("/v1/payments/:id/cancel", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const outcome = cancelPayment(record);
    if (answerRefusal(res, outcome)) return;
    ctx.payments.save(record);
    res.json(record.payment);
  });

  router.post("/v1/payments/:id/refund", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const parsed = parseWith(refundBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const outcome = refundPayment(
      record,
      {
        amount: parsed.value.amount ?? undefined,
        merchantReference: parsed.value.merchant_reference ?? null,
        comment: parsed.value.comment ?? null,
      },
      ctx.clock.nowSeconds(),
    );
    if (answerRefusal(res, outcome)) return;
    ctx.payments.save(record);
    res.json(record.payment);
  });

  router.post("/v1/payments/:id/trigger", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const outcome = triggerPayment(record, ctx.clock.nowSeconds());
    if (answerRefusal(res, outcome)) return;
    ctx.payments.save(record);
    res.json(record.payment);
  });

  router.use(paymentSideRoutes(ctx));
  return router;
}

/** Sends the 400 for a refused action; true when it did. */
function answerRefusal(res: Parameters<typeof sendBadRequest>[0], outcome: ActionOutcome<unknown>): boolean {
  if (outcome.ok) return false;
  if (outcome.field) sendValidationError(res, [{ field: outcome.field, message: outcome.message }]);
  else sendBadRequest(res, outcome.errorCode, outcome.message);
  return true;
}
