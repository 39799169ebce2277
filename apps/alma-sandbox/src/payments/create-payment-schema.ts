import { z } from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const json = z.json();
const jsonObject = z.record(z.string(), json);

// Alma's clients send null for the optional address fields they do not know (line2, company…).
const text = z.string().nullish();
const address = z.looseObject({
  first_name: text,
  last_name: text,
  company: text,
  line1: text,
  line2: text,
  postal_code: text,
  city: text,
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, "must be an ISO 3166-1 alpha-2 code")
    .nullish(),
  email: text,
  phone: text,
});

/** Free JSON object; `[]` is how PHP encodes an empty array, so it is read as `{}`. */
export const orderDataSchema = z.union([jsonObject, z.tuple([]).transform(() => ({}))]);

export const paymentFieldsSchema = z.looseObject({
  purchase_amount: z.int().positive(),
  installments_count: z.int().min(1).max(12).default(3),
  deferred_days: z.int().nonnegative().default(0),
  deferred_months: z.int().nonnegative().default(0),
  deferred: z.literal("trigger").nullish(),
  deferred_description: z.string().max(200).nullish(),
  return_url: httpUrl.nullish(),
  ipn_callback_url: httpUrl.nullish(),
  customer_cancel_url: httpUrl.nullish(),
  failure_return_url: httpUrl.nullish(),
  locale: z.string().max(10).nullish(),
  expires_after: z
    .int()
    .positive()
    .max(60 * 24 * 30)
    .nullish(),
  custom_data: json.nullish(),
  origin: z.string().max(50).nullish(),
  billing_address: address.nullish(),
  shipping_address: address.nullish(),
  cart: z.looseObject({ items: z.array(z.looseObject({ title: z.string().nullish() })).nullish() }).nullish(),
});

export const orderFieldsSchema = z.looseObject({
  merchant_reference: z.string().min(1).max(200),
  merchant_url: z.string().nullish(),
  customer_url: z.string().nullish(),
  comment: z.string().nullish(),
  data: orderDataSchema.nullish(),
});

const customerFields = z.looseObject({
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  birth_date: text,
  is_business: z.boolean().nullish(),
  addresses: z.array(address).nullish(),
});

/** `POST /v1/payments`: `{payment, order?, customer?}`. */
export const createPaymentBodySchema = z.object({
  payment: paymentFieldsSchema,
  order: orderFieldsSchema.nullish(),
  customer: customerFields.nullish(),
});

export type CreatePaymentBody = z.output<typeof createPaymentBodySchema>;
export type OrderFields = z.output<typeof orderFieldsSchema>;
