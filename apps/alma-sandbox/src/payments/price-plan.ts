import { buildSchedule, feeFromBasisPoints, type ScheduledInstalment } from "@alma-suite/core";
import type { FeePlan } from "../merchants/fee-plan.ts";

export interface PlanPrice {
  customerFee: number;
  customerInterest: number;
  schedule: ScheduledInstalment[];
  merchantFee: { total: number; tax: number; total_excluding_tax: number };
  /** Basis points; only credit plans lend at a rate (0 otherwise, as in eligibility fixtures). */
  annualInterestRate: number;
  customerTotalCost: number;
  customerTotalCostBps: number;
}

/** French VAT on Alma's merchant fees, shown as `fees.merchant.tax`. */
const VAT_BPS = 2000;

/**
 * What a plan costs, shared by eligibility and payment creation so both always agree: the
 * customer fee (charged on instalment 1), credit interest, the schedule and the merchant fee.
 */
export function pricePlan(plan: FeePlan, amount: number, start: Date): PlanPrice {
  const customerFee = feeFromBasisPoints(amount, plan.customer_fee_variable, plan.customer_fee_fixed);
  const isCredit = plan.installments_count > 4 && plan.customer_lending_rate > 0;
  const customerInterest = isCredit
    ? annuityInterest(amount, plan.installments_count, plan.customer_lending_rate)
    : 0;
  const schedule = buildSchedule({
    totalCents: amount,
    installmentsCount: plan.installments_count,
    deferredDays: plan.deferred_days,
    deferredMonths: plan.deferred_months,
    customerFeeCents: customerFee,
    customerInterestCents: customerInterest,
    start,
  });
  const excludingTax = feeFromBasisPoints(amount, plan.merchant_fee_variable, plan.merchant_fee_fixed);
  const tax = feeFromBasisPoints(excludingTax, VAT_BPS);
  const customerTotalCost = customerFee + customerInterest;
  return {
    customerFee,
    customerInterest,
    schedule,
    merchantFee: { total: excludingTax + tax, tax, total_excluding_tax: excludingTax },
    annualInterestRate: isCredit ? plan.customer_lending_rate : 0,
    customerTotalCost,
    customerTotalCostBps: Math.round((customerTotalCost * 10000) / amount),
  };
}

/** Total interest of a loan repaid in equal monthly payments at a yearly rate (bps), to the cent. */
export function annuityInterest(principal: number, months: number, yearlyBps: number): number {
  const monthly = yearlyBps / 10000 / 12;
  const payment = (principal * monthly) / (1 - (1 + monthly) ** -months);
  return Math.round(payment * months - principal);
}
