import type { PaymentLink } from "@alma-suite/core/storage";
import { z } from "zod";
import type { BridgeOrder } from "../adapter/bridge-order-store.ts";

/** What the agency sees of a checkout; `link.custom.bridge` holds what it sent us. */
export interface CheckoutCustom {
  return_url: string;
  cancel_url: string;
  payment_url?: string;
  metadata?: Record<string, unknown>;
  payment_upon_trigger?: boolean;
}

export function checkoutCustomOf(link: PaymentLink): CheckoutCustom | undefined {
  const bridge = link.custom.bridge;
  return bridge && typeof bridge === "object" ? (bridge as CheckoutCustom) : undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

export const paymentViewSchema = z.object({
  object: z.literal("payment"),
  id: z.string().describe("Our payment id (pay_…), stable for the life of the checkout"),
  merchant_ref: z.string(),
  order_reference: z.string(),
  amount: z.int().describe("Cents"),
  currency: z.string(),
  plan: z.string().nullable().describe("Alma plan key, e.g. general_3_0_0"),
  status: z
    .string()
    .describe(
      "pending, authorized, paid, partially_refunded, refunded, refused, cancelled, expired or fraud_suspected",
    ),
  refunded_amount: z.int().describe("Cents refunded so far"),
  alma_payment_id: z.string().nullable(),
  payment_url: z.string().nullable().describe("Alma's hosted payment page"),
  payment_upon_trigger: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PaymentView = z.infer<typeof paymentViewSchema>;

export function paymentView(link: PaymentLink, merchantRef: string, order: BridgeOrder | null): PaymentView {
  const custom = checkoutCustomOf(link);
  return {
    object: "payment",
    id: link.id,
    merchant_ref: merchantRef,
    order_reference: link.platformOrderRef,
    amount: link.amountCents,
    currency: link.currency,
    plan: link.planKey,
    status: link.state,
    refunded_amount: order?.refundedCents ?? 0,
    alma_payment_id: link.almaPaymentId,
    payment_url: custom?.payment_url ?? null,
    payment_upon_trigger: custom?.payment_upon_trigger ?? false,
    metadata: custom?.metadata ?? {},
    created_at: iso(link.createdAt),
    updated_at: iso(link.updatedAt),
  };
}
