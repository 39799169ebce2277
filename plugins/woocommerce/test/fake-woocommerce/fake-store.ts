import { randomBytes } from "node:crypto";
import { formatCents, tryParseAmountToCents } from "@alma-suite/core";
import {
  emptyAddress,
  type FakeAddress,
  type FakeGateway,
  type FakeNote,
  type FakeOrder,
  type FakeRefund,
  type FakeWebhook,
  orderTotalCents,
  type RestResult,
  restError,
  STATUS_LABELS,
} from "./fake-model.ts";

export interface NewFakeOrder {
  status?: string;
  currency?: string;
  paymentMethod?: string;
  paymentMethodTitle?: string;
  /** One line item of this price, when `lineItems` is not given. */
  totalCents?: number;
  lineItems?: { name: string; quantity: number; unitCents: number; sku?: string }[];
  shippingCents?: number;
  billing?: Partial<FakeAddress>;
  shipping?: Partial<FakeAddress>;
  customerNote?: string;
  createdVia?: string;
}

export interface OrderUpdate {
  status?: string;
  set_paid?: boolean;
  transaction_id?: string;
  payment_method?: string;
  payment_method_title?: string;
  customer_note?: string;
  meta_data?: { id?: number; key: string; value: unknown }[];
}

export interface RefundRequest {
  amount?: string;
  reason?: string;
  api_refund?: boolean;
  line_items?: { refund_total?: string | number }[];
  meta_data?: { key: string; value: unknown }[];
  refunded_by?: number;
}

export type HookEvent = {
  resource: "order";
  event: "created" | "updated" | "deleted" | "restored";
  orderId: number;
};

const PAID = new Set(["processing", "completed"]);

/**
 * The WooCommerce behaviour the connector depends on, in memory: order CRUD with set_paid /
 * payment_complete, date_paid on the first move to processing or completed, status-change notes,
 * refunds that validate their amount, call the order's PHP gateway when `api_refund` is true and
 * move a fully refunded order to `refunded` (and a move to `refunded` refunding the rest, as
 * wc_order_fully_refunded does). Refund ids share the order id sequence, as posts do.
 */
export class FakeStore {
  readonly orders = new Map<number, FakeOrder>();
  readonly refunds = new Map<number, FakeRefund[]>();
  readonly notes = new Map<number, FakeNote[]>();
  readonly webhooks = new Map<number, FakeWebhook>();
  readonly gateways = new Map<string, FakeGateway>();
  readonly #listeners: ((event: HookEvent) => void)[] = [];
  /** Ids of orders neither trashed nor deleted, ascending; rebuilt only after a deletion. */
  #liveIds: number[] | undefined = [];
  #nextPost = 1000;
  #nextNote = 1;
  #nextWebhook = 1;
  #nextLine = 1;
  readonly now: () => Date;

  constructor(now: () => Date = () => new Date()) {
    this.now = now;
  }

  onHook(listener: (event: HookEvent) => void): void {
    this.#listeners.push(listener);
  }

  createOrder(input: NewFakeOrder): FakeOrder {
    const now = this.#now();
    const items = input.lineItems ?? [
      { name: "Fauteuil Lounge", quantity: 1, unitCents: input.totalCents ?? 45000 },
    ];
    const order: FakeOrder = {
      id: this.#nextPost++,
      order_key: `wc_order_${randomBytes(7).toString("base64url").replace(/[-_]/g, "x")}`,
      status: "checkout-draft",
      currency: input.currency ?? "EUR",
      payment_method: input.paymentMethod ?? "",
      payment_method_title: input.paymentMethodTitle ?? "",
      transaction_id: "",
      customer_note: input.customerNote ?? "",
      created_via: input.createdVia ?? "checkout",
      billing: { ...emptyAddress(), email: "", ...input.billing },
      shipping: { ...emptyAddress(), ...input.shipping },
      line_items: items.map((item, index) => ({
        id: this.#nextLine++,
        name: item.name,
        product_id: 500 + index,
        quantity: item.quantity,
        unitCents: item.unitCents,
        sku: item.sku ?? `SKU-${500 + index}`,
      })),
      shippingCents: input.shippingCents ?? 0,
      dateCreated: now,
      dateModified: now,
      datePaid: null,
      dateCompleted: null,
      meta: [],
      paidTransitions: 0,
    };
    this.orders.set(order.id, order);
    this.#liveIds?.push(order.id);
    this.#setStatus(order, input.status ?? "pending", false);
    this.#emit("created", order.id);
    return order;
  }

