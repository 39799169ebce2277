/** One day of share of checkout as a merchant sent it (`PUT /v1/share-of-checkout`). */
export interface ShareOfCheckoutRecord {
  merchant_id: string;
  /** Unix seconds of the day's start and end as sent (`YYYY-MM-DD 00:00:00` / `… 23:59:59`, UTC). */
  start_time: number;
  end_time: number;
  orders: { total_order_count: number; total_amount: number; currency: string }[];
  payment_methods: {
    payment_method_name: string;
    orders: { order_count: number; amount: number; currency: string }[];
  }[];
  received: number;
}
