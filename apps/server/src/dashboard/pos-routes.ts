import { ALMA_INTERACTIVE } from "@alma-suite/core";
import {
  type OutboxAnswer,
  type PaymentLinkResult,
  paymentLinkBodySchema,
} from "@alma-suite/core/dashboard-api";
import { createPosPaymentLink } from "@alma-suite/core/flows";
import { Router } from "express";
import { type DashboardContext, refuse, tenantOf } from "./dashboard-context.ts";
import { outboxRow } from "./dashboard-views.ts";
import { rowOf } from "./row-of.ts";

/** Payment links for in-store and phone sales (PoS), and the outbox of messages sent for the tenant. */
export function posRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.post("/tenants/:tenantId/payment-links", async (req, res) => {
    const body = paymentLinkBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0];
      return refuse(ctx, res, 400, issue?.message ?? "invalid payment link", {
        field: issue?.path.join(".") || "customer",
      });
    }
    const tenant = tenantOf(res);
    if (tenant.status !== "active") return refuse(ctx, res, 409, "this tenant is uninstalled");
    // The mode read once here is the one the link records (see createPosPaymentLink).
    const alma = await ctx
      .almaFor(tenant.id, { ...ALMA_INTERACTIVE, mode: tenant.almaMode })
      .catch(() => null);
    if (!alma) return refuse(ctx, res, 409, `this tenant has no Alma ${tenant.almaMode} key`);
    const outcome = await createPosPaymentLink(
      {
        storage: ctx.storage,
        alma,
        publicUrl: ctx.publicUrl,
        sendEmail: ctx.sendEmail,
        logger: ctx.logger,
      },
      { tenant, ...body.data },
    );
    if (outcome.status === "duplicate_reference")
      return refuse(ctx, res, 409, "a payment link already has this reference", { field: "reference" });
    if (outcome.status === "alma_refused") return refuse(ctx, res, 422, `Alma refused: ${outcome.message}`);
    const { row } = await rowOf(ctx, tenant, outcome.link);
    res.status(201).json({ payment: row, url: outcome.url, sent: outcome.sent } satisfies PaymentLinkResult);
  });
  router.get("/tenants/:tenantId/outbox", async (_req, res) => {
    const messages = await ctx.storage.listOutboxMessages(tenantOf(res).id, { limit: 200 });
    res.json({ messages: messages.map(outboxRow) } satisfies OutboxAnswer);
  });
  return router;
}
