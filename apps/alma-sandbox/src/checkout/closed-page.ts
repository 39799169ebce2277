import type { AlmaPayment } from "../payments/alma-payment.ts";
import { type MessageLink, renderMessagePage } from "./render-step-pages.ts";

/**
 * The page for a payment that can no longer be paid (paid, refused, under review, expired,
 * cancelled), or undefined when the customer may still pay it.
 */
export function closedPage(payment: AlmaPayment, base: string): string | undefined {
  const back: MessageLink[] = payment.return_url
    ? [{ href: payment.return_url, label: `Return to ${payment.merchant_name}` }]
    : [];
  if (payment.state === "not_started" && payment.expired_at !== null) {
    return renderMessagePage(
      "Payment link expired",
      "expired",
      "This payment link has expired.",
      cancelLinks(payment),
    );
  }
  switch (payment.state) {
    case "not_started":
      return undefined;
    case "scored_no":
      return renderMessagePage(
        "Payment refused",
        "scored_no",
        "Alma could not accept this payment.",
        failureLinks(payment, base),
      );
    case "scored_maybe":
      return renderMessagePage(
        "Payment under review",
        "scored_maybe",
        "Alma needs to check a few more things and will decide shortly.",
        back,
      );
    case "stopped":
      return renderMessagePage(
        "Payment cancelled",
        "stopped",
        "The merchant cancelled this payment.",
        cancelLinks(payment),
      );
    default:
      return renderMessagePage(
        "Payment complete",
        "accepted",
        "This payment has already been accepted.",
        back,
      );
  }
}

/** After a refusal: the merchant's failure page if it gave one, else back to the payment page. */
export function failureLinks(payment: AlmaPayment, base: string): MessageLink[] {
  return payment.failure_return_url
    ? [{ href: payment.failure_return_url, label: `Return to ${payment.merchant_name}` }]
    : [{ href: `${base}/checkout/${payment.id}`, label: "Back to the payment page" }];
}

function cancelLinks(payment: AlmaPayment): MessageLink[] {
  return payment.customer_cancel_url
    ? [{ href: payment.customer_cancel_url, label: `Return to ${payment.merchant_name}` }]
    : [];
}
