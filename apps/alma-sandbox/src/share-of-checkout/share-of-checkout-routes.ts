import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendNotFound, sendValidationError } from "../http/send-error.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { ShareOfCheckoutRecord } from "./share-of-checkout-record.ts";

// Alma's plugins send one day at a time, as "YYYY-MM-DD 00:00:00" to "YYYY-MM-DD 23:59:59".
const dateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'expected "YYYY-MM-DD HH:MM:SS"')
  .refine((text) => !Number.isNaN(Date.parse(`${text.replace(" ", "T")}Z`)), "not a real date and time");
const cents = z.int().nonnegative();
const currency = z.string().regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as EUR");

const shareBodySchema = z
  .object({
    start_time: dateTime,
    end_time: dateTime,
    orders: z.array(z.object({ total_order_count: cents, total_amount: cents, currency })).max(50),
    payment_methods: z
      .array(
        z.object({
          payment_method_name: z.string().trim().min(1).max(200),
          orders: z.array(z.object({ order_count: cents, amount: cents, currency })).max(50),
        }),
      )
      .max(200),
  })
  .refine((b) => b.start_time <= b.end_time, { message: "must not be after end_time", path: ["start_time"] });

/**
 * Share of checkout: `PUT /v1/share-of-checkout` records one period of the shop's sales by
 * payment method; `GET /v1/share-of-checkout` (PHP 2.x) and `…/last-update-dates` answer the
 * last period shared, 404 until there is one.
 */
export function shareOfCheckoutRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.put("/v1/share-of-checkout", (req, res) => {
    const parsed = parseWith(shareBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const merchantId = merchantOf(res).id;
    const body = parsed.value;
    const record: ShareOfCheckoutRecord = {
      merchant_id: merchantId,
      start_time: unixOf(body.start_time),
      end_time: unixOf(body.end_time),
      orders: body.orders,
      payment_methods: body.payment_methods,
      received: ctx.clock.nowSeconds(),
    };
    // One record per period: sending a day again replaces it.
    ctx.store.shareOfCheckout.put(`${merchantId}:${record.start_time}`, record, { owner: merchantId });
    res.json(view(record));
  });

  router.get(["/v1/share-of-checkout", "/v1/share-of-checkout/last-update-dates"], (_req, res) => {
    const merchantId = merchantOf(res).id;
    const shared = ctx.store.shareOfCheckout.list({ owner: merchantId }).items;
    const last = shared.reduce<ShareOfCheckoutRecord | undefined>(
      (latest, r) => (latest === undefined || r.end_time > latest.end_time ? r : latest),
      undefined,
    );
    if (!last) return sendNotFound(res, "share_of_checkout", merchantId);
    res.json(view(last));
  });

  return router;
}

function unixOf(text: string): number {
  return Math.floor(Date.parse(`${text.replace(" ", "T")}Z`) / 1000);
}

function view(record: ShareOfCheckoutRecord) {
  return { merchant_id: record.merchant_id, start_time: record.start_time, end_time: record.end_time };
}
