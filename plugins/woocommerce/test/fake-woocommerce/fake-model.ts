import type { RestError } from "./fake-auth.ts";

export interface FakeAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface FakeLineItem {
  id: number;
  name: string;
  product_id: number;
  quantity: number;
  unitCents: number;
  sku: string;
}

export interface FakeMeta {
  id: number;
  key: string;
  /** Scalars are stored as text; arrays and objects (a plugin's serialized meta) come back as JSON. */
  value: string | object;
}

export interface FakeOrder {
  id: number;
  order_key: string;
  status: string;
  currency: string;
  payment_method: string;
  payment_method_title: string;
  transaction_id: string;
  customer_note: string;
  created_via: string;
  billing: FakeAddress;
  shipping: FakeAddress;
  line_items: FakeLineItem[];
  shippingCents: number;
  dateCreated: Date;
  dateModified: Date;
  datePaid: Date | null;
  dateCompleted: Date | null;
  meta: FakeMeta[];
  /** How many times the order went from unpaid to paid (processing/completed): never more than 1 if all is well. */
  paidTransitions: number;
}

export interface FakeRefund {
  id: number;
  orderId: number;
  amountCents: number;
  reason: string;
  refundedPayment: boolean;
  refundedBy: number;
  dateCreated: Date;
  meta: FakeMeta[];
}

export interface FakeNote {
  id: number;
  orderId: number;
  note: string;
  customerNote: boolean;
  addedByUser: boolean;
  dateCreated: Date;
}

export interface FakeWebhook {
  id: number;
  name: string;
  status: "active" | "paused" | "disabled";
  topic: string;
  delivery_url: string;
  secret: string;
  failureCount: number;
  dateCreated: Date;
  dateModified: Date;
}

/** A PHP payment gateway as WooCommerce sees it when a refund asks for `api_refund` (wc_refund_payment). */
export interface FakeGateway {
  supportsRefunds: boolean;
  /** true, or an error message (WooCommerce then deletes the refund and answers 500). */
  processRefund(input: {
    order: FakeOrder;
    refund: FakeRefund;
    amount: string;
    reason: string;
  }): Promise<true | string>;
}

export type RestResult<T> = { ok: true; value: T } | { ok: false; error: RestError };

export const restError = (
  status: number,
  code: string,
  message: string,
): { ok: false; error: RestError } => ({
  ok: false,
  error: { status, code, message },
});

export const STATUS_LABELS: Record<string, string> = {
  pending: "Pending payment",
  processing: "Processing",
  "on-hold": "On hold",
  completed: "Completed",
  cancelled: "Cancelled",
  refunded: "Refunded",
  failed: "Failed",
  "checkout-draft": "Draft",
  trash: "Trash",
};

export function emptyAddress(): FakeAddress {
  return {
    first_name: "",
    last_name: "",
    company: "",
    address_1: "",
    address_2: "",
    city: "",
    state: "",
    postcode: "",
    country: "",
    phone: "",
  };
}

export function orderTotalCents(order: FakeOrder): number {
  return (
    order.line_items.reduce((sum, item) => sum + item.unitCents * item.quantity, 0) + order.shippingCents
  );
}
