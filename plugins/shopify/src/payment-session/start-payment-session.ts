import type { AlmaCallOptions, AlmaClient, PluginLogger } from "@alma-suite/core";
import { tryParseAmountToCents } from "@alma-suite/core";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import type { PageLinks } from "../checkout-pages/page-links.ts";
import { decideRedirect } from "./decide-redirect.ts";
import { FORGET_CUSTOMER_AFTER_MS, FORGET_CUSTOMER_JOB, forgetCustomerJob } from "./forget-customer.ts";
import type { PaymentSessionRequest, ShopifyAddress } from "./payment-session-request.ts";
import { patchSession, readSession, type SessionRecord } from "./session-record.ts";

/** Shopify's limit for the URL it sends the buyer to. */
export const MAX_REDIRECT_URL_BYTES = 8192;

export type StartResult =
  | { ok: true; redirectUrl: string; created: boolean }
  | { ok: false; status: 400 | 409 | 503; error: string };

export interface StartDeps {
  storage: Storage;
  almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
  publicUrl: string;
  links: PageLinks;
  now: () => number;
  logger: PluginLogger;
}

/**
 * A payment session from Shopify: record it (idempotent by the session `id`), pick the plans this
 * basket can use, and answer where the buyer goes: straight to Alma's page with one plan, our plan
 * picker with several, or our page that sends them back to checkout once the rejection is
 * recorded at Shopify. A retried request gets the answer saved by the first.
 */
export async function startPaymentSession(
  deps: StartDeps,
  tenant: Tenant,
  request: PaymentSessionRequest,
): Promise<StartResult> {
  const amount = tryParseAmountToCents(request.amount);
  if (!amount.ok || amount.cents <= 0)
    return { ok: false, status: 400, error: `amount: ${amount.ok ? "must be positive" : amount.error}` };
  // One transaction: a single commit, and the customer's data is never kept without the job that forgets it.
  const { link, created } = await deps.storage.transaction(async (tx) => {
    const recorded = await tx.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: request.id,
      amountCents: amount.cents,
      currency: request.currency.toUpperCase(),
      custom: { shopifySession: toRecord(request) },
      // The session's own environment: its payment is only ever made, and then handled, there.
      almaMode: request.test ? "test" : "live",
    });
    if (recorded.created) {
      await forgetCustomerJob.enqueue(tx, {
        key: `${FORGET_CUSTOMER_JOB}:${recorded.link.id}`,
        payload: { tenantId: tenant.id, paymentLinkId: recorded.link.id },
        runAt: deps.now() + FORGET_CUSTOMER_AFTER_MS,
      });
    }
    return recorded;
  });
  const session = readSession(link);
  if (!session || session.gid !== request.gid || link.amountCents !== amount.cents) {
    return { ok: false, status: 409, error: `session id ${request.id} was already used for another payment` };
  }
  if (session.redirectUrl) return { ok: true, redirectUrl: withinShopifyLimit(session.redirectUrl), created };
  const redirect = await decideRedirect(deps, tenant, link, session);
  if (!redirect) return { ok: false, status: 503, error: "the payment is being prepared, retry shortly" };
  const redirectUrl = withinShopifyLimit(redirect.url);
  if (!redirect.recorded) await patchSession(deps.storage, tenant.id, link.id, { redirectUrl });
  return { ok: true, redirectUrl, created };
}

function withinShopifyLimit(url: string): string {
  if (Buffer.byteLength(url) >= MAX_REDIRECT_URL_BYTES) throw new Error("redirect URL over 8192 bytes");
  return url;
}

function toRecord(request: PaymentSessionRequest): SessionRecord {
  const c = request.customer;
  return {
    gid: request.gid,
    group: request.group,
    kind: request.kind,
    test: request.test,
    cancelUrl: request.cancelUrl,
    proposedAt: request.proposed_at ?? null,
    merchantLocale: request.merchant_locale ?? null,
    buyerLocale: c?.locale ?? null,
    customer: c
      ? {
          email: c.email ?? null,
          phone: c.phone_number ?? null,
          locale: c.locale ?? null,
          billing: plainAddress(c.billing_address),
          shipping: plainAddress(c.shipping_address),
        }
      : null,
    offers: null,
    rejection: null,
    almaUrl: null,
    redirectUrl: null,
    redacted: false,
  };
}

function plainAddress(address: ShopifyAddress | null | undefined): Record<string, string> | null {
  if (!address) return null;
  const entries = Object.entries(address).filter(
    (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
  );
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}
