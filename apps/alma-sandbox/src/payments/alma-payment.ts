/** The public objects the API returns, shaped like Alma's payment, instalment and refund objects. */

export type InstalmentState = "pending" | "paid" | "incident" | "claimed" | "covered";

export interface AlmaInstalment {
  id: string;
  due_date: number;
  purchase_amount: number;
  original_purchase_amount: number;
  customer_fee: number;
  customer_interest: number;
  total_amount: number;
  refunded_interest: number;
  date_paid: number | null;
  customer_can_postpone: boolean;
  is_check: boolean;
  state: InstalmentState;
}

export interface AlmaRefund {
  id: string;
  created: number;
  amount: number;
  merchant_reference: string | null;
  comment: string | null;
  payment: string;
  from_payment_cancellation: boolean;
  payment_refund_amount: number;
  rebate_amount: number;
}

export interface AlmaOrder {
  id: string;
  payment: string;
  merchant_reference: string;
  merchant_url: string | null;
  customer_url: string | null;
  comment: string | null;
  data: Record<string, unknown>;
  created: number;
  updated: number;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  status: string | null;
  is_shipped: boolean | null;
}

export type PaymentState =
  | "not_started"
  | "scored_no"
  | "scored_maybe"
  | "scored_yes"
  | "in_progress"
  | "paid"
  | "stopped"
  | "late_dunning"
  | "late_contact_customer"
  | "default";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface AlmaPayment {
  id: string;
  created: number;
  updated: number;
  url: string;
  state: PaymentState;
  processing_status: string | null;
  kind: string;
  origin: string;
  integration_origin: string | null;
  locale: string;
  purchase_amount: number;
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  customer_fee: number;
  customer_interest: number;
  merchant_target_fee: number;
  fees: { merchant: { total: number; tax: number; total_excluding_tax: number } };
  payment_plan: AlmaInstalment[];
  refunds: AlmaRefund[];
  orders: AlmaOrder[];
  amount_already_refunded: number;
  is_completely_refunded: boolean;
  customer_fees_refunded: number;
  cancelation_reason: string | null;
  deferred_trigger: boolean;
  deferred_trigger_description: string | null;
  deferred_trigger_applied: number | null;
  is_deferred_capture: boolean;
  expires_after: number | null;
  expired_at: number | null;
  custom_data: Json;
  customer: JsonObject | null;
  billing_address: JsonObject | null;
  shipping_address: JsonObject | null;
  cart: JsonObject | null;
  return_url: string | null;
  ipn_callback_url: string | null;
  customer_cancel_url: string | null;
  failure_return_url: string | null;
  merchant_id: string;
  merchant_name: string;
  merchant_website: string | null;
  logo_url: string | null;
  country_of_service: string;
  transaction_country: string;
  requirements: { name: string; is_met: boolean }[];
  can_be_charged: boolean;
  is_customer_kyced: boolean;
  preferred_payment_method: "card" | null;
  sepa_debit_enabled: boolean;
  using_sepa_debit: boolean;
}
