import type { AddressInput, PaymentCreateInput, PlanIdentity } from "@alma-suite/core";
import { adminOrderUrl, almaLocale } from "../store/admin-order-url.ts";
import { wooCents } from "../woo/woo-money.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";

export interface PaymentRequestContext {
  tenantId: string;
  paymentLinkId: string;
  publicUrl: string;
  storeUrl: string;
  /** The site's locale (e.g. `fr_FR`), if known. */
  siteLocale?: string;
  /** Whether the store keeps orders in the custom order tables, if known. */
  hpos?: boolean;
  plan: PlanIdentity;
  origin: "gateway" | "pay_by_link";
  expiresAfterMinutes?: number;
}

/**
 * A WooCommerce order as an Alma payment (`POST /v1/payments`): the order total in cents, our IPN,
 * return and cancel routes, `custom_data` naming the tenant, our link and the order (id and key,
 * as Alma's own plugin does), the customer's addresses and cart, and the order as merchant_reference.
 */
export function buildPaymentRequest(
  order: WooOrder,
  amountCents: number,
  ctx: PaymentRequestContext,
): PaymentCreateInput {
  const billing = address(order.billing);
  const shipping = address(order.shipping);
  return {
    payment: {
      purchase_amount: amountCents,
      installments_count: ctx.plan.installmentsCount,
      deferred_days: ctx.plan.deferredDays,
      deferred_months: ctx.plan.deferredMonths,
      return_url: `${ctx.publicUrl}/woocommerce/return/${ctx.tenantId}`,
      customer_cancel_url: `${ctx.publicUrl}/woocommerce/cancel/${ctx.tenantId}`,
      failure_return_url: `${ctx.publicUrl}/woocommerce/cancel/${ctx.tenantId}?link=${ctx.paymentLinkId}`,
      ipn_callback_url: `${ctx.publicUrl}/alma/ipn/${ctx.tenantId}`,
      locale: almaLocale(ctx.siteLocale),
      origin: "online",
      ...(ctx.expiresAfterMinutes ? { expires_after: ctx.expiresAfterMinutes } : {}),
      custom_data: {
        tenant_id: ctx.tenantId,
        payment_link_id: ctx.paymentLinkId,
        platform: "woocommerce",
        order_id: order.id,
        order_key: order.order_key,
        origin: ctx.origin,
      },
      ...(billing ? { billing_address: billing } : {}),
      ...(shipping ? { shipping_address: shipping } : {}),
      cart: { items: order.line_items.flatMap(cartItem) },
    },
    order: {
      merchant_reference: String(order.id),
      merchant_url: adminOrderUrl({ storeUrl: ctx.storeUrl, hpos: ctx.hpos }, order.id),
      customer_url: `${ctx.storeUrl}/my-account/view-order/${order.id}/`,
    },
    customer: {
      ...nonEmpty({
        first_name: order.billing.first_name,
        last_name: order.billing.last_name,
        email: order.billing.email ?? "",
        phone: order.billing.phone ?? "",
      }),
    },
  };
}

function address(a: WooOrder["billing"]): AddressInput | undefined {
  if (!a.address_1 && !a.city && !a.country) return undefined;
  return nonEmpty({
    first_name: a.first_name,
    last_name: a.last_name,
    company: a.company,
    line1: a.address_1,
    line2: a.address_2,
    postal_code: a.postcode,
    city: a.city,
    state_province: a.state,
    country: /^[A-Za-z]{2}$/.test(a.country) ? a.country.toUpperCase() : "",
    email: a.email ?? "",
    phone: a.phone ?? "",
  });
}

function cartItem(item: WooOrder["line_items"][number]) {
  const line = wooCents(item.total);
  const quantity = Math.round(item.quantity);
  if (line === null || quantity <= 0) return [];
  return [
    {
      title: item.name,
      quantity,
      line_price: line,
      unit_price: Math.round(line / quantity),
      ...(item.sku ? { sku: item.sku } : {}),
    },
  ];
}

function nonEmpty<T extends Record<string, string>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== "")) as Partial<T>;
}
