import { AlmaInvalidRequestError } from "@alma-suite/core";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import { almaCancelJob } from "../session-mutations/alma-jobs.ts";
import type { CheckoutDeps, PageResult } from "./checkout-deps.ts";
import { ALMA_PID, customerReturn } from "./customer-return.ts";
import { renderNotFoundPage } from "./render-pages.ts";

/**
 * `GET /cancel/:tenantId/:linkId/:signature?pid=`: the buyer gave up on Alma's page. They go back
 * to Shopify's checkout (`cancel_url`) and may pick another method; the session is not rejected,
 * which would stop them retrying. The Alma payment is cancelled first so a stale tab cannot pay
 * it later; if it was paid meanwhile, this is a return after all. `signedLinkId` is the link the
 * URL's signature vouches for; null (an unsigned URL) only sends the buyer back.
 */
export async function customerCancel(
  deps: CheckoutDeps,
  tenantId: string,
  pid: string,
  signedLinkId: string | null,
): Promise<PageResult> {
  if (!ALMA_PID.test(pid)) return { status: 400, html: renderNotFoundPage() };
  const link = await deps.storage.findPaymentByAlmaId(tenantId, pid);
  const session = link && readSession(link);
  if (!link || !session) return { status: 404, html: renderNotFoundPage() };
  if (signedLinkId !== link.id) {
    if (signedLinkId !== null) return { status: 404, html: renderNotFoundPage() };
    deps.logger.info({ tenantId, pid }, "unsigned cancel URL: buyer sent back, nothing cancelled");
    return { redirect: session.cancelUrl };
  }
  if (link.state !== "pending") return customerReturn(deps, tenantId, pid);
  try {
    await (await deps.almaFor(tenantId, almaModeOf(session))).payments.cancel(pid);
  } catch (error) {
    if (error instanceof AlmaInvalidRequestError) return customerReturn(deps, tenantId, pid);
    deps.logger.warn({ tenantId, pid, err: String(error) }, "Alma cancel failed; queued");
    await almaCancelJob.enqueue(deps.storage, {
      key: `${almaCancelJob.type}:${pid}`,
      payload: { tenantId, almaPaymentId: pid, reference: `cancel:${link.id}`, ...almaModeOf(session) },
    });
    return { redirect: session.cancelUrl };
  }
  if (await deps.storage.transitionPayment(tenantId, link.id, ["pending"], "cancelled")) {
    await deps.storage.appendPaymentEvent({
      tenantId,
      paymentLinkId: link.id,
      type: "payment.customer_cancelled",
      data: { almaPaymentId: pid },
    });
  }
  return { redirect: session.cancelUrl };
}
