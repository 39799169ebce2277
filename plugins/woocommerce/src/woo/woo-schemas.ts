import { z } from "zod";

/**
 * What we read from WooCommerce's REST API (wc/v3): orders, refunds, notes and webhooks.
 * Loose objects: a store's plugins add fields, and we only insist on what our flows use. Money
 * stays a decimal string here; `wooCents` turns it into integer cents where it is used.
 */
const metaSchema = z.looseObject({ id: z.int().optional(), key: z.string(), value: z.unknown() });

const addressSchema = z.looseObject({
  first_name: z.string().default(""),
  last_name: z.string().default(""),
  company: z.string().default(""),
  address_1: z.string().default(""),
  address_2: z.string().default(""),
  city: z.string().default(""),
  state: z.string().default(""),
  postcode: z.string().default(""),
  country: z.string().default(""),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

const lineItemSchema = z.looseObject({
  id: z.int(),
  name: z.string(),
  product_id: z.int().optional(),
  quantity: z.number(),
  total: z.string(),
  total_tax: z.string().optional(),
  sku: z.string().nullish(),
  price: z.union([z.number(), z.string()]).optional(),
});

export const wooOrderSchema = z.looseObject({
  id: z.int(),
  number: z.string().optional(),
  order_key: z.string(),
  status: z.string(),
  currency: z.string(),
  total: z.string(),
  payment_method: z.string().default(""),
  payment_method_title: z.string().default(""),
  transaction_id: z.string().default(""),
  customer_note: z.string().default(""),
  date_created_gmt: z.string().nullish(),
  date_modified_gmt: z.string().nullish(),
  date_paid_gmt: z.string().nullish(),
  billing: addressSchema,
  shipping: addressSchema,
  line_items: z.array(lineItemSchema).default([]),
  refunds: z
    .array(z.looseObject({ id: z.int(), reason: z.string().nullish(), total: z.string() }))
    .default([]),
  meta_data: z.array(metaSchema).default([]),
  payment_url: z.string().optional(),
});
export type WooOrder = z.infer<typeof wooOrderSchema>;

export const wooRefundSchema = z.looseObject({
  id: z.int(),
  date_created_gmt: z.string().nullish(),
  amount: z.string(),
  reason: z.string().default(""),
  refunded_payment: z.boolean().default(false),
  meta_data: z.array(metaSchema).default([]),
});
export type WooRefund = z.infer<typeof wooRefundSchema>;

export const wooNoteSchema = z.looseObject({
  id: z.int(),
  note: z.string(),
  customer_note: z.boolean(),
  date_created_gmt: z.string().nullish(),
});
export type WooNote = z.infer<typeof wooNoteSchema>;

export const wooWebhookSchema = z.looseObject({
  id: z.int(),
  name: z.string(),
  status: z.string(),
  topic: z.string(),
  delivery_url: z.string(),
});
export type WooWebhook = z.infer<typeof wooWebhookSchema>;

/** What we write on an order; `set_paid` is write-only and runs WooCommerce's payment_complete(). */
export interface WooOrderPatch {
  status?: string;
  set_paid?: boolean;
  transaction_id?: string;
  payment_method_title?: string;
  meta_data?: { key: string; value: string }[];
}

export interface WooRefundInput {
  /** Decimal string, e.g. "10.00". */
  amount: string;
  reason: string;
  /** false: only record the refund, never call a PHP gateway (Alma's refund is ours to make). */
  api_refund: boolean;
  api_restock?: boolean;
  meta_data?: { key: string; value: string }[];
}

export interface WooWebhookInput {
  name: string;
  topic: string;
  delivery_url: string;
  secret: string;
  status: "active" | "paused" | "disabled";
}

/** The value of one of our own meta keys on an order or refund, if present. */
export function metaValue(meta: readonly { key: string; value: unknown }[], key: string): string | undefined {
  const found = meta.find((m) => m.key === key);
  return typeof found?.value === "string" ? found.value : undefined;
}
