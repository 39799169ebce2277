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

/** What the customer reads on the order page for each status. */
export function statusNotice(status: OrderStatus): StatusNotice {
  switch (status) {
    case "pending":
      return {
        label: "Awaiting payment",
        message: "We have not heard from Alma about this payment yet.",
        tone: "wait",
      };
    case "authorized":
      return {
        label: "Authorised",
        message: "Alma approved the payment; it is charged when the order ships.",
        tone: "good",
      };
    case "paid":
      return {
        label: "Paid",
        message: "Thank you! Alma accepted your payment and your order is confirmed.",
        tone: "good",
      };
    case "partially_refunded":
      return {
        label: "Partially refunded",
        message:
          "Part of this order was refunded: what you had paid of it goes back to your card, and instalments not yet due are reduced or cancelled.",
        tone: "good",
      };
    case "refunded":
      return {
        label: "Refunded",
        message:
          "This order was refunded: what you had already paid goes back to your card, and the instalments not yet due are cancelled.",
        tone: "good",
      };
    case "refused":
      return {
        label: "Payment refused",
        message:
          "Alma could not accept this payment, so the order was not placed and nothing was charged. Your cart is still here: you can try another card.",
        tone: "bad",
      };
    case "cancelled":
      return {
        label: "Cancelled",
        message: "You left the payment page: the order was cancelled and nothing was charged.",
        tone: "bad",
      };
    case "expired":
      return {
        label: "Expired",
        message: "The payment was not completed in time: nothing was charged.",
        tone: "bad",
      };
    case "fraud_suspected":
      return {
        label: "On hold",
        message: "This payment needs a manual check before the order can ship.",
        tone: "wait",
      };
  }
}

/**
 * Back through Alma's failure link (3-D Secure failed, insufficient funds): the order was closed
 * before anything was charged, and the customer can try again at once.
 */
export function attemptFailedNotice(): StatusNotice {
  return {
    label: "Payment not completed",
    message:
      "Your bank did not confirm the payment, so the order was not placed and nothing was charged. Your cart is still here: you can try again, with another card if needed.",
    tone: "bad",
  };
}
