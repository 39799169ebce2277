import { newId } from "../ids/new-id.ts";
import type { AlmaOrder } from "../payments/alma-payment.ts";
import type { OrderFields } from "../payments/create-payment-schema.ts";

export function buildOrder(paymentId: string, fields: OrderFields, now: number): AlmaOrder {
  return {
    id: newId("order"),
    payment: paymentId,
    merchant_reference: fields.merchant_reference,
    merchant_url: fields.merchant_url ?? null,
    customer_url: fields.customer_url ?? null,
    comment: fields.comment ?? null,
    data: (fields.data ?? {}) as AlmaOrder["data"],
    created: now,
    updated: now,
    carrier: null,
    tracking_number: null,
    tracking_url: null,
    status: null,
    is_shipped: null,
  };
}
