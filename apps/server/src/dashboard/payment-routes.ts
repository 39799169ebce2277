import { type PaymentDetail, type PaymentsAnswer, paymentsQuerySchema } from "@alma-suite/core/dashboard-api";
import { Router } from "express";
import { type DashboardContext, refuse, tenantOf } from "./dashboard-context.ts";
import { decodeCursor, encodeCursor } from "./payment-cursor.ts";
import { paymentDetail } from "./payment-detail.ts";
import { refundRoute } from "./refund-route.ts";
import { rowOf } from "./row-of.ts";

export function paymentRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get("/tenants/:tenantId/payments", async (req, res) => {
    const query = paymentsQuerySchema.safeParse(req.query);
    if (!query.success) {
      const issue = query.error.issues[0];
      return refuse(ctx, res, 400, issue?.message ?? "invalid query", {
        field: String(issue?.path[0] ?? ""),
      });
    }
    const { state, q, limit, cursor } = query.data;
    const before = cursor ? decodeCursor(cursor) : undefined;
    if (before === null) return refuse(ctx, res, 400, "cursor is not one this API gave", { field: "cursor" });
    const tenant = tenantOf(res);
    const list = (reference?: string) =>
      ctx.storage.listPaymentLinks(tenant.id, {
        states: state,
        reference,
        before,
        limit: limit + 1,
      });
    // PoS links are stored as `pos:<reference>`; staff search them by the reference they typed.
    let links = await list(q);
    if (q && links.length === 0) links = await list(`pos:${q}`);
    const page = links.slice(0, limit);
    const last = page.at(-1);
    res.json({
      payments: await Promise.all(page.map(async (link) => (await rowOf(ctx, tenant, link)).row)),
      nextCursor: links.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    } satisfies PaymentsAnswer);
  });
  router.get("/tenants/:tenantId/payments/:paymentId", async (req, res) => {
    const detail: PaymentDetail | null = await paymentDetail(ctx, tenantOf(res), req.params.paymentId);
    if (!detail) return refuse(ctx, res, 404, "no payment with that id");
    res.json(detail);
  });
  router.use(refundRoute(ctx));
  return router;
}