  /** `PUT /orders/{id}` (or an admin saving the order): status is applied on save, set_paid after it. */
  updateOrder(id: number, update: OrderUpdate): RestResult<FakeOrder> {
    const order = this.orders.get(id);
    // WC_REST_CRUD_Controller::update_item answers an unknown id with 400 (get_item with 404).
    if (!order) return restError(400, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
    if (update.status !== undefined && !(update.status in STATUS_LABELS)) {
      return restError(400, "rest_invalid_param", "Invalid parameter(s): status");
    }
    if (update.transaction_id !== undefined) order.transaction_id = update.transaction_id;
    if (update.payment_method !== undefined) order.payment_method = update.payment_method;
    if (update.payment_method_title !== undefined) order.payment_method_title = update.payment_method_title;
    if (update.customer_note !== undefined) order.customer_note = update.customer_note;
    for (const meta of update.meta_data ?? [])
      this.#upsertMeta(order, meta.key, metaValue(meta.value), meta.id);
    if (update.status !== undefined) this.#setStatus(order, update.status, true);
    if (update.set_paid === true && this.needsPayment(order))
      this.#paymentComplete(order, update.transaction_id);
    order.dateModified = this.#now();
    this.#emit("updated", order.id);
    return { ok: true, value: order };
  }

  deleteOrder(id: number, force: boolean): RestResult<FakeOrder> {
    const order = this.orders.get(id);
    if (!order) return restError(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.");
    if (force) this.orders.delete(id);
    else order.status = "trash";
    this.#liveIds = undefined;
    this.#emit("deleted", id);
    return { ok: true, value: order };
  }

  liveOrderIds(): readonly number[] {
    this.#liveIds ??= [...this.orders.values()].filter((o) => o.status !== "trash").map((o) => o.id);
    return this.#liveIds;
  }

  needsPayment(order: FakeOrder): boolean {
    return (order.status === "pending" || order.status === "failed") && orderTotalCents(order) > 0;
  }

  refundedCents(orderId: number): number {
    return (this.refunds.get(orderId) ?? []).reduce((sum, r) => sum + r.amountCents, 0);
  }

  /** `POST /orders/{id}/refunds`, i.e. wc_create_refund then, for api_refund, wc_refund_payment. */
  async createRefund(orderId: number, request: RefundRequest): Promise<RestResult<FakeRefund>> {
    const order = this.orders.get(orderId);
    if (!order) return restError(404, "woocommerce_rest_invalid_order_id", "Invalid order ID.");
    const amountCents = refundAmount(request);
    if (amountCents === null || amountCents <= 0) {
      return restError(
        400,
        "woocommerce_rest_invalid_order_refund",
        "Refund amount must be greater than zero.",
      );
    }
    const remaining = orderTotalCents(order) - this.refundedCents(orderId);
    if (amountCents > remaining) {
      return restError(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.");
    }
    const refund = this.#addRefund(order, amountCents, request);
    if (request.api_refund ?? true) {
      const gateway = this.gateways.get(order.payment_method);
      const failure = !gateway
        ? "The payment gateway for this order does not exist."
        : !gateway.supportsRefunds
          ? "The payment gateway for this order does not support automatic refunds."
          : await gateway
              .processRefund({ order, refund, amount: formatCents(amountCents), reason: refund.reason })
              .then(
                (r) => (r === true ? undefined : r),
                (e: unknown) => String(e),
              );
      if (failure !== undefined) {
        this.refunds.set(
          orderId,
          (this.refunds.get(orderId) ?? []).filter((r) => r.id !== refund.id),
        );
        return restError(500, "woocommerce_rest_cannot_create_order_refund", failure);
      }
      refund.refundedPayment = true;
    }
    if (this.refundedCents(orderId) === orderTotalCents(order)) this.#setStatus(order, "refunded", false);
    order.dateModified = this.#now();
    this.#emit("updated", orderId);
    return { ok: true, value: refund };
  }

  deleteRefund(orderId: number, refundId: number): RestResult<FakeRefund> {
    const list = this.refunds.get(orderId) ?? [];
    const refund = list.find((r) => r.id === refundId);
    if (!refund) return restError(404, "woocommerce_rest_invalid_id", "Invalid resource ID.");
    this.refunds.set(
      orderId,
      list.filter((r) => r.id !== refundId),
    );
    this.#emit("updated", orderId);
    return { ok: true, value: refund };
  }

  addNote(orderId: number, note: string, customerNote: boolean, addedByUser = false): FakeNote {
    const entry: FakeNote = {
      id: this.#nextNote++,
      orderId,
      note,
      customerNote,
      addedByUser,
      dateCreated: this.#now(),
    };
    this.notes.set(orderId, [entry, ...(this.notes.get(orderId) ?? [])]);
    return entry;
  }

  createWebhook(
    input: Omit<FakeWebhook, "id" | "failureCount" | "dateCreated" | "dateModified">,
  ): FakeWebhook {
    const now = this.#now();
    const webhook: FakeWebhook = {
      ...input,
      id: this.#nextWebhook++,
      failureCount: 0,
      dateCreated: now,
      dateModified: now,
    };
    this.webhooks.set(webhook.id, webhook);
    return webhook;
  }

  #setStatus(order: FakeOrder, to: string, manual: boolean): void {
    const from = order.status;
    if (from === to) return;
    order.status = to;
    if (to === "trash" || from === "trash") this.#liveIds = undefined;
    if (PAID.has(to) && !PAID.has(from) && from !== "refunded") order.paidTransitions += 1;
    if (PAID.has(to) && order.datePaid === null) order.datePaid = this.#now();
    if (to === "completed") order.dateCompleted = this.#now();
    if (from !== "checkout-draft") {
      this.addNote(
        order.id,
        `Order status changed from ${STATUS_LABELS[from] ?? from} to ${STATUS_LABELS[to] ?? to}.`,
        false,
      );
    }
    // wc_order_fully_refunded: moving an order to refunded by hand records a refund of the rest.
    const rest = orderTotalCents(order) - this.refundedCents(order.id);
    if (manual && to === "refunded" && rest > 0) {
      this.#addRefund(order, rest, {
        reason:
          "Order status set to refunded. To return funds to the customer you will need to issue a refund through your payment gateway.",
      });
    }
  }

