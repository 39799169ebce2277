import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendBadRequest, sendValidationError } from "../http/send-error.ts";
import { merchantFeePlans } from "../merchants/merchant-fee-plans.ts";
import { isActivated } from "../merchants/merchant-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import { checkEligibility } from "./check-eligibility.ts";

const query = z.object({
  installments_count: z.int().min(1).max(12),
  deferred_days: z.int().nonnegative().default(0),
  deferred_months: z.int().nonnegative().default(0),
});

// Alma's clients send null for the address fields they do not know.
const address = z.looseObject({ country: z.string().nullish() }).nullish();

const v2BodySchema = z.looseObject({
  purchase_amount: z.int().positive(),
  // Optional: without it Alma answers for every plan enabled on the merchant's account.
  queries: z.array(query).min(1).max(50).optional(),
  billing_address: address,
  shipping_address: address,
  origin: z.string().nullish(),
  locale: z.string().nullish(),
});

const v1BodySchema = z.object({
  payment: z.looseObject({
    purchase_amount: z.int().positive(),
    installments_count: z.union([z.int().min(1).max(12), z.array(z.int().min(1).max(12)).min(1)]).optional(),
    deferred_days: z.int().nonnegative().default(0),
    deferred_months: z.int().nonnegative().default(0),
  }),
});

/** `POST /v2/payments/eligibility` (array, one item per query) and the legacy v1 shape. */
export function eligibilityRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post("/v2/payments/eligibility", (req, res) => {
    const parsed = parseWith(v2BodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const plans = merchantFeePlans(merchantOf(res), ctx.limits);
    const now = ctx.clock.now();
    const queries =
      parsed.value.queries ??
      plans
        .filter((plan) => plan.allowed && plan.available_online)
        .map((plan) => ({
          installments_count: plan.installments_count,
          deferred_days: plan.deferred_days,
          deferred_months: plan.deferred_months,
        }));
    res.json(queries.map((q) => checkEligibility(plans, parsed.value.purchase_amount, q, now)));
  });

  // v1: a single object for one count, an array (sorted by count) for several or none given.
  router.post("/v1/payments/eligibility", (req, res) => {
    const merchant = merchantOf(res);
    if (!isActivated(merchant)) {
      return sendBadRequest(res, "merchant_not_activated", "This merchant account is not activated yet");
    }
    const parsed = parseWith(v1BodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const {
      purchase_amount: amount,
      installments_count: counts,
      deferred_days,
      deferred_months,
    } = parsed.value.payment;
    const plans = merchantFeePlans(merchant, ctx.limits);
    const now = ctx.clock.now();
    const check = (n: number) =>
      checkEligibility(plans, amount, { installments_count: n, deferred_days, deferred_months }, now);
    if (typeof counts === "number") return void res.json(check(counts));
    const wanted = counts ?? [
      ...new Set(
        plans
          .filter(
            (p) => p.allowed && p.deferred_days === deferred_days && p.deferred_months === deferred_months,
          )
          .map((p) => p.installments_count),
      ),
    ];
    res.json([...wanted].sort((a, b) => a - b).map(check));
  });

  return router;
}
