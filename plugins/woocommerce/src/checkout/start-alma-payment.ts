import { ALMA_INTERACTIVE, AlmaInvalidRequestError, parsePlanKey } from "@alma-suite/core";
import { findPaymentForLink, mayHaveCreated } from "@alma-suite/core/flows";
import { type JsonObject, modifyPaymentLink, type PaymentLink } from "@alma-suite/core/storage";
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import type { StoreContext } from "../store/load-store.ts";
import { orderLockKey, type WooDeps } from "../store/woo-deps.ts";
import { wooCents } from "../woo/woo-money.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { buildPaymentRequest } from "./build-payment-request.ts";
import { claimPaymentCreation, releasePaymentCreation } from "./claim-payment-creation.ts";

export type StartPaymentResult =
  | { ok: true; link: PaymentLink; paymentUrl: string; almaPaymentId: string; reused: boolean }
  | {
      ok: false;
      reason:
        | "amount_unreadable"
        | "currency_not_supported"
        | "invalid_plan"
        | "not_eligible"
        | "order_changed"
        | "already_paid"
        | "alma_refused"
        /** Another request (maybe on another instance) is creating this order's payment: retry. */
        | "in_progress";
      message: string;
    };

export interface StartPaymentOptions {
  origin: "gateway" | "pay_by_link";
  returnUrl?: string;
  cancelUrl?: string;
  expiresAfterMinutes?: number;
  /**
   * The site's locale as our gateway sends it at checkout (`get_locale()`, e.g. `en_GB`): newer
   * than the one read when the store was connected, which it overrides.
   */
  siteLocale?: string;
}

const RETRYABLE: PaymentLink["state"][] = ["refused", "expired", "cancelled"];

/**
 * The Alma payment of one WooCommerce order, created once: the order's link is insert-or-get,
 * a payment the customer has not started yet is handed out again, and one that was refused or
 * expired can be replaced by a new attempt. Creation is claimed on the link in the database, so
 * this holds across server instances too. The Alma id is saved on the link before anyone gets
 * the URL, so the IPN always finds it.
 */
