import { readSession } from "../payment-session/session-record.ts";
import { settleSession } from "../session-mutations/settle-session.ts";
import type { CheckoutDeps, PageResult } from "./checkout-deps.ts";
import { customerReturn } from "./customer-return.ts";
import { buyerLocale } from "./page-text.ts";
import { renderNotFoundPage, renderPlanPicker, renderWaitPage } from "./render-pages.ts";

const DECIDED = new Set([
  "paid",
  "authorized",
  "refused",
  "fraud_suspected",
  "expired",
  "partially_refunded",
  "refunded",
]);

/**
 * `GET /checkout/:tenantId/:linkId`: where Shopify's `redirect_url` lands, and Alma's failure
 * URL. Sends the buyer on to whatever is next: Shopify's nextAction once the session is final,
 * what Alma says of the payment once there is one, else the plan picker (or a page that checks
 * again while something is in flight).
 */
export async function showCheckout(
  deps: CheckoutDeps,
  tenantId: string,
  linkId: string,
): Promise<PageResult> {
  const link = await deps.storage.getPaymentLink(tenantId, linkId);
  const session = link && readSession(link);
  if (!link || !session) return { status: 404, html: renderNotFoundPage() };
  const locale = buyerLocale(session);
  const self = deps.links.checkoutUrl(tenantId, linkId);
  if (session.rejection || DECIDED.has(link.state)) {
    const next = await settleSession(deps, link, session);
    return next ? { redirect: next } : { status: 200, html: renderWaitPage(locale, self) };
  }
  // Back from Alma without a pid (its failure URL), or Shopify's redirect_url opened again.
  if (link.almaPaymentId) return customerReturn(deps, tenantId, link.almaPaymentId);
  if (session.offers && session.offers.length > 0) {
    return {
      status: 200,
      html: renderPlanPicker({
        locale,
        amountCents: link.amountCents,
        offers: session.offers,
        action: `${deps.publicUrl}/shopify/checkout/${tenantId}/${linkId}/plan`,
        signature: deps.links.signature(tenantId, linkId),
        cancelUrl: session.cancelUrl,
      }),
    };
  }
  return { status: 200, html: renderWaitPage(locale, self) };
}
