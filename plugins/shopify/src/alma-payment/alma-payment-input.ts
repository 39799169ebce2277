import type { AddressInput, PaymentCreateInput } from "@alma-suite/core";
import type { Offer, SessionRecord } from "../payment-session/session-record.ts";

/** Unpaid payments expire at Alma after this long; the payment watch then sees it and rejects the session. */
export const PAYMENT_EXPIRY_MINUTES = 120;

/**
 * Alma's payment for a Shopify session. `custom_data` carries only references (tenant, link,
 * session): Alma echoes it in every payment it returns, and it must never hold personal data.
 */
export function almaPaymentInput(input: {
  publicUrl: string;
  /** Our checkout page of the session: Alma adds no pid to the failure URL, the page needs none. */
  failureReturnUrl: string;
  /** Signed (see page-links.ts): Alma appends `?pid=`. */
  cancelUrl: string;
  tenantId: string;
  linkId: string;
  sessionId: string;
  amountCents: number;
  session: SessionRecord;
  offer: Offer;
}): PaymentCreateInput {
  const { session, offer, publicUrl, tenantId } = input;
  const customer = session.customer;
  const billing = address(customer?.billing ?? null, customer);
  const shipping = address(customer?.shipping ?? null, null);
  const returnUrl = `${publicUrl}/shopify/return/${tenantId}`;
  return {
    payment: {
      purchase_amount: input.amountCents,
      installments_count: offer.installmentsCount,
      deferred_days: offer.deferredDays,
      deferred_months: offer.deferredMonths,
      return_url: returnUrl,
      failure_return_url: input.failureReturnUrl,
      customer_cancel_url: input.cancelUrl,
      ipn_callback_url: `${publicUrl}/alma/ipn/${tenantId}`,
      locale: (customer?.locale ?? session.merchantLocale ?? "fr").slice(0, 5),
      expires_after: PAYMENT_EXPIRY_MINUTES,
      origin: "online",
      custom_data: {
        tenant_id: tenantId,
        payment_link_id: input.linkId,
        shopify_session_id: input.sessionId,
        shopify_group: session.group,
      },
      ...(billing ? { billing_address: billing } : {}),
      ...(shipping ? { shipping_address: shipping } : {}),
      // Shopify's authorization maps to Alma's payment upon trigger: captured = triggered.
      ...(session.kind === "authorization"
        ? { deferred: "trigger" as const, deferred_description: "When the merchant captures the order" }
        : {}),
    },
    order: { merchant_reference: input.sessionId },
    ...(customer
      ? {
          customer: {
            ...(billing?.first_name ? { first_name: billing.first_name } : {}),
            ...(billing?.last_name ? { last_name: billing.last_name } : {}),
            ...(customer.email ? { email: customer.email } : {}),
            ...(customer.phone ? { phone: customer.phone } : {}),
          },
        }
      : {}),
  };
}

function address(
  fields: Record<string, string> | null,
  contact: { email: string | null; phone: string | null } | null,
): AddressInput | undefined {
  if (!fields && !contact) return undefined;
  const f = fields ?? {};
  const out: Record<string, string> = {};
  const put = (key: string, value: string | null | undefined) => {
    if (value) out[key] = value;
  };
  put("first_name", f.given_name);
  put("last_name", f.family_name);
  put("company", f.company);
  put("line1", f.line1);
  put("line2", f.line2);
  put("postal_code", f.postal_code);
  put("city", f.city);
  put("state_province", f.province);
  put("country", f.country_code?.toUpperCase());
  put("phone", f.phone_number ?? contact?.phone);
  put("email", contact?.email);
  return Object.keys(out).length > 0 ? out : undefined;
}
