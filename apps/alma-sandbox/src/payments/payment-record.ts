import type { CardOnFile } from "../checkout/card-on-file.ts";
import type { AlmaPayment } from "./alma-payment.ts";

/** What the sandbox knows but never returns: card behaviour, checkout progress, pending decisions. */
export interface PaymentInternals {
  merchantId: string;
  /** The card that paid (last 4 digits and the behaviour of its test number, never the number). */
  card: CardOnFile | null;
  /** A checkout in progress: card entered, waiting for 3-D Secure or the final confirmation. */
  attempt: {
    card: CardOnFile;
    step: "3ds" | "confirm" /** Wrong 3-D Secure codes so far. */;
    wrongCodes?: number;
  } | null;
  /** When a scored_maybe payment gets decided on its own (unix s). */
  decideAt: number | null;
  /** Payment upon trigger: Alma triggers by itself once this passes (unix s). */
  triggerDeadline: number | null;
  /** Purchase cents refunded so far (rebates and paybacks); never above purchase_amount. */
  refundedPurchase: number;
  /** Purchase cents already handed back from money the customer had paid (vs. rebates). */
  refundedFromCollected: number;
  potentialFraud: { reason: string | null; at: number }[];
}

export interface PaymentRecord {
  payment: AlmaPayment;
  internal: PaymentInternals;
}
