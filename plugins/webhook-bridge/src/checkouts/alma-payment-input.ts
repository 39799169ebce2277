import { type PaymentCreateInput, parsePlanKey } from "@alma-suite/core";
import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import type { CheckoutBody } from "./checkout-schema.ts";

/** How long an Alma payment of a checkout stays payable when the agency does not say. */
export const DEFAULT_CHECKOUT_EXPIRY_MINUTES = 120;

/**
 * The Alma payment for a checkout: Alma calls our IPN route and sends the customer back to our
 * return routes (which confirm, then forward to the shop's URLs); `custom_data` names the tenant,
 * our payment and the agency's order so any payment can be traced back.
 */
export function almaPaymentInput(
  ctx: { publicUrl: string },
  merchant: Tenant,
  link: PaymentLink,
  body: CheckoutBody,
): PaymentCreateInput {
  const identity = parsePlanKey(link.planKey ?? "");
  const back = `${ctx.publicUrl}/bridge/return/${merchant.id}`;
  return {
    payment: {
      purchase_amount: link.amountCents,
      installments_count: identity?.installmentsCount,
      deferred_days: identity?.deferredDays,
      deferred_months: identity?.deferredMonths,
      ...(body.payment_upon_trigger
        ? { deferred: "trigger" as const, deferred_description: "at shipping" }
        : {}),
      return_url: back,
      // Alma may not append ?pid= to this one: our own payment id finds the checkout instead. Its own
      // path tells the shop this attempt failed, rather than "still processing".
      failure_return_url: `${ctx.publicUrl}/bridge/failure/${merchant.id}?payment=${link.id}`,
      customer_cancel_url: `${ctx.publicUrl}/bridge/cancel/${merchant.id}`,
      ipn_callback_url: `${ctx.publicUrl}/alma/ipn/${merchant.id}`,
      locale: body.locale,
      // Without one, an abandoned checkout would stay open at Alma forever and never be expired.
      expires_after: body.expires_after_minutes ?? DEFAULT_CHECKOUT_EXPIRY_MINUTES,
      custom_data: {
        platform: "bridge",
        tenant_id: merchant.id,
        payment_link_id: link.id,
        order_reference: link.platformOrderRef,
        merchant_ref: merchantRefOf(merchant),
      },
      billing_address: body.billing_address,
      shipping_address: body.shipping_address,
      ...(body.items ? { cart: { items: body.items } } : {}),
    },
    order: { merchant_reference: link.platformOrderRef },
    customer: body.customer,
  };
}
