import { type RefundAnswer, refundBodySchema } from "@alma-suite/core/dashboard-api";
import { requestDashboardRefund } from "@alma-suite/core/flows";
import { Router } from "express";
import { type DashboardContext, refuse, tenantOf } from "./dashboard-context.ts";
import { refundRow } from "./dashboard-views.ts";

/**
 * `POST …/payments/:id/refunds`: records the refund and its durable job (see core's
 * requestDashboardRefund) and answers 202; the job asks Alma, then tells the platform.
 */
export function refundRoute(ctx: DashboardContext): Router {
  const router = Router();
  router.post("/tenants/:tenantId/payments/:paymentId/refunds", async (req, res) => {
    const body = refundBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      const field = String(body.error.issues[0]?.path[0] ?? "amountCents");
      const error =
        field === "idempotencyKey"
          ? "idempotencyKey is required (any unique string per refund)"
          : "amountCents must be a positive whole number of cents";
      return refuse(ctx, res, 400, error, { field });
    }
    const tenant = tenantOf(res);
    const link = await ctx.storage.getPaymentLink(tenant.id, req.params.paymentId);
    const elsewhere = link ? ctx.pluginFor(tenant.platform)?.refundElsewhere?.(tenant, link) : null;
    if (elsewhere) return refuse(ctx, res, 409, elsewhere);
    const result = await requestDashboardRefund(ctx.storage, {
      tenantId: tenant.id,
      paymentLinkId: req.params.paymentId,
      ...body.data,
    });
    switch (result.status) {
      case "unknown_payment":
        return refuse(ctx, res, 404, "no payment with that id");
      case "not_refundable":
        return refuse(ctx, res, 409, `a ${result.state} payment cannot be refunded`);
      case "exceeds_refundable":
        return refuse(ctx, res, 422, `at most ${result.refundableCents} cents can still be refunded`, {
          field: "amountCents",
          refundableCents: result.refundableCents,
        });
      case "accepted":
        ctx.logger.info(
          { tenantId: tenant.id, refundId: result.refund.id, amountCents: result.refund.amountCents },
          result.created ? "refund requested from the dashboard" : "refund request repeated",
        );
        res.status(202).json({ refund: refundRow(result.refund) } satisfies RefundAnswer);
    }
  });
  return router;
}
