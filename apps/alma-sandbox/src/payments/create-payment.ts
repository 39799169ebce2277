import { formatMoney, formatPlanKey } from "@alma-suite/core";
import type { FieldError } from "../http/send-error.ts";
import { newId } from "../ids/new-id.ts";
import { findPlan } from "../merchants/demo-fee-plans.ts";
import { merchantFeePlans } from "../merchants/merchant-fee-plans.ts";
import { SANDBOX_MERCHANT_WEBSITE } from "../merchants/merchant-profile.ts";
import type { MerchantRecord } from "../merchants/merchant-record.ts";
import { buildOrder } from "../orders/build-order.ts";
import { indexOrders } from "../orders/order-index.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { AlmaInstalment, AlmaPayment, JsonObject } from "./alma-payment.ts";
import { appendPid } from "./append-pid.ts";
import { buildCustomer } from "./build-customer.ts";
import type { CreatePaymentBody } from "./create-payment-schema.ts";
import type { PaymentRecord } from "./payment-record.ts";
import { pricePlan } from "./price-plan.ts";

export type CreatePaymentResult = { ok: true; record: PaymentRecord } | { ok: false; errors: FieldError[] };

/** `POST /v1/payments`: checks the plan and amount, prices it and stores a `not_started` payment. */
export function createPayment(
  ctx: SandboxContext,
  merchant: MerchantRecord,
  body: CreatePaymentBody,
  /** URL of the sandbox root (…/alma-sandbox); hosted pages live under it. */
  sandboxUrl: string,
): CreatePaymentResult {
  const input = body.payment;
  const wanted = {
    installmentsCount: input.installments_count,
    deferredDays: input.deferred_days,
    deferredMonths: input.deferred_months,
  };
  const plan = findPlan(merchantFeePlans(merchant, ctx.limits), wanted);
  if (!plan?.allowed) {
    const key = formatPlanKey({ kind: "general", ...wanted });
    return fail("payment.installments_count", `No fee plan ${key} is enabled for this merchant`);
  }
  const amount = input.purchase_amount;
  if (amount < plan.min_purchase_amount || amount > plan.max_purchase_amount) {
    return fail(
      "payment.purchase_amount",
      `must be between ${formatMoney(plan.min_purchase_amount)} and ${formatMoney(plan.max_purchase_amount)}`,
    );
  }
  const trigger = input.deferred === "trigger";
  if (trigger && plan.deferred_trigger_limit_days === null) {
    return fail(
      "payment.deferred",
      `Plan ${formatPlanKey({ kind: "general", ...wanted })} has no payment upon trigger`,
    );
  }
  const now = ctx.clock.nowSeconds();
  const id = newId("payment");
  const price = pricePlan(plan, amount, new Date(now * 1000));
  const plainJson = (value: unknown) => (value ? (JSON.parse(JSON.stringify(value)) as JsonObject) : null);
  const billing = plainJson(input.billing_address);
  const payment: AlmaPayment = {
    id,
    created: now,
    updated: now,
    url: `${sandboxUrl}/checkout/${id}`,
    state: "not_started",
    processing_status: null,
    kind: `P${plan.installments_count}X`,
    origin: input.origin ?? "online",
    integration_origin: null,
    locale: input.locale ?? "fr",
    purchase_amount: amount,
    installments_count: plan.installments_count,
    deferred_days: plan.deferred_days,
    deferred_months: plan.deferred_months,
    customer_fee: price.customerFee,
    customer_interest: price.customerInterest,
    merchant_target_fee: price.merchantFee.total,
    fees: { merchant: price.merchantFee },
    payment_plan: price.schedule.map(
      (line): AlmaInstalment => ({
        id: newId("installment"),
        due_date: line.dueDate,
        purchase_amount: line.purchaseAmount,
        original_purchase_amount: line.purchaseAmount,
        customer_fee: line.customerFee,
        customer_interest: line.customerInterest,
        total_amount: line.totalAmount,
        refunded_interest: 0,
        date_paid: null,
        customer_can_postpone: false,
        is_check: false,
        state: "pending",
      }),
    ),
    refunds: [],
    orders: [],
    amount_already_refunded: 0,
    is_completely_refunded: false,
    customer_fees_refunded: 0,
    cancelation_reason: null,
    deferred_trigger: trigger,
    deferred_trigger_description: trigger ? (input.deferred_description ?? "at shipping") : null,
    deferred_trigger_applied: null,
    is_deferred_capture: false,
    expires_after: input.expires_after ?? null,
    expired_at: null,
    custom_data: (input.custom_data ?? null) as AlmaPayment["custom_data"],
    customer: buildCustomer(body.customer ?? undefined, billing, now),
    billing_address: billing,
    shipping_address: plainJson(input.shipping_address),
    cart: plainJson(input.cart),
    return_url: input.return_url ? appendPid(input.return_url, id) : null,
    ipn_callback_url: input.ipn_callback_url ? appendPid(input.ipn_callback_url, id) : null,
    customer_cancel_url: input.customer_cancel_url ? appendPid(input.customer_cancel_url, id) : null,
    failure_return_url: input.failure_return_url ?? null,
    merchant_id: merchant.id,
    merchant_name: merchant.name,
    merchant_website: SANDBOX_MERCHANT_WEBSITE,
    logo_url: null,
    country_of_service: "FR",
    transaction_country: typeof billing?.country === "string" ? billing.country.toUpperCase() : "FR",
    requirements: [
      { name: "customer_info", is_met: true },
      { name: "valid_payment_method", is_met: false },
    ],
    can_be_charged: false,
    is_customer_kyced: false,
    preferred_payment_method: null,
    sepa_debit_enabled: false,
    using_sepa_debit: false,
  };
  if (body.order) payment.orders.push(buildOrder(id, body.order, now));
  const record: PaymentRecord = {
    payment,
    internal: {
      merchantId: merchant.id,
      card: null,
      attempt: null,
      decideAt: null,
      triggerDeadline:
        trigger && plan.deferred_trigger_limit_days !== null
          ? now + plan.deferred_trigger_limit_days * 86_400
          : null,
      refundedPurchase: 0,
      refundedFromCollected: 0,
      potentialFraud: [],
    },
  };
  ctx.payments.save(record);
  indexOrders(ctx, merchant.id, payment.orders);
  return { ok: true, record };
}

function fail(field: string, message: string): CreatePaymentResult {
  return { ok: false, errors: [{ field, message }] };
}
