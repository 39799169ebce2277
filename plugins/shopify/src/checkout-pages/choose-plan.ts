import { ALMA_INTERACTIVE, AlmaError, AlmaInvalidRequestError } from "@alma-suite/core";
import { ensureAlmaPayment } from "../alma-payment/ensure-alma-payment.ts";
import { rejectSession } from "../payment-session/reject-session.ts";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import type { CheckoutDeps, PageResult } from "./checkout-deps.ts";
import { buyerLocale } from "./page-text.ts";
import { renderNotFoundPage, renderWaitPage } from "./render-pages.ts";

/**
 * `POST /checkout/:tenantId/:linkId/plan`: the buyer picked one of the offered plans. The Alma
 * payment is created once (a double click or a second tab gets the same one) and the buyer goes
 * to Alma's hosted page.
 */
export async function choosePlan(
  deps: CheckoutDeps,
  tenantId: string,
  linkId: string,
  planKey: string,
): Promise<PageResult> {
  const link = await deps.storage.getPaymentLink(tenantId, linkId);
  const session = link && readSession(link);
  if (!link || !session) return { status: 404, html: renderNotFoundPage() };
  const self = deps.links.checkoutUrl(tenantId, linkId);
  if (link.state !== "pending" || session.almaUrl) return { redirect: self };
  if (!session.offers?.some((o) => o.planKey === planKey)) return { redirect: self };
  let ensured: Awaited<ReturnType<typeof ensureAlmaPayment>>;
  try {
    ensured = await ensureAlmaPayment(
      {
        storage: deps.storage,
        // The session's own environment, even if the shop switched mode since the plans were offered.
        alma: await deps.almaFor(tenantId, { ...ALMA_INTERACTIVE, ...almaModeOf(session) }),
        publicUrl: deps.publicUrl,
        links: deps.links,
        now: deps.now,
      },
      { tenantId, linkId, planKey },
    );
  } catch (error) {
    // Alma slow or down: a page that tries again shortly, never a hang or an error page.
    if (error instanceof AlmaError && !(error instanceof AlmaInvalidRequestError)) {
      deps.logger.warn({ tenantId, linkId, err: error.message }, "Alma unavailable for a plan choice");
      return { status: 503, html: renderWaitPage(buyerLocale(session), self) };
    }
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    await rejectSession(deps, {
      tenantId,
      linkId,
      code: "PROCESSING_ERROR",
      message: `Alma: ${error.message}`,
    });
    return { redirect: self };
  }
  if (ensured.ok) return { redirect: ensured.url };
  return { status: 200, html: renderWaitPage(buyerLocale(session), self) };
}
