import type { Translator } from "@alma-suite/core";
import { PAYMENT_STATES, type PaymentState } from "@alma-suite/core/storage";

/** The demo order follows the bridge payment's status, which is core's payment state. */
export const ORDER_STATUSES = PAYMENT_STATES;
export type OrderStatus = PaymentState;

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

const OPEN: readonly OrderStatus[] = ["pending", "authorized"];
const PROGRESS: readonly OrderStatus[] = ["pending", "authorized", "paid", "partially_refunded", "refunded"];

/**
 * Whether news about a payment may move the order: only forward. Webhooks and customer returns
 * arrive in any order (a retried `payment.accepted` after the refund), so a step back is news
 * that is already out of date, not a change.
 */
export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  if (from === to) return false;
  if (to === "refused" || to === "cancelled" || to === "expired") return OPEN.includes(from);
  if (to === "fraud_suspected") return OPEN.includes(from) || from === "paid";
  const a = PROGRESS.indexOf(from);
  return a !== -1 && PROGRESS.indexOf(to) > a;
}

export interface StatusNotice {
  label: string;
  message: string;
  tone: "good" | "bad" | "wait";
}

const TONE: Record<OrderStatus, StatusNotice["tone"]> = {
  pending: "wait",
  authorized: "good",
  paid: "good",
  partially_refunded: "good",
  refunded: "good",
  refused: "bad",
  cancelled: "bad",
  expired: "bad",
  fraud_suspected: "wait",
};

/** What the customer reads on the order page for each status, in their language. */
export function statusNotice(status: OrderStatus, text: Translator): StatusNotice {
  return {
    label: text.t(`status.${status}.label`),
    message: text.t(`status.${status}.message`),
    tone: TONE[status],
  };
}

/**
 * Back through Alma's failure link (3-D Secure failed, insufficient funds): the order was closed
 * before anything was charged, and the customer can try again at once.
 */
export function attemptFailedNotice(text: Translator): StatusNotice {
  return {
    label: text.t("status.attemptFailed.label"),
    message: text.t("status.attemptFailed.message"),
    tone: "bad",
  };
}
