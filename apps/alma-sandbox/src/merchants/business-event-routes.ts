import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import { newId } from "../ids/new-id.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { BusinessEventRecord } from "./business-event-record.ts";

const id = z.string().trim().min(1).max(200);

const eventSchema = z.discriminatedUnion("event_type", [
  z.object({ event_type: z.literal("cart_initiated"), cart_id: id }).strict(),
  z
    .object({
      event_type: z.literal("order_confirmed"),
      is_alma_p1x: z.boolean(),
      is_alma_bnpl: z.boolean(),
      was_bnpl_eligible: z.boolean(),
      order_id: id,
      cart_id: id,
      alma_payment_id: id.nullish(),
    })
    .strict()
    // Alma's clients require the payment id exactly when the order was paid with Alma.
    .refine((e) => (e.is_alma_p1x || e.is_alma_bnpl) === (e.alma_payment_id != null), {
      message: "required when is_alma_p1x or is_alma_bnpl is true, and must be absent or null otherwise",
      path: ["alma_payment_id"],
    }),
]);

/** `POST /v1/me/business-events`: recorded (readable at `/_admin/business-events`), answered 204. */
export function businessEventRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post("/v1/me/business-events", (req, res) => {
    const parsed = parseWith(eventSchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const event = parsed.value;
    const merchantId = merchantOf(res).id;
    const record: BusinessEventRecord = {
      id: newId("event"),
      merchant_id: merchantId,
      event_type: event.event_type,
      cart_id: event.cart_id,
      order_id: event.event_type === "order_confirmed" ? event.order_id : null,
      is_alma_p1x: event.event_type === "order_confirmed" ? event.is_alma_p1x : null,
      is_alma_bnpl: event.event_type === "order_confirmed" ? event.is_alma_bnpl : null,
      was_bnpl_eligible: event.event_type === "order_confirmed" ? event.was_bnpl_eligible : null,
      alma_payment_id: event.event_type === "order_confirmed" ? (event.alma_payment_id ?? null) : null,
      created: ctx.clock.nowSeconds(),
    };
    ctx.store.businessEvents.put(record.id, record, { owner: merchantId });
    res.status(204).end();
  });

  return router;
}
