import {
  type AlmaClient,
  createTranslator,
  creditTerms,
  describePlan,
  formatMoney,
  parsePlanKey,
} from "@alma-suite/core";
import { startAlmaPayment } from "../checkout/start-alma-payment.ts";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import { loadStore } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { wooCents } from "../woo/woo-money.ts";

const CATALOGUES = { fr, en };

export type SendPayLinkResult = "sent" | "already_sent" | "not_applicable" | "not_eligible";

/**
 * Pay-by-link, no PHP: an order placed with one of the store's chosen offline methods gets an Alma
 * payment (custom_data with the order id and key) and its link as a customer note, which WooCommerce
 * e-mails. Runs as a job keyed by the order, so order.created and order.updated arriving together
 * still create one payment; the note is sent once (the link remembers it).
 */
export async function sendPayLink(
  deps: WooDeps,
  tenantId: string,
  orderId: number,
): Promise<SendPayLinkResult> {
  const store = await loadStore(deps, tenantId);
  const order = store ? await store.woo.getOrder(orderId) : null;
  if (!store || !order || !store.settings.payByLinkMethods.includes(order.payment_method))
    return "not_applicable";
  const existing = await deps.storage.findPaymentByOrderRef(tenantId, String(orderId));
  if (existing?.almaPaymentId && linkCustom(existing).linkSent) return "already_sent";
  if (!["pending", "on-hold"].includes(order.status) && !existing) return "not_applicable";
  const started = await startAlmaPayment(deps, store, order, {
    origin: "pay_by_link",
    returnUrl: `${store.settings.storeUrl}/checkout/order-received/${order.id}/?key=${order.order_key}`,
    ...(order.payment_url ? { cancelUrl: order.payment_url } : {}),
    expiresAfterMinutes: deps.config.payLinkExpiryMinutes,
  });
  if (!started.ok) {
    if (started.reason === "already_paid") return "already_sent";
    // The job retries later; by then the other creation has finished or its claim expired.
    if (started.reason === "in_progress") throw new Error(started.message);
    await store.woo.addNote(order.id, `Alma: no payment link for this order (${started.message}).`);
    deps.logger.info({ tenantId, orderId, reason: started.reason }, "pay-by-link order not eligible");
    return "not_eligible";
  }
  // The shop's language (WordPress's locale, read at connection; French when unknown), money the
  // way it is written there, and the plan's terms as Alma priced this payment: fees by name for
  // 2-4x, and for credit the TAEG, cost, total due and legal warning (see core's creditTerms).
  const locale = store.settings.locale ?? "fr";
  const plan = parsePlanKey(store.settings.planKey) ?? {
    kind: "general" as const,
    installmentsCount: 3,
    deferredDays: 0,
    deferredMonths: 0,
  };
  const amountCents = wooCents(order.total) ?? 0;
  const alma = await deps.almaFor(tenantId, { mode: started.link.almaMode });
  const payment = await alma.payments.fetch(started.almaPaymentId);
  const terms = creditTerms(
    {
      installmentsCount: plan.installmentsCount,
      purchaseAmount: amountCents,
      customerFee: payment.customer_fee,
      customerInterest: payment.customer_interest,
      annualInterestRate: plan.installmentsCount > 4 ? await annualRate(alma, plan, amountCents) : null,
    },
    locale,
  );
  const { t } = createTranslator(CATALOGUES, locale);
  const note = [
    t("payLink.note", {
      plan: describePlan(plan, locale),
      amount: formatMoney(amountCents, locale),
      url: started.paymentUrl,
    }),
    ...(terms.kind === "free" ? [] : terms.lines),
    ...(terms.warning ? [terms.warning] : []),
  ].join("\n");
  await store.woo.addNote(order.id, note, { customerNote: true });
  await patchLinkCustom(deps.storage, tenantId, started.link.id, { linkSent: true });
  return "sent";
}

/** A credit plan's TAEG, which only Alma's eligibility answer states; null when Alma gives none. */
async function annualRate(
  alma: AlmaClient,
  plan: { installmentsCount: number; deferredDays: number; deferredMonths: number },
  amountCents: number,
): Promise<number | null> {
  const [answer] = await alma.eligibility.check({
    purchase_amount: amountCents,
    queries: [
      {
        installments_count: plan.installmentsCount,
        deferred_days: plan.deferredDays,
        deferred_months: plan.deferredMonths,
      },
    ],
  });
  const rate: unknown = answer?.annual_interest_rate;
  return typeof rate === "number" ? rate : null;
}
