import { formatCents } from "@alma-suite/core";
import type { FakeNote, FakeOrder, FakeRefund, FakeWebhook } from "./fake-model.ts";
import { orderTotalCents } from "./fake-model.ts";

/** WordPress's REST date format: site-local, no zone (the fake's site runs on UTC). */
export function wpDate(date: Date | null): string | null {
  return date ? date.toISOString().slice(0, 19) : null;
}

const money = (cents: number) => formatCents(cents);

/** `GET /wc/v3/orders/{id}` (and order webhook payloads), field for field as documented. */
export function orderJson(
  order: FakeOrder,
  refunds: readonly FakeRefund[],
  homeUrl: string,
): Record<string, unknown> {
  const total = orderTotalCents(order);
  const needsPayment = (order.status === "pending" || order.status === "failed") && total > 0;
  return {
    id: order.id,
    parent_id: 0,
    status: order.status,
    currency: order.currency,
    version: "9.8.0",
    prices_include_tax: false,
    date_created: wpDate(order.dateCreated),
    date_modified: wpDate(order.dateModified),
    discount_total: "0.00",
    discount_tax: "0.00",
    shipping_total: money(order.shippingCents),
    shipping_tax: "0.00",
    cart_tax: "0.00",
    total: money(total),
    total_tax: "0.00",
    customer_id: 0,
    order_key: order.order_key,
    billing: order.billing,
    shipping: order.shipping,
    payment_method: order.payment_method,
    payment_method_title: order.payment_method_title,
    transaction_id: order.transaction_id,
    customer_ip_address: "192.0.2.10",
    customer_user_agent: "Mozilla/5.0",
    created_via: order.created_via,
    customer_note: order.customer_note,
    date_completed: wpDate(order.dateCompleted),
    date_paid: wpDate(order.datePaid),
    cart_hash: "",
    number: String(order.id),
    meta_data: order.meta,
    line_items: order.line_items.map((item) => ({
      id: item.id,
      name: item.name,
      product_id: item.product_id,
      variation_id: 0,
      quantity: item.quantity,
      tax_class: "",
      subtotal: money(item.unitCents * item.quantity),
      subtotal_tax: "0.00",
      total: money(item.unitCents * item.quantity),
      total_tax: "0.00",
      taxes: [],
      meta_data: [],
      sku: item.sku,
      price: item.unitCents / 100,
      image: { id: "", src: "" },
      parent_name: null,
    })),
    tax_lines: [],
    shipping_lines: order.shippingCents
      ? [
          {
            id: 1,
            method_title: "Colissimo",
            method_id: "flat_rate",
            instance_id: "1",
            total: money(order.shippingCents),
            total_tax: "0.00",
            taxes: [],
            meta_data: [],
          },
        ]
      : [],
    fee_lines: [],
    coupon_lines: [],
    refunds: refunds.map((r) => ({ id: r.id, reason: r.reason, total: money(-r.amountCents) })),
    payment_url: `${homeUrl}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.order_key}`,
    is_editable: order.status === "pending" || order.status === "on-hold" || order.status === "auto-draft",
    needs_payment: needsPayment,
    needs_processing: true,
    date_created_gmt: wpDate(order.dateCreated),
    date_modified_gmt: wpDate(order.dateModified),
    date_completed_gmt: wpDate(order.dateCompleted),
    date_paid_gmt: wpDate(order.datePaid),
    currency_symbol: order.currency === "EUR" ? "€" : order.currency,
    _links: {
      self: [{ href: `${homeUrl}/wp-json/wc/v3/orders/${order.id}` }],
      collection: [{ href: `${homeUrl}/wp-json/wc/v3/orders` }],
    },
  };
}

export function refundJson(refund: FakeRefund, homeUrl: string): Record<string, unknown> {
  return {
    id: refund.id,
    date_created: wpDate(refund.dateCreated),
    date_created_gmt: wpDate(refund.dateCreated),
    amount: money(refund.amountCents),
    reason: refund.reason,
    refunded_by: refund.refundedBy,
    refunded_payment: refund.refundedPayment,
    meta_data: refund.meta,
    line_items: [],
    shipping_lines: [],
    tax_lines: [],
    fee_lines: [],
    _links: {
      self: [{ href: `${homeUrl}/wp-json/wc/v3/orders/${refund.orderId}/refunds/${refund.id}` }],
      up: [{ href: `${homeUrl}/wp-json/wc/v3/orders/${refund.orderId}` }],
    },
  };
}

export function noteJson(note: FakeNote): Record<string, unknown> {
  return {
    id: note.id,
    author: note.addedByUser ? "admin" : "system",
    date_created: wpDate(note.dateCreated),
    date_created_gmt: wpDate(note.dateCreated),
    note: note.note,
    customer_note: note.customerNote,
  };
}

export function webhookJson(webhook: FakeWebhook): Record<string, unknown> {
  const [resource, event] = webhook.topic.split(".");
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    resource,
    event,
    hooks: [],
    delivery_url: webhook.delivery_url,
    date_created: wpDate(webhook.dateCreated),
    date_created_gmt: wpDate(webhook.dateCreated),
    date_modified: wpDate(webhook.dateModified),
    date_modified_gmt: wpDate(webhook.dateModified),
  };
}