export async function startAlmaPayment(
  deps: WooDeps,
  store: StoreContext,
  order: WooOrder,
  options: StartPaymentOptions,
): Promise<StartPaymentResult> {
  const amountCents = wooCents(order.total);
  if (amountCents === null || amountCents <= 0) {
    return {
      ok: false,
      reason: "amount_unreadable",
      message: `order total "${order.total}" is not a payable amount`,
    };
  }
  if (order.currency.toUpperCase() !== "EUR") {
    return {
      ok: false,
      reason: "currency_not_supported",
      message: `Alma only accepts EUR, not ${order.currency}`,
    };
  }
  const plan = parsePlanKey(store.settings.planKey);
  if (!plan) return { ok: false, reason: "invalid_plan", message: `unknown plan ${store.settings.planKey}` };
  const tenantId = store.tenant.id;
  // The gateway's customer is waiting in checkout: a short budget, then a clear "try again". The
  // store's mode, read once, serves the eligibility, the creation and the link's record alike.
  const mode = store.tenant.almaMode;
  const budget = options.origin === "gateway" ? ALMA_INTERACTIVE : {};
  const alma = await deps.almaFor(tenantId, { ...budget, mode });

  return deps.locks.run(orderLockKey(tenantId, order.id), async () => {
    const custom = {
      orderId: order.id,
      orderKey: order.order_key,
      origin: options.origin,
      ...(options.returnUrl ? { returnUrl: options.returnUrl } : {}),
      ...(options.cancelUrl ? { cancelUrl: options.cancelUrl } : {}),
    };
    const { link: existing } = await deps.storage.createPaymentLink({
      tenantId,
      platformOrderRef: String(order.id),
      amountCents,
      currency: "EUR",
      planKey: store.settings.planKey,
      custom,
      almaMode: mode,
    });
    if (existing.amountCents !== amountCents) {
      return {
        ok: false,
        reason: "order_changed",
        message: "the order total changed since its Alma payment was created",
      };
    }
    let link = existing;
    if (RETRYABLE.includes(link.state)) {
      const seen = link;
      // Merged onto the link as it is when reopened: a webhook may have recorded its order state since.
      const fresh = await deps.storage.transaction(async (tx) => {
        const current = await tx.lockPaymentLink(tenantId, seen.id);
        if (current?.state !== seen.state) return null;
        const reopened = await tx.transitionPayment(tenantId, seen.id, [seen.state], "pending", {
          almaPaymentId: null,
          custom: { ...current.custom, ...custom },
        });
        return reopened ? tx.getPaymentLink(tenantId, seen.id) : null;
      });
      if (!fresh)
        return { ok: false, reason: "already_paid", message: "the order's payment changed meanwhile" };
      link = fresh;
    }
    if (link.state !== "pending") {
      return { ok: false, reason: "already_paid", message: `the order's Alma payment is ${link.state}` };
    }
    if (link.almaPaymentId) {
      // Asked of the Alma account that payment was made in (the store may have switched since).
      const itsAlma =
        link.almaMode === mode ? alma : await deps.almaFor(tenantId, { ...budget, mode: link.almaMode });
      const current = await itsAlma.payments.fetch(link.almaPaymentId);
      if (current.state === "not_started" && current.expired_at === null) {
        return { ok: true, link, paymentUrl: current.url, almaPaymentId: current.id, reused: true };
      }
      // Refused or expired payments are final and can be replaced by a new attempt; any other state
      // means Alma accepted it or is still deciding, and a second payment could be paid twice.
      if (current.state !== "scored_no" && current.expired_at === null) {
        return { ok: false, reason: "already_paid", message: `the order's Alma payment is ${current.state}` };
      }
    }
    const eligibility = await alma.eligibility.check({
      purchase_amount: amountCents,
      queries: [
        {
          installments_count: plan.installmentsCount,
          deferred_days: plan.deferredDays,
          deferred_months: plan.deferredMonths,
        },
      ],
      ...(order.billing.country ? { billing_address: { country: order.billing.country.toUpperCase() } } : {}),
    });
    const verdict = eligibility[0];
    if (!verdict?.eligible) {
      return {
        ok: false,
        reason: "not_eligible",
        message: `Alma cannot offer ${store.settings.planKey} for ${amountCents} cents`,
      };
    }
    const request = buildPaymentRequest(order, amountCents, {
      tenantId,
      paymentLinkId: link.id,
      publicUrl: deps.publicUrl,
      storeUrl: store.settings.storeUrl,
      ...((options.siteLocale ?? store.settings.locale)
        ? { siteLocale: options.siteLocale ?? store.settings.locale }
        : {}),
      ...(store.settings.hpos !== undefined ? { hpos: store.settings.hpos } : {}),
      plan,
      origin: options.origin,
      ...(options.expiresAfterMinutes ? { expiresAfterMinutes: options.expiresAfterMinutes } : {}),
    });
    const claim = await claimPaymentCreation(deps.storage, {
      tenantId,
      linkId: link.id,
      sawAlmaPaymentId: link.almaPaymentId,
      now: deps.now(),
    });
    if (claim !== "claimed") {
      return {
        ok: false,
        reason: "in_progress",
        message: "the order's Alma payment is being created, retry",
      };
    }
    let payment: Awaited<ReturnType<typeof alma.payments.create>>;
    try {
      // An attempt whose outcome is unknown (answer lost, process killed before saving) may have
      // created the payment: adopt it rather than make a second one. Saving below clears the mark.
      const claimed = (await deps.storage.getPaymentLink(tenantId, link.id)) ?? link;
      const attemptedAt = claimed.custom.almaCreationAttemptedAt;
      const adopted =
        typeof attemptedAt === "number" ? await findPaymentForLink(alma, link.id, attemptedAt) : undefined;
      if (adopted) payment = adopted;
      else {
        await patchLinkCustom(deps.storage, tenantId, link.id, { almaCreationAttemptedAt: deps.now() });
        payment = await alma.payments.create(request);
      }
    } catch (error) {
      // Alma provably made nothing (a refusal, a refused connection): no need to look next time.
      if (!mayHaveCreated(error))
        await patchLinkCustom(deps.storage, tenantId, link.id, { almaCreationAttemptedAt: undefined });
      await releasePaymentCreation(deps.storage, tenantId, link.id);
      if (error instanceof AlmaInvalidRequestError)
        return { ok: false, reason: "alma_refused", message: error.message };
      throw error;
    }
    // Saving the Alma id ends the claim. Merged onto the link as it is now: a webhook may have
    // recorded its order state meanwhile.
    const saved = await modifyPaymentLink(deps.storage, tenantId, link.id, (current) => ({
      almaPaymentId: payment.id,
      almaMode: mode,
      custom: withoutCreationMarks({ ...linkCustom(current), ...custom }),
    }));
    return {
      ok: true,
      link: saved ?? link,
      paymentUrl: payment.url,
      almaPaymentId: payment.id,
      reused: false,
    };
  });
}

/** The claim and the attempt mark only matter until the payment is saved. */
function withoutCreationMarks(custom: Record<string, unknown>): JsonObject {
  const { creationClaimUntil: _claim, almaCreationAttemptedAt: _attempt, ...rest } = custom;
  return rest as JsonObject;
}
