import type { ConfirmOutcome } from "@alma-suite/core/flows";
import { confirmPayment } from "@alma-suite/core/flows";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import { settleSession } from "../session-mutations/settle-session.ts";
import type { CheckoutDeps, PageResult } from "./checkout-deps.ts";
import { buyerLocale } from "./page-text.ts";
import { renderNotFoundPage, renderUnfinishedPage, renderWaitPage } from "./render-pages.ts";

export const ALMA_PID = /^payment_[A-Za-z0-9]{1,64}$/;

/**
 * `GET /return/:tenantId?pid=`: the buyer is back from Alma. The same confirmation as the IPN
 * (fetch the payment, check amount and state, move the link once), then what the platform-call
 * job would ask of the adapter, now, so the buyer can be sent to Shopify's nextAction at once.
 */
export async function customerReturn(deps: CheckoutDeps, tenantId: string, pid: string): Promise<PageResult> {
  if (!ALMA_PID.test(pid)) return { status: 400, html: renderNotFoundPage() };
  const link = await deps.storage.findPaymentByAlmaId(tenantId, pid);
  const session = link && readSession(link);
  if (!link || !session) return { status: 404, html: renderNotFoundPage() };
  // The buyer cancelled this payment on Alma: nothing will settle it, checkout is where they go.
  // Every page that leads to the payment (the checkout link, a second cancel) ends up here.
  if (link.state === "cancelled") return { redirect: session.cancelUrl };
  const locale = buyerLocale(session);
  const retry = deps.links.checkoutUrl(tenantId, link.id);
  let outcome: ConfirmOutcome;
  try {
    outcome = await confirmPayment(
      { storage: deps.storage, alma: await deps.almaFor(tenantId, almaModeOf(session)) },
      {
        tenantId,
        almaPaymentId: pid,
        source: "return",
      },
    );
  } catch (error) {
    deps.logger.warn(
      { tenantId, pid, err: String(error) },
      "confirmation on return failed; the IPN will follow",
    );
    return { status: 200, html: renderWaitPage(locale, retry) };
  }
  const ref = { tenantId, orderRef: link.platformOrderRef };
  switch (outcome.status) {
    case "paid":
    case "authorized":
      await deps.adapter.markOrderPaid({
        ...ref,
        idempotencyKey: `${outcome.status}:${link.id}`,
        almaPaymentId: pid,
        amountCents: link.amountCents,
        authorizedOnly: outcome.status === "authorized",
      });
      break;
    case "pending":
      await deps.adapter.markOrderPending({
        ...ref,
        idempotencyKey: `pending:${link.id}:${pid}`,
        almaPaymentId: pid,
      });
      break;
    case "failed":
      await deps.adapter.failOrder({
        ...ref,
        idempotencyKey: `fail:${link.id}:${pid}`,
        almaPaymentId: pid,
        reason: outcome.reason,
        message:
          outcome.reason === "refused"
            ? "Alma refused the payment"
            : "Alma's amount differs from the session's",
      });
      break;
    case "released":
      await deps.adapter.releaseOrder({
        ...ref,
        idempotencyKey: `release:${link.id}:${pid}`,
        reason: "expired",
      });
      break;
    case "not_decided":
      if (link.state === "pending")
        return { status: 200, html: renderUnfinishedPage(locale, session.almaUrl, session.cancelUrl) };
      break;
    case "unknown_payment":
      return { status: 404, html: renderNotFoundPage() };
  }
  const fresh = (await deps.storage.getPaymentLink(tenantId, link.id)) ?? link;
  const next = await settleSession(deps, fresh, session);
  return next ? { redirect: next } : { status: 200, html: renderWaitPage(locale, retry) };
}
