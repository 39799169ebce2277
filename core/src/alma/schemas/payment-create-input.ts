import { z } from "zod";
import { jsonValueSchema } from "./json-value.ts";

const cents = z.int().nonnegative();

export const addressInputSchema = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company: z.string().optional(),
  line1: z.string().optional(),
  line2: z.string().optional(),
  postal_code: z.string().optional(),
  city: z.string().optional(),
  county_sublocality: z.string().optional(),
  state_province: z.string().optional(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export const cartItemInputSchema = z.looseObject({
  sku: z.string().optional(),
  title: z.string(),
  quantity: z.int().positive(),
  unit_price: cents,
  line_price: cents,
  categories: z.array(z.string()).optional(),
  url: z.string().optional(),
  picture_url: z.string().optional(),
  requires_shipping: z.boolean().optional(),
});

export const paymentFieldsInputSchema = z.looseObject({
  purchase_amount: z.int().positive(),
  installments_count: z.int().min(1).max(12).optional(),
  deferred_days: z.int().nonnegative().optional(),
  deferred_months: z.int().nonnegative().optional(),
  /** Payment upon trigger: the first instalment is charged when the merchant calls trigger. */
  deferred: z.literal("trigger").optional(),
  deferred_description: z.string().optional(),
  return_url: z.url().optional(),
  ipn_callback_url: z.url().optional(),
  customer_cancel_url: z.url().optional(),
  failure_return_url: z.url().optional(),
  locale: z.string().optional(),
  /** Minutes before an unpaid payment expires. */
  expires_after: z.int().positive().optional(),
  custom_data: z.record(z.string(), jsonValueSchema).optional(),
  origin: z.string().optional(),
  billing_address: addressInputSchema.optional(),
  shipping_address: addressInputSchema.optional(),
  cart: z.looseObject({ items: z.array(cartItemInputSchema) }).optional(),
});

export const orderInputSchema = z.looseObject({
  merchant_reference: z.string().min(1),
  merchant_url: z.string().optional(),
  customer_url: z.string().optional(),
  comment: z.string().optional(),
  data: z.record(z.string(), jsonValueSchema).optional(),
});

/** `PUT /v1/orders/{id}`: the fields to change, at least one. */
export const orderUpdateInputSchema = orderInputSchema
  .partial()
  .refine((fields) => Object.keys(fields).length > 0, { message: "give at least one field to change" });

/** `POST /v2/orders/{id}/shipment`, as Alma's PrestaShop and Magento plugins send it. */
export const shipmentInputSchema = z.object({
  carrier: z.string().trim().min(1).max(200),
  trackingNumber: z.string().trim().min(1).max(200),
  trackingUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export const customerInputSchema = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  birth_date: z.string().optional(),
  is_business: z.boolean().optional(),
  business_name: z.string().optional(),
  business_id_number: z.string().optional(),
  addresses: z.array(addressInputSchema).optional(),
});

/**
 * Body of `POST /v1/payments`, validated before sending. Objects are loose so fields we do not
 * model (capture_method, shipping_info…) can still be passed through.
 */
export const paymentCreateInputSchema = z.looseObject({
  payment: paymentFieldsInputSchema,
  order: orderInputSchema.optional(),
  customer: customerInputSchema.optional(),
});

export type AddressInput = z.input<typeof addressInputSchema>;
export type CartItemInput = z.input<typeof cartItemInputSchema>;
export type OrderInput = z.input<typeof orderInputSchema>;
export type OrderUpdateInput = z.input<typeof orderUpdateInputSchema>;
export type ShipmentInput = z.input<typeof shipmentInputSchema>;
export type CustomerInput = z.input<typeof customerInputSchema>;
export type PaymentCreateInput = z.input<typeof paymentCreateInputSchema>;