  #paymentComplete(order: FakeOrder, transactionId: string | undefined): void {
    if (transactionId) order.transaction_id = transactionId;
    order.datePaid ??= this.#now();
    this.#setStatus(order, "processing", false);
  }

  #addRefund(order: FakeOrder, amountCents: number, request: RefundRequest): FakeRefund {
    const refund: FakeRefund = {
      id: this.#nextPost++,
      orderId: order.id,
      amountCents,
      reason: request.reason ?? "",
      refundedPayment: false,
      refundedBy: request.refunded_by ?? 1,
      dateCreated: this.#now(),
      meta: (request.meta_data ?? []).map((m, i) => ({ id: 9000 + i, key: m.key, value: String(m.value) })),
    };
    this.refunds.set(order.id, [refund, ...(this.refunds.get(order.id) ?? [])]);
    return refund;
  }

  #upsertMeta(order: FakeOrder, key: string, value: string | object, id?: number): void {
    const existing = order.meta.find((m) => (id !== undefined ? m.id === id : m.key === key));
    if (existing) existing.value = value;
    else order.meta.push({ id: 7000 + order.meta.length, key, value });
  }

  #emit(event: HookEvent["event"], orderId: number): void {
    for (const listener of this.#listeners) listener({ resource: "order", event, orderId });
  }

  #now(): Date {
    const now = this.now();
    return new Date(Math.floor(now.getTime() / 1000) * 1000);
  }
}

function refundAmount(request: RefundRequest): number | null {
  if (request.amount === undefined) {
    if (!request.line_items?.length) return null;
    let sum = 0;
    for (const item of request.line_items) {
      const parsed = tryParseAmountToCents(String(item.refund_total ?? "0"));
      if (!parsed.ok) return null;
      sum += parsed.cents;
    }
    return sum;
  }
  const parsed = tryParseAmountToCents(request.amount, { allowNegative: true });
  return parsed.ok ? parsed.cents : null;
}

/** WordPress keeps scalar meta as text and serializes arrays, which the REST API returns as JSON. */
function metaValue(value: unknown): string | object {
  return typeof value === "object" && value !== null ? value : String(value);
}
