import { z } from "zod";
import { getOrder } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { checkoutBodySchema, eligibilityViewSchema } from "../checkouts/checkout-schema.ts";
import { createCheckout } from "../checkouts/create-checkout.ts";
import { dbOf } from "../db/bridge-db.ts";
import { defineMerchantOperation, type Operation, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import {
  cursorSchema,
  decodeCursor,
  encodeCursor,
  limitSchema,
  listBody,
  listSchema,
} from "../http/views.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { cancelPayment } from "./cancel-payment.ts";
import { listPayments } from "./list-payments.ts";
import { paymentView, paymentViewSchema } from "./payment-view.ts";
import { refundPayment } from "./refund-payment.ts";
import { refundView, refundViewSchema } from "./refund-view.ts";
import { reportOrderStatus } from "./report-order-status.ts";
import { reportShipment } from "./report-shipment.ts";

const paymentParams = z.object({ merchantRef: z.string(), paymentId: z.string() });
const checkoutSchema = z.object({
  object: z.literal("checkout"),
  redirect_url: z.string().nullable().describe("Send the customer here: Alma's hosted payment page"),
  payment: paymentViewSchema,
});
const refundAnswer = z.object({ refund: refundViewSchema, payment: paymentViewSchema });
const time = z.iso.datetime({ offset: true });

export function paymentOperations(ctx: BridgeContext): Operation[] {
  const notFound = (id: string) => problem("payment_not_found", `no payment ${id}`, { field: "paymentId" });
  return [
    defineMerchantOperation({
      id: "createCheckout",
      method: "post",
      path: "/v1/merchants/:merchantRef/checkouts",
      summary: "Eligible plans for a basket, or a payment on Alma's hosted page for a chosen plan",
      tag: "Checkouts",
      body: checkoutBodySchema,
      responses: {
        200: {
          description: "Without `plan`: the plans; with it, the existing checkout of this order",
          schema: z.union([eligibilityViewSchema, checkoutSchema]),
        },
        201: { description: "The payment and the URL to send the customer to", schema: checkoutSchema },
      },
      problems: [
        "currency_not_supported",
        "plan_not_allowed",
        "amount_below_minimum",
        "amount_above_maximum",
        "order_reference_conflict",
        "checkout_in_progress",
        "invalid_state",
        "alma_rejected",
        "alma_unavailable",
      ],
      handle: ({ merchant, body }) => createCheckout(ctx, merchant, body),
    }),
    defineMerchantOperation({
      id: "listPayments",
      method: "get",
      path: "/v1/merchants/:merchantRef/payments",
      summary: "Payments, newest first, with filters",
      tag: "Payments",
      query: z.object({
        limit: limitSchema,
        cursor: cursorSchema,
        status: z
          .string()
          .regex(/^[a-z_]+(,[a-z_]+)*$/)
          .optional()
          .describe("One status or several, comma-separated"),
        order_reference: z.string().optional(),
        created_gte: time.optional(),
        created_lt: time.optional(),
      }),
      responses: { 200: { description: "Payments", schema: listSchema(paymentViewSchema) } },
      async handle({ merchant, query }) {
        const db = dbOf(ctx.storage);
        const cursor = decodeCursor(query.cursor);
        const links = await listPayments(db, ctx.storage, merchant.id, {
          states: query.status?.split(","),
          orderReference: query.order_reference,
          createdFrom: query.created_gte ? Date.parse(query.created_gte) : undefined,
          createdTo: query.created_lt ? Date.parse(query.created_lt) : undefined,
          before: cursor,
          limit: query.limit + 1,
        });
        const body = listBody(links, query.limit, (l) => encodeCursor(l.createdAt, l.id));
        const ref = merchantRefOf(merchant);
        const data = await Promise.all(
          body.data.map(async (l) => paymentView(l, ref, await getOrder(db, merchant.id, l.id))),
        );
        return ok(200, { ...body, data });
      },
    }),
    defineMerchantOperation({
      id: "getPayment",
      method: "get",
      path: "/v1/merchants/:merchantRef/payments/:paymentId",
      summary: "One payment",
      tag: "Payments",
      params: paymentParams,
      responses: { 200: { description: "The payment", schema: paymentViewSchema } },
      problems: ["payment_not_found"],
      async handle({ merchant, params }) {
        const link = await ctx.storage.getPaymentLink(merchant.id, params.paymentId);
        if (!link) return notFound(params.paymentId);
        return ok(
          200,
          paymentView(link, merchantRefOf(merchant), await getOrder(dbOf(ctx.storage), merchant.id, link.id)),
        );
      },
    }),
    defineMerchantOperation({
      id: "refundPayment",
      method: "post",
      path: "/v1/merchants/:merchantRef/payments/:paymentId/refunds",
      summary: 'Refund part of a payment (an amount in cents), or all that is left ("full")',
      description:
        "Idempotent by `reference` and by Idempotency-Key. 202 when Alma's answer is pending: `payment.refunded` follows.",
      tag: "Payments",
      params: paymentParams,
      body: z.object({
        amount: z
          .union([z.literal("full"), z.int().positive()])
          .describe('Cents to refund, or "full" for all that is left; required, never implied'),
        reference: z
          .string()
          .min(1)
          .max(100)
          .optional()
          .describe("Your refund id; Alma's merchant_reference"),
        comment: z.string().max(500).optional(),
      }),
      responses: {
        200: { description: "This reference was already refunded", schema: refundAnswer },
        201: { description: "Refunded", schema: refundAnswer },
        202: { description: "Accepted; Alma's answer is pending", schema: refundAnswer },
      },
      problems: [
        "payment_not_found",
        "invalid_state",
        "refund_exceeds_refundable",
        "alma_rejected",
        "alma_unavailable",
      ],
      handle: ({ merchant, params, body }) =>
        refundPayment(ctx, merchant, {
          paymentId: params.paymentId,
          amount: body.amount,
          reference: body.reference,
          comment: body.comment,
        }),
    }),
    defineMerchantOperation({
      id: "listRefunds",
      method: "get",
      path: "/v1/merchants/:merchantRef/payments/:paymentId/refunds",
      summary: "The payment's refunds",
      tag: "Payments",
      params: paymentParams,
      responses: { 200: { description: "Refunds", schema: z.object({ data: z.array(refundViewSchema) }) } },
      problems: ["payment_not_found"],
      async handle({ merchant, params }) {
        const link = await ctx.storage.getPaymentLink(merchant.id, params.paymentId);
        if (!link) return notFound(params.paymentId);
        return ok(200, { data: (await ctx.storage.listRefunds(merchant.id, link.id)).map(refundView) });
      },
    }),
    defineMerchantOperation({
      id: "cancelPayment",
      method: "post",
      path: "/v1/merchants/:merchantRef/payments/:paymentId/cancel",
      summary: "Cancel a payment the customer has not paid (or a payment upon trigger not yet triggered)",
      tag: "Payments",
      params: paymentParams,
      responses: { 200: { description: "The cancelled payment", schema: paymentViewSchema } },
      problems: ["payment_not_found", "invalid_state", "alma_unavailable"],
      handle: ({ merchant, params }) => cancelPayment(ctx, merchant, params.paymentId),
    }),
    defineMerchantOperation({
      id: "reportOrderStatus",
      method: "post",
      path: "/v1/merchants/:merchantRef/payments/:paymentId/order-status",
      summary: "Forward the order's status (shipped…) to Alma; triggers a payment upon trigger when shipped",
      tag: "Payments",
      params: paymentParams,
      body: z.object({
        status: z.string().min(1).max(100).describe("Your status name, e.g. shipped"),
        is_shipped: z.boolean().nullable().default(null),
        trigger: z.boolean().optional().describe("Trigger now (default: when is_shipped is true)"),
      }),
      responses: {
        200: {
          description: "Forwarded",
          schema: z.object({ triggered: z.boolean(), payment: paymentViewSchema }),
        },
      },
      problems: ["payment_not_found", "invalid_state", "alma_rejected", "alma_unavailable"],
      handle: ({ merchant, params, body }) =>
        reportOrderStatus(ctx, merchant, {
          paymentId: params.paymentId,
          status: body.status,
          isShipped: body.is_shipped,
          trigger: body.trigger,
        }),
    }),
    defineMerchantOperation({
      id: "reportShipment",
      method: "post",
      path: "/v1/merchants/:merchantRef/payments/:paymentId/shipments",
      summary: "Tell Alma a parcel of the order left, with its carrier and tracking number",
      description:
        "Sent to Alma as a shipment of the payment's order, as Alma's own shop plugins do. Send one call per parcel; sending the same parcel again is harmless. The order's status (and a payment upon trigger) is reported with order-status.",
      tag: "Payments",
      params: paymentParams,
      body: z.object({
        carrier: z.string().trim().min(1).max(200).describe("The carrier's name, e.g. Colissimo"),
        tracking_number: z.string().trim().min(1).max(200),
        tracking_url: z
          .url({ protocol: /^https?$/ })
          .max(2000)
          .optional()
          .describe("Where the customer follows the parcel"),
      }),
      responses: {
        200: {
          description: "Sent to Alma",
          schema: z.object({
            shipment: z.object({
              carrier: z.string(),
              tracking_number: z.string(),
              tracking_url: z.string().nullable(),
            }),
            payment: paymentViewSchema,
          }),
        },
      },
      problems: ["payment_not_found", "invalid_state", "alma_rejected", "alma_unavailable"],
      handle: ({ merchant, params, body }) =>
        reportShipment(ctx, merchant, {
          paymentId: params.paymentId,
          carrier: body.carrier,
          trackingNumber: body.tracking_number,
          trackingUrl: body.tracking_url,
        }),
    }),
  ];
}
