import { Router } from "express";
import { z } from "zod";
import { parseWith } from "../http/parse-body.ts";
import { sendNotFound, sendValidationError } from "../http/send-error.ts";
import { orderFieldsSchema } from "../payments/create-payment-schema.ts";
import { loadPayment } from "../payments/load-payment.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import { buildOrder } from "./build-order.ts";
import { indexOrders, unindexOrders } from "./order-index.ts";

// PHP sends `{order: {...}}`, Python `{orders: [...]}`: both are accepted.
const ordersBodySchema = z
  .object({ order: orderFieldsSchema.optional(), orders: z.array(orderFieldsSchema).max(100).optional() })
  .refine((body) => body.order !== undefined || body.orders !== undefined, {
    message: "expected `order` (one order) or `orders` (a list)",
    path: ["order"],
  });

const statusBodySchema = z.object({
  status: z.string().min(1).max(100),
  is_shipped: z.boolean().nullish(),
});

/** `/v1/payments/{id}/orders`: PUT appends, POST replaces, GET lists; plus status updates. */
export function orderRoutes(ctx: SandboxContext): Router {
  const router = Router();

  for (const method of ["put", "post"] as const) {
    router[method]("/v1/payments/:id/orders", (req, res) => {
      const record = loadPayment(ctx, req, res);
      if (!record) return;
      const parsed = parseWith(ordersBodySchema, req.body);
      if (!parsed.ok) return sendValidationError(res, parsed.errors);
      const now = ctx.clock.nowSeconds();
      const incoming = [...(parsed.value.order ? [parsed.value.order] : []), ...(parsed.value.orders ?? [])];
      const built = incoming.map((fields) => buildOrder(record.payment.id, fields, now));
      if (method === "post") unindexOrders(ctx, record.payment.orders);
      record.payment.orders = method === "put" ? [...record.payment.orders, ...built] : built;
      ctx.payments.save(record);
      indexOrders(ctx, record.internal.merchantId, built);
      res.json(record.payment.orders);
    });
  }

  router.get("/v1/payments/:id/orders", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (record) res.json(record.payment.orders);
  });

  router.post("/v1/payments/:id/orders/:reference/status", (req, res) => {
    const record = loadPayment(ctx, req, res);
    if (!record) return;
    const reference = String(req.params.reference);
    const parsed = parseWith(statusBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const matching = record.payment.orders.filter((o) => o.merchant_reference === reference);
    if (matching.length === 0) return sendNotFound(res, "order", reference);
    for (const order of matching) {
      order.status = parsed.value.status;
      order.is_shipped = parsed.value.is_shipped ?? null;
      order.updated = ctx.clock.nowSeconds();
    }
    ctx.payments.save(record);
    res.json(matching.at(-1));
  });

  return router;
}
