import { z } from "zod";
import { parseInput } from "./check-schema.ts";
import { pathSegment } from "./path-segment.ts";
import type { RequestSender } from "./request-sender.ts";
import { type Order, orderListSchema } from "./schemas/order.ts";
import { type OrderInput, orderInputSchema } from "./schemas/payment-create-input.ts";

export interface OrderStatusUpdate {
  /** The shop's own status name, e.g. `shipped`. */
  status: string;
  /** null when the shop cannot tell. */
  isShipped: boolean | null;
}

/** The merchant orders attached to a payment (`/v1/payments/{id}/orders`). */
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
}

function ordersPath(paymentId: string): string {
  return `/v1/payments/${pathSegment(paymentId, "paymentId")}/orders`;
}
