import { ALMA_INTERACTIVE, AlmaError, AlmaInvalidRequestError } from "@alma-suite/core";
import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import { ensureAlmaPayment } from "../alma-payment/ensure-alma-payment.ts";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { chooseOffers, type OfferDecision } from "./choose-offers.ts";
import { rejectSession } from "./reject-session.ts";
import { patchSession, type SessionRecord } from "./session-record.ts";
import type { StartDeps } from "./start-payment-session.ts";

/** Where the buyer goes, and whether the session's record already says so (`redirectUrl`). */
export interface Redirect {
  url: string;
  recorded: boolean;
}

/**
 * Where the buyer of a new session goes: the plans are chosen (or the session rejected), then Alma's page
 * when one plan is left, our picker when several are, our checkout page (which sends the buyer
 * back to Shopify) after a rejection. Undefined while another request creates the Alma payment.
 */
export async function decideRedirect(
  deps: StartDeps,
  tenant: Tenant,
  link: PaymentLink,
  session: SessionRecord,
): Promise<Redirect | undefined> {
  const picker = (): Redirect => ({ url: deps.links.checkoutUrl(tenant.id, link.id), recorded: false });
  // Shopify gives up on a slow session request: every Alma call here runs on a short budget.
  if (session.test !== (tenant.almaMode === "test")) {
    // Test checkouts must never take real money, nor live checkouts pretend to. Rejected before
    // any call: the shop may have no key for the session's environment.
    await rejectSession(deps, {
      tenantId: tenant.id,
      linkId: link.id,
      code: "PROCESSING_ERROR",
      message: `Shopify ${session.test ? "test" : "live"} mode does not match Alma's ${tenant.almaMode} environment`,
    });
    return picker();
  }
  // Eligibility is asked in the session's environment, like the payment it leads to.
  const alma = await deps.almaFor(tenant.id, { ...ALMA_INTERACTIVE, mode: link.almaMode });
  const decision: OfferDecision = await chooseOffers({
    alma,
    plans: readShopSettings(tenant.settings).plans,
    amountCents: link.amountCents,
    currency: link.currency,
    kind: session.kind,
    billingCountry: session.customer?.billing?.country_code ?? null,
    shippingCountry: session.customer?.shipping?.country_code ?? null,
  });
  if (decision.kind === "rejected") {
    await rejectSession(deps, {
      tenantId: tenant.id,
      linkId: link.id,
      code: decision.code,
      message: decision.message,
    });
    return picker();
  }
  const [only, ...others] = decision.offers;
  if (!only || others.length > 0) {
    await patchSession(deps.storage, tenant.id, link.id, { offers: decision.offers });
    return picker();
  }
  try {
    // The offer is recorded in the same transaction as the claim to create its payment, and the
    // payment is saved with the session's answer (Alma's page): one commit each.
    const ensured = await ensureAlmaPayment(
      { storage: deps.storage, alma, publicUrl: deps.publicUrl, links: deps.links, now: deps.now },
      { tenantId: tenant.id, linkId: link.id, planKey: only.planKey, offers: decision.offers },
    );
    return ensured.ok ? { url: ensured.url, recorded: true } : undefined;
  } catch (error) {
    // Alma slow or failing after the plans were chosen: the buyer goes to our plan picker, where
    // choosing the plan tries again, rather than Shopify timing out on us.
    if (error instanceof AlmaError && !(error instanceof AlmaInvalidRequestError)) return picker();
    // Alma refused the payment as asked (no longer allowed, an address it rejects): retrying cannot help.
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    await rejectSession(deps, {
      tenantId: tenant.id,
      linkId: link.id,
      code: "PROCESSING_ERROR",
      message: `Alma: ${error.message}`,
    });
    return picker();
  }
}
