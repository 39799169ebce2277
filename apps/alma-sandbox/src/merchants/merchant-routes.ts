import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import { apiRoot, type SandboxContext } from "../sandbox-context.ts";
import { merchantFeePlans } from "./merchant-fee-plans.ts";
import { merchantProfile } from "./merchant-profile.ts";

// Alma takes literal strings: `only=all` or `only=3,4`, `deferred=true|false`.
const feePlansQuerySchema = z.object({
  kind: z.enum(["general", "pos"]).optional(),
  only: z
    .string()
    .regex(/^(all|\d{1,2}(,\d{1,2})*)$/, "expected `all` or a comma-separated list of instalment counts")
    .optional(),
  deferred: z.enum(["true", "false"]).optional(),
});

/** `/v1/me`, `/v1/me/extended-data` and `/v1/me/fee-plans`. */
export function merchantRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get("/v1/me", (req, res) => {
    res.json(merchantProfile(merchantOf(res), ctx.limits, apiRoot(ctx, req)));
  });

  router.get("/v1/me/extended-data", (req, res) => {
    const merchant = merchantOf(res);
    const profile = merchantProfile(merchant, ctx.limits, apiRoot(ctx, req));
    res.json({ ...profile, fee_plans: merchantFeePlans(merchant, ctx.limits) });
  });

  router.get("/v1/me/fee-plans", (req, res) => {
    const parsed = parseWith(feePlansQuerySchema, req.query);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const { kind, only, deferred } = parsed.value;
    const counts = only && only !== "all" ? new Set(only.split(",").map(Number)) : undefined;
    const plans = merchantFeePlans(merchantOf(res), ctx.limits).filter(
      (plan) =>
        (kind === undefined || plan.kind === kind) &&
        (counts === undefined || counts.has(plan.installments_count)) &&
        (deferred !== "false" || (plan.deferred_days === 0 && plan.deferred_months === 0)),
    );
    res.json(plans);
  });

  return router;
}
