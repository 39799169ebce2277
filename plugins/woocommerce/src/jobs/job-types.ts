import { jobType } from "@alma-suite/core/storage";
import { z } from "zod";

/** Re-reads one WooCommerce order and acts on what changed (webhook hint or reconciliation). */
export const ORDER_EVENT_JOB = "woocommerce:order-event";
/** Creates the Alma payment of a pay-by-link order and e-mails its link, once per order. */
export const PAY_LINK_JOB = "woocommerce:pay-link";
/** Refunds one recorded WooCommerce refund at Alma, once. */
export const REFUND_JOB = "woocommerce:refund";
/** Reconciles one store, once per period (a periodic task: reconcile/store-reconciliation.ts). */
export const RECONCILE_JOB = "woocommerce:reconcile";

export const orderJobPayload = z.object({ tenantId: z.string(), orderId: z.int().positive() });
export const refundJobPayload = z.object({ tenantId: z.string(), refundId: z.string() });

export type OrderJobPayload = z.infer<typeof orderJobPayload>;
export type RefundJobPayload = z.infer<typeof refundJobPayload>;

export const orderEventJobType = jobType(ORDER_EVENT_JOB, orderJobPayload);
export const payLinkJobType = jobType(PAY_LINK_JOB, orderJobPayload);
export const refundJobType = jobType(REFUND_JOB, refundJobPayload);
