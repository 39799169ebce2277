import { z } from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const json = z.json();
const jsonObject = z.record(z.string(), json);

const address = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  company: z.string().optional(),
  line1: z.string().optional(),
  line2: z.string().optional(),
  postal_code: z.string().optional(),
  city: z.string().optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
    .optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

export const paymentFieldsSchema = z.looseObject({
  purchase_amount: z.int().positive(),
  installments_count: z.int().min(1).max(12).default(3),
  deferred_days: z.int().nonnegative().default(0),
  deferred_months: z.int().nonnegative().default(0),
  deferred: z.literal("trigger").optional(),
  deferred_description: z.string().max(200).optional(),
  return_url: httpUrl.optional(),
  ipn_callback_url: httpUrl.optional(),
  customer_cancel_url: httpUrl.optional(),
  failure_return_url: httpUrl.optional(),
  locale: z.string().max(10).optional(),
  expires_after: z
    .int()
    .positive()
    .max(60 * 24 * 30)
    .optional(),
  custom_data: json.optional(),
  origin: z.string().max(50).optional(),
  billing_address: address.nullish(),
  shipping_address: address.nullish(),
  cart: z
    .looseObject({ items: z.array(z.looseObject({ title: z.string().optional() })).optional() })
    .nullish(),
});

export const orderFieldsSchema = z.looseObject({
  merchant_reference: z.string().min(1).max(200),
  merchant_url: z.string().nullish(),
  customer_url: z.string().nullish(),
  comment: z.string().nullish(),
  data: jsonObject.nullish(),
});

const customerFields = z.looseObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  birth_date: z.string().optional(),
  is_business: z.boolean().optional(),
  addresses: z.array(address).optional(),
});

/** `POST /v1/payments`: `{payment, order?, customer?}`. */
export const createPaymentBodySchema = z.object({
  payment: paymentFieldsSchema,
  order: orderFieldsSchema.optional(),
  customer: customerFields.optional(),
});

export type CreatePaymentBody = z.output<typeof createPaymentBodySchema>;
export type OrderFields = z.output<typeof orderFieldsSchema>;
