import { z } from "zod";
import { parseInput } from "./check-schema.ts";
import { pathSegment } from "./path-segment.ts";
import type { RequestSender } from "./request-sender.ts";
import {
  type Order,
  type OrderPage,
  orderListSchema,
  orderPageSchema,
  orderSchema,
} from "./schemas/order.ts";
import {
  type OrderInput,
  type OrderUpdateInput,
  orderInputSchema,
  orderUpdateInputSchema,
  type ShipmentInput,
  shipmentInputSchema,
} from "./schemas/payment-create-input.ts";

export interface OrderStatusUpdate {
  /** The shop's own status name, e.g. `shipped`. */
  status: string;
  /** null when the shop cannot tell. */
  isShipped: boolean | null;
}

export interface OrderListFilter {
  limit?: number;
  /** The id of the last order of the previous page. */
  startingAfter?: string;
}

/**
 * The merchant orders attached to payments: per payment (`/v1/payments/{id}/orders`) and by the
 * order's own id (`/v1/orders`, `/v2/orders/{id}/shipment`), as Alma's plugins use them.
 */
export class OrdersResource {
  readonly #sender: RequestSender;

  constructor(sender: RequestSender) {
    this.#sender = sender;
  }

  /**
   * Appends an order. PUT, but not idempotent: resending appends a second copy. So a lost
   * response is recovered by listing the orders and looking for this merchant_reference.
   */
  async add(paymentId: string, order: OrderInput): Promise<Order[]> {
    const body = parseInput(orderInputSchema, order, "order");
    return this.#sender.send({
      method: "PUT",
      path: ordersPath(paymentId),
      body: { order: body },
      schema: orderListSchema,
      label: "orders",
      idempotent: false,
      recover: async () => {
        const orders = await this.list(paymentId);
        return orders.some((o) => o.merchant_reference === body.merchant_reference) ? orders : undefined;
      },
    });
  }

  async list(paymentId: string): Promise<Order[]> {
    return this.#sender.send({
      method: "GET",
      path: ordersPath(paymentId),
      schema: orderListSchema,
      label: "orders",
    });
  }

  /** Sets the order's status to a value; sending it twice is harmless, hence idempotent. */
  async updateStatus(paymentId: string, merchantReference: string, update: OrderStatusUpdate): Promise<void> {
    await this.#sender.send({
      method: "POST",
      path: `${ordersPath(paymentId)}/${pathSegment(merchantReference, "merchantReference")}/status`,
      body: { status: update.status, is_shipped: update.isShipped },
      schema: z.unknown(),
      label: "order status",
      idempotent: true,
    });
  }

  /** One page of the merchant's orders (`GET /v1/orders`), newest first. */
  async listMerchantOrders(filter: OrderListFilter = {}): Promise<OrderPage> {
    const { limit, startingAfter } = parseInput(orderListFilterSchema, filter, "order list filter");
    return this.#sender.send({
      method: "GET",
      path: "/v1/orders",
      query: { limit: limit?.toString(), starting_after: startingAfter },
      schema: orderPageSchema,
      label: "orders",
    });
  }

  /** Every order of the merchant, page after page. */
  async *listAllMerchantOrders(filter: OrderListFilter = {}): AsyncGenerator<Order, void, undefined> {
    let startingAfter = filter.startingAfter;
    for (;;) {
      const page = await this.listMerchantOrders({ ...filter, startingAfter });
      yield* page.data;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      startingAfter = last.id;
    }
  }

  async fetch(orderId: string): Promise<Order> {
    return this.#sender.send({
      method: "GET",
      path: orderPath(orderId),
      schema: orderSchema,
      label: "order",
    });
  }

  /** Changes the order's fields (PUT, as Alma's newer clients do); the same change twice is harmless. */
  async update(orderId: string, fields: OrderUpdateInput): Promise<Order> {
    const body = parseInput(orderUpdateInputSchema, fields, "order");
    return this.#sender.send({
      method: "PUT",
      path: orderPath(orderId),
      body,
      schema: orderSchema,
      label: "order",
    });
  }

  /**
   * Tells Alma the order was shipped, with its tracking (`POST /v2/orders/{id}/shipment`). Sending
   * the same tracking again only sets it again, hence idempotent. Alma's clients ignore the answer.
   */
  async addShipment(orderId: string, shipment: ShipmentInput): Promise<void> {
    const { carrier, trackingNumber, trackingUrl } = parseInput(shipmentInputSchema, shipment, "shipment");
    await this.#sender.send({
      method: "POST",
      path: `/v2/orders/${pathSegment(orderId, "orderId")}/shipment`,
      body: { carrier, tracking_number: trackingNumber, tracking_url: trackingUrl ?? null },
      schema: z.unknown(),
      label: "shipment",
      idempotent: true,
    });
  }
}

const orderListFilterSchema = z.object({
  limit: z.int().positive().max(100).optional(),
  startingAfter: z.string().min(1).optional(),
});

function ordersPath(paymentId: string): string {
  return `/v1/payments/${pathSegment(paymentId, "paymentId")}/orders`;
}

function orderPath(orderId: string): string {
  return `/v1/orders/${pathSegment(orderId, "orderId")}`;
}
