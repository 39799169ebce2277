import type { Translator } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";
import { type MessageLink, renderMessagePage } from "./render-step-pages.ts";

/**
 * The page for a payment that can no longer be paid (paid, refused, under review, expired,
 * cancelled), or undefined when the customer may still pay it.
 */
export function closedPage(payment: AlmaPayment, text: Translator): string | undefined {
  const { t } = text;
  const back: MessageLink[] = payment.return_url
    ? [{ href: payment.return_url, label: t("outcome.backToMerchant", { merchant: payment.merchant_name }) }]
    : [];
  if (payment.state === "not_started" && payment.expired_at !== null) {
    return renderMessagePage(
      text,
      t("outcome.expiredTitle"),
      "expired",
      t("outcome.expired"),
      giveUpLinks(payment, text),
    );
  }
  switch (payment.state) {
    case "not_started":
      return undefined;
    case "scored_no":
      // Final: no other card helps, so the only way forward is back to the shop.
      return renderMessagePage(
        text,
        t("outcome.refusedTitle"),
        "scored_no",
        t("outcome.scoredNo"),
        giveUpLinks(payment, text),
      );
    case "scored_maybe":
      return renderMessagePage(text, t("outcome.reviewTitle"), "scored_maybe", t("outcome.review"), back);
    case "stopped":
      return renderMessagePage(
        text,
        t("outcome.cancelledTitle"),
        "stopped",
        t("outcome.cancelled"),
        giveUpLinks(payment, text),
      );
    default:
      return renderMessagePage(text, t("outcome.completeTitle"), "accepted", t("outcome.complete"), back);
  }
}

/**
 * After a refusal the customer can get past (3-D Secure, funds, card type): another card on this
 * page, or back to the shop through its failure page so the shop knows this attempt failed.
 */
export function retryLinks(payment: AlmaPayment, base: string, text: Translator): MessageLink[] {
  return [
    { href: `${base}/checkout/${payment.id}`, label: text.t("outcome.tryAnotherCard") },
    ...giveUpLinks(payment, text),
  ];
}

/**
 * The way back to the shop when this payment will not be paid here: the merchant's failure page,
 * else its cancel page, else its return page. Never none when the merchant gave any URL.
 */
function giveUpLinks(payment: AlmaPayment, text: Translator): MessageLink[] {
  const href = payment.failure_return_url ?? payment.customer_cancel_url ?? payment.return_url;
  return href ? [{ href, label: text.t("outcome.backToMerchant", { merchant: payment.merchant_name }) }] : [];
}
