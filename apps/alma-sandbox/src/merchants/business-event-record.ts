/** A business event as `POST /v1/me/business-events` received it, readable at `/_admin/business-events`. */
export interface BusinessEventRecord {
  id: string;
  merchant_id: string;
  event_type: "cart_initiated" | "order_confirmed";
  cart_id: string;
  order_id: string | null;
  is_alma_p1x: boolean | null;
  is_alma_bnpl: boolean | null;
  was_bnpl_eligible: boolean | null;
  alma_payment_id: string | null;
  created: number;
}
