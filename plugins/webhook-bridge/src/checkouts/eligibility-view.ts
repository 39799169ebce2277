import { type Eligibility, type FeePlan, formatPlanKey } from "@alma-suite/core";
import type { z } from "zod";
import type { CheckoutBody, eligibilityViewSchema } from "./checkout-schema.ts";

/** Alma's answers, one per plan, in the agency's shape: plan keys, ISO dates, cents. */
export function eligibilityView(
  answers: Eligibility[],
  plans: FeePlan[],
  body: CheckoutBody,
): z.infer<typeof eligibilityViewSchema> {
  return {
    object: "eligibility",
    amount: body.amount,
    currency: body.currency.toUpperCase(),
    plans: answers.map((answer, index) => {
      const plan = plans[index];
      const key = formatPlanKey({
        kind: "general",
        installmentsCount: answer.installments_count,
        deferredDays: answer.deferred_days,
        deferredMonths: answer.deferred_months,
      });
      const common = {
        plan: key,
        installments_count: answer.installments_count,
        deferred_days: answer.deferred_days,
        deferred_months: answer.deferred_months,
        payment_upon_trigger_available: (plan?.deferred_trigger_limit_days ?? null) !== null,
      };
      if (!answer.eligible) {
        return {
          ...common,
          eligible: false,
          customer_fee: null,
          customer_total_cost_amount: null,
          annual_interest_rate: null,
          instalments: [],
          constraints: answer.constraints ?? null,
        };
      }
      return {
        ...common,
        eligible: true,
        customer_fee: answer.customer_fee ?? null,
        customer_total_cost_amount: answer.customer_total_cost_amount ?? null,
        annual_interest_rate: answer.annual_interest_rate ?? null,
        instalments: answer.payment_plan.map((line) => ({
          due_date: new Date(line.due_date * 1000).toISOString().slice(0, 10),
          amount: line.total_amount,
          purchase_amount: line.purchase_amount,
          customer_fee: line.customer_fee,
        })),
        constraints: null,
      };
    }),
  };
}
