// Sandbox tooling, not Alma's API: Alma opens merchant accounts and issues keys in its own
// dashboard, which has no public API to copy. What this route issues is what Alma's clients then
// meet (reference: Alma's official PHP client 2.6 and Python client 3.0): `sk_test_`/`sk_live_` keys of separate environments, refused with 401
// `{"message": "Credentials invalid or not supplied"}` when never issued. Bodies are checked by
// `accountSchema` below and refused with the sandbox's validation_error shape.
import { Router } from "express";
import { z } from "zod";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import { DEFAULT_LIMITS, demoFeePlans } from "../merchants/demo-fee-plans.ts";
import { planKeyOf } from "../merchants/merchant-fee-plans.ts";
import { listAccounts, MerchantSpecError, provisionMerchant } from "../merchants/provision-merchant.ts";
import type { SandboxContext } from "../sandbox-context.ts";

const PLAN_KEYS = demoFeePlans("merchant_plans", DEFAULT_LIMITS).map(planKeyOf);

const accountSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    plans: z
      .array(z.enum(PLAN_KEYS, { error: `must be one of ${PLAN_KEYS.join(", ")}` }))
      .min(1)
      .optional(),
    limits: z
      .object({ min: z.int().positive(), max: z.int().positive() })
      .refine((l) => l.min <= l.max, { message: "min must not exceed max", path: ["min"] })
      .optional(),
    activated: z.boolean().optional(),
    test_key: z.string().optional(),
    live_key: z.string().optional(),
  })
  .strict();

/**
 * `/_admin/merchants`: opens merchant accounts as Alma's onboarding would (a test and a live
 * environment, each with its own merchant id and key) and lists them. Tooling, like the rest of
 * `/_admin`: the sandbox holds no real data.
 */
export function merchantAdminRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get("/_admin/merchants", (_req, res) => {
    res.json({ data: listAccounts(ctx.store) });
  });

  router.post("/_admin/merchants", (req, res) => {
    const parsed = parseWith(accountSchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const { test_key: testKey, live_key: liveKey, ...settings } = parsed.value;
    try {
      res.status(201).json(provisionMerchant(ctx, { ...settings, testKey, liveKey }));
    } catch (error) {
      if (!(error instanceof MerchantSpecError)) throw error;
      sendValidationError(res, [{ field: error.field, message: error.message }]);
    }
  });

  return router;
}
