import { z } from "zod";

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000);
const text = (max: number) => z.string().max(max);

export const addressSchema = z.object({
  first_name: text(100).optional(),
  last_name: text(100).optional(),
  company: text(200).optional(),
  line1: text(200).optional(),
  line2: text(200).optional(),
  postal_code: text(20).optional(),
  city: text(100).optional(),
  state_province: text(100).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code in capitals, e.g. FR")
    .optional(),
  email: z.email().optional(),
  phone: text(30).optional(),
});

export const itemSchema = z.object({
  sku: text(100).optional(),
  title: text(300),
  quantity: z.int().positive(),
  unit_price: z.int().nonnegative().describe("Cents"),
  line_price: z.int().nonnegative().describe("Cents"),
  categories: z.array(text(100)).max(20).optional(),
  url: httpUrl.optional(),
  picture_url: httpUrl.optional(),
  requires_shipping: z.boolean().optional(),
});

/** A platform-neutral order: whatever the agency's shop is, this is what it sends. */
export const checkoutBodySchema = z.object({
  order_reference: z
    .string()
    .min(1)
    .max(200)
    .describe("The agency's order reference; one checkout per reference"),
  amount: z.int().positive().max(100_000_000).describe("Total to pay, in cents"),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, "an ISO 4217 code")
    .describe("EUR"),
  plan: z
    .string()
    .optional()
    .describe(
      "Alma plan key (general_3_0_0…). Without it the answer lists the plans the basket is eligible to",
    ),
  payment_upon_trigger: z
    .boolean()
    .default(false)
    .describe("Charge nothing until the order ships (order-status with is_shipped)"),
  customer: z
    .object({
      first_name: text(100).optional(),
      last_name: text(100).optional(),
      email: z.email().optional(),
      phone: text(30).optional(),
    })
    .optional(),
  billing_address: addressSchema.optional(),
  shipping_address: addressSchema.optional(),
  items: z.array(itemSchema).max(500).optional(),
  return_url: httpUrl.describe("Where the customer lands after paying (we add payment_id and status)"),
  cancel_url: httpUrl.describe("Where the customer lands after giving up or being refused"),
  locale: z
    .string()
    .regex(/^[a-z]{2}([_-][A-Za-z]{2})?$/)
    .optional(),
  expires_after_minutes: z
    .int()
    .min(1)
    .max(43_200)
    .optional()
    .describe("How long the customer may pay (default 120); an unpaid checkout then expires"),
  metadata: z
    .record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
    .refine((m) => Object.keys(m).length <= 50, "at most 50 keys")
    .optional()
    .describe("Echoed in the payment and every webhook"),
});
export type CheckoutBody = z.infer<typeof checkoutBodySchema>;

export const eligiblePlanSchema = z.object({
  plan: z.string(),
  eligible: z.boolean(),
  installments_count: z.int(),
  deferred_days: z.int(),
  deferred_months: z.int(),
  payment_upon_trigger_available: z.boolean(),
  customer_fee: z.int().nullable(),
  customer_total_cost_amount: z.int().nullable(),
  annual_interest_rate: z.number().nullable().describe("Basis points"),
  instalments: z.array(
    z.object({ due_date: z.string(), amount: z.int(), purchase_amount: z.int(), customer_fee: z.int() }),
  ),
  constraints: z.record(z.string(), z.unknown()).nullable(),
});

export const eligibilityViewSchema = z.object({
  object: z.literal("eligibility"),
  amount: z.int(),
  currency: z.string(),
  plans: z.array(eligiblePlanSchema),
});
