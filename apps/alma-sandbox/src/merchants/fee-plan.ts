/** A fee plan as Alma's `GET /v1/me/fee-plans` returns it. */
export interface FeePlan {
  kind: "general";
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  allowed: boolean;
  available_online: boolean;
  available_in_pos: boolean;
  min_purchase_amount: number;
  max_purchase_amount: number;
  merchant_fee_variable: number;
  merchant_fee_fixed: number;
  customer_fee_variable: number;
  customer_fee_fixed: number;
  customer_lending_rate: number;
  deferred_trigger_limit_days: number | null;
  deferred_trigger_bypass_scoring: boolean;
  first_installment_ratio: number | null;
  capped: boolean;
  is_under_maximum_interest_regulated_rate: boolean;
  payout_on_acceptance: boolean;
  merchant: string;
}

export interface AmountLimits {
  min: number;
  max: number;
}
