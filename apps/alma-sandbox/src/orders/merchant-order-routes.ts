import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendNotFound, sendValidationError } from "../http/send-error.ts";
import type { AlmaOrder } from "../payments/alma-payment.ts";
import { orderDataSchema } from "../payments/create-payment-schema.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import { type FoundOrder, findOrder, listOrders } from "./order-index.ts";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  starting_after: z.string().min(1).optional(),
});

// PHP 2.x POSTs the fields themselves, PHP 3 and Python PUT them: every field is optional.
const updateBodySchema = z
  .object({
    merchant_reference: z.string().min(1).max(200).optional(),
    merchant_url: z.string().max(2000).nullish(),
    customer_url: z.string().max(2000).nullish(),
    comment: z.string().max(1000).nullish(),
    data: orderDataSchema.nullish(),
  })
  .strict();

const shipmentBodySchema = z.object({
  carrier: z.string().trim().min(1).max(200),
  tracking_number: z.string().trim().min(1).max(200),
  tracking_url: httpUrl.nullish(),
});

// Alma's PHP client slugifies the shop's status and insists on a boolean is_shipped.
const statusBodySchema = z.object({
  status: z.string().trim().min(1).max(100),
  is_shipped: z.boolean(),
});

/**
 * The merchant's orders by their own id: `GET /v1/orders` (paginated like payments),
 * `GET|POST|PUT /v1/orders/{id}`, `POST /v2/orders/{id}/shipment` and the deprecated
 * `POST /v2/orders/{id}/status`. Each answers the order.
 */
export function merchantOrderRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.get("/v1/orders", (req, res) => {
    const parsed = parseWith(listQuerySchema, req.query);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const merchantId = merchantOf(res).id;
    const { limit, starting_after: startingAfter } = parsed.value;
    if (startingAfter && !findOrder(ctx, merchantId, startingAfter)) {
      return sendNotFound(res, "order", startingAfter);
    }
    const page = listOrders(ctx, merchantId, { limit, startingAfter });
    res.json({ data: page.orders, has_more: page.hasMore });
  });

  router.get("/v1/orders/:id", (req, res) => {
    const found = loadOrder(ctx, req, res);
    if (found) res.json(found.order);
  });

  for (const method of ["post", "put"] as const) {
    router[method]("/v1/orders/:id", (req, res) => {
      const found = loadOrder(ctx, req, res);
      if (!found) return;
      const parsed = parseWith(updateBodySchema, req.body);
      if (!parsed.ok) return sendValidationError(res, parsed.errors);
      const fields = parsed.value;
      const { order } = found;
      if (fields.merchant_reference !== undefined) order.merchant_reference = fields.merchant_reference;
      if (fields.merchant_url !== undefined) order.merchant_url = fields.merchant_url;
      if (fields.customer_url !== undefined) order.customer_url = fields.customer_url;
      if (fields.comment !== undefined) order.comment = fields.comment;
      if (fields.data !== undefined) order.data = (fields.data ?? {}) as AlmaOrder["data"];
      save(ctx, found);
      res.json(order);
    });
  }

  router.post("/v2/orders/:id/shipment", (req, res) => {
    const found = loadOrder(ctx, req, res);
    if (!found) return;
    const parsed = parseWith(shipmentBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    found.order.carrier = parsed.value.carrier;
    found.order.tracking_number = parsed.value.tracking_number;
    found.order.tracking_url = parsed.value.tracking_url ?? null;
    save(ctx, found);
    res.json(found.order);
  });

  router.post("/v2/orders/:id/status", (req, res) => {
    const found = loadOrder(ctx, req, res);
    if (!found) return;
    const parsed = parseWith(statusBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    found.order.status = parsed.value.status;
    found.order.is_shipped = parsed.value.is_shipped;
    save(ctx, found);
    res.json(found.order);
  });

  return router;
}

function loadOrder(ctx: SandboxContext, req: Request, res: Response): FoundOrder | undefined {
  const id = String(req.params.id ?? "");
  const found = findOrder(ctx, merchantOf(res).id, id);
  if (!found) sendNotFound(res, "order", id);
  return found;
}

function save(ctx: SandboxContext, found: FoundOrder): void {
  found.order.updated = ctx.clock.nowSeconds();
  ctx.payments.save(found.record);
}
