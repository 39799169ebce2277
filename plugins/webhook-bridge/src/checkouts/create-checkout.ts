import {
  ALMA_INTERACTIVE,
  type AlmaClient,
  type FeePlan,
  formatPlanKey,
  parsePlanKey,
  preCheckPayment,
} from "@alma-suite/core";
import { findPaymentForLink, mayHaveCreated } from "@alma-suite/core/flows";
import { mergePaymentCustom, type PaymentLink, type Tenant } from "@alma-suite/core/storage";
import {
  claimPaymentCreation,
  ensureOrder,
  getOrder,
  releasePaymentCreation,
} from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { almaProblem } from "../http/alma-problem.ts";
import { type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { type CheckoutCustom, checkoutCustomOf, paymentView } from "../payments/payment-view.ts";
import { almaPaymentInput } from "./alma-payment-input.ts";
import type { CheckoutBody } from "./checkout-schema.ts";
import { eligibilityView } from "./eligibility-view.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "publicUrl" | "now" | "logger">;

/**
 * Without a plan: which plans the basket is eligible to. With one: checks it locally (EUR,
 * allowed, amount window), records the checkout under the agency's order reference (a retry
 * with the same order gets the same payment), creates the Alma payment and saves its id before
 * answering with the hosted page URL.
 */
export async function createCheckout(ctx: Ctx, merchant: Tenant, body: CheckoutBody): Promise<OpResult> {
  const currency = body.currency.toUpperCase();
  if (currency !== "EUR")
    return problem("currency_not_supported", `Alma only accepts EUR, not ${currency}`, { field: "currency" });
  const keyName = merchant.almaMode === "live" ? "alma_live_key" : "alma_test_key";
  if ((await ctx.storage.getSecret(merchant.id, keyName)) === null) {
    return problem(
      "invalid_state",
      `the merchant has no ${keyName}; set it with PUT /v1/merchants/{merchantRef}`,
    );
  }
  // The agency's customer is waiting on this answer: a short budget, then a 503 to retry. The
  // mode read once above serves the eligibility, the creation and the link's record alike.
  const alma = await ctx.almaFor(merchant.id, { ...ALMA_INTERACTIVE, mode: merchant.almaMode });
  let plans: FeePlan[];
  try {
    plans = (await alma.merchant.feePlans({ kind: "general" })).filter((p) => p.allowed);
  } catch (error) {
    return almaProblem(error);
  }
  if (body.plan === undefined) return eligibility(alma, plans, body);

  const identity = parsePlanKey(body.plan);
  if (!identity)
    return problem("validation_error", "not an Alma plan key such as general_3_0_0", { field: "plan" });
  const planKey = formatPlanKey(identity);
  const check = preCheckPayment({ amountCents: body.amount, currency, plan: identity, plans });
  if (!check.ok) {
    const field = check.reason === "plan_not_allowed" ? "plan" : "amount";
    return problem(check.reason, check.message, {
      field,
      extra: "constraints" in check ? { constraints: check.constraints } : {},
    });
  }
  const fee = check.plan as FeePlan;
  if (body.payment_upon_trigger && (fee.deferred_trigger_limit_days ?? null) === null) {
    return problem("validation_error", `${planKey} does not offer payment upon trigger`, {
      field: "payment_upon_trigger",
    });
  }

  const custom: CheckoutCustom = {
    return_url: body.return_url,
    cancel_url: body.cancel_url,
    metadata: body.metadata ?? {},
    payment_upon_trigger: body.payment_upon_trigger,
  };
  const { link, created } = await ctx.storage.transaction(async (tx) => {
    const result = await tx.createPaymentLink({
      tenantId: merchant.id,
      platformOrderRef: body.order_reference,
      amountCents: body.amount,
      currency,
      planKey,
      custom: { bridge: custom },
      almaMode: merchant.almaMode,
    });
    await ensureOrder(dbOf(tx), {
      tenantId: merchant.id,
      paymentLinkId: result.link.id,
      amountCents: body.amount,
      now: ctx.now(),
    });
    return result;
  });
  if (!created) {
    const refused = sameCheckout(link, body.amount, planKey, body.payment_upon_trigger);
    if (refused) return refused;
    const existingUrl = checkoutCustomOf(link)?.payment_url;
    if (link.almaPaymentId && existingUrl) return answer(ctx, merchant, link, 200);
  }

  // Without an Idempotency-Key, two requests for one order could each create an Alma payment;
  // the customer could then pay one we never recorded. One creation at a time per checkout.
  const db = dbOf(ctx.storage);
  if (!(await claimPaymentCreation(db, link.id, ctx.now(), ctx.now() + CREATION_CLAIM_MS))) {
    return problem(
      "checkout_in_progress",
      `order ${link.platformOrderRef}'s checkout is being created; retry shortly`,
      {
        field: "order_reference",
      },
    );
  }
  try {
    const current = (await ctx.storage.getPaymentLink(merchant.id, link.id)) ?? link;
    if (current.almaPaymentId && checkoutCustomOf(current)?.payment_url)
      return answer(ctx, merchant, current, 200);
    return await createAlmaPayment(ctx, alma, merchant, current, body, custom);
  } finally {
    await releasePaymentCreation(db, link.id);
  }
}

/**
 * Longer than a creation can take (the look-up and the creation each within ALMA_INTERACTIVE's
 * 3 s budget), short enough that after a crash the agency's retry goes through within a minute.
 */
const CREATION_CLAIM_MS = 30_000;

async function createAlmaPayment(
  ctx: Ctx,
  alma: AlmaClient,
  merchant: Tenant,
  link: PaymentLink,
  body: CheckoutBody,
  custom: CheckoutCustom,
): Promise<OpResult> {
  let payment: Awaited<ReturnType<AlmaClient["payments"]["create"]>>;
  try {
    // An earlier attempt whose outcome is unknown (answer lost, process killed before saving) may
    // have created the payment: adopt it rather than make a second one for the same checkout.
    const attemptedAt = link.custom.almaCreationAttemptedAt;
    const adopted =
      typeof attemptedAt === "number" ? await findPaymentForLink(alma, link.id, attemptedAt) : undefined;
    if (adopted) payment = adopted;
    else {
      // Each write below merges onto the link as it is then, not onto this copy read before Alma's call.
      await mergePaymentCustom(ctx.storage, merchant.id, link.id, { almaCreationAttemptedAt: ctx.now() });
      payment = await alma.payments
        .create(almaPaymentInput(ctx, merchant, link, body))
        .catch(async (error) => {
          // Alma provably made nothing (a refusal, a refused connection): no need to look next time,
          // so the mark goes back to what it was (the earlier attempt's time, or none).
          if (!mayHaveCreated(error))
            await mergePaymentCustom(ctx.storage, merchant.id, link.id, {
              almaCreationAttemptedAt: attemptedAt,
            });
          throw error;
        });
    }
  } catch (error) {
    ctx.logger.warn(
      { tenantId: merchant.id, paymentLinkId: link.id, err: String(error) },
      "Alma refused the checkout",
    );
    return almaProblem(error);
  }
  // Saved before answering, so the IPN (which looks the payment up by its Alma id) finds it.
  const saved = await mergePaymentCustom(
    ctx.storage,
    merchant.id,
    link.id,
    { bridge: { ...custom, payment_url: payment.url } },
    // A checkout retried after a mode switch gets its new payment in the new mode.
    { almaPaymentId: payment.id, almaMode: merchant.almaMode },
  );
  ctx.logger.info(
    { tenantId: merchant.id, paymentLinkId: link.id, almaPaymentId: payment.id, planKey: link.planKey },
    "bridge checkout created",
  );
  return answer(ctx, merchant, saved ?? link, 201);
}

async function answer(ctx: Ctx, merchant: Tenant, link: PaymentLink, status: number): Promise<OpResult> {
  const order = await getOrder(dbOf(ctx.storage), merchant.id, link.id);
  const view = paymentView(link, merchantRefOf(merchant), order);
  return ok(status, { object: "checkout", redirect_url: view.payment_url, payment: view });
}

/** A second checkout for one order reference must be the same checkout, still open. */
function sameCheckout(link: PaymentLink, amount: number, planKey: string, trigger: boolean) {
  if (
    link.amountCents !== amount ||
    link.planKey !== planKey ||
    (checkoutCustomOf(link)?.payment_upon_trigger ?? false) !== trigger
  ) {
    return problem(
      "order_reference_conflict",
      `order ${link.platformOrderRef} already has a checkout of ${link.amountCents} cents with ${link.planKey}; use a new order_reference`,
      { field: "order_reference" },
    );
  }
  if (link.state !== "pending") {
    return problem(
      "invalid_state",
      `the checkout of order ${link.platformOrderRef} is already ${link.state}`,
      { field: "order_reference" },
    );
  }
  return undefined;
}

async function eligibility(alma: AlmaClient, plans: FeePlan[], body: CheckoutBody): Promise<OpResult> {
  if (plans.length === 0) return ok(200, eligibilityView([], plans, body));
  try {
    const answers = await alma.eligibility.check({
      purchase_amount: body.amount,
      queries: plans.map((p) => ({
        installments_count: p.installments_count,
        deferred_days: p.deferred_days,
        deferred_months: p.deferred_months,
      })),
      billing_address: body.billing_address,
      shipping_address: body.shipping_address,
    });
    return ok(200, eligibilityView(answers, plans, body));
  } catch (error) {
    return almaProblem(error);
  }
}
