/** A payment link the merchant asked Alma to text: recorded, never sent. */
export interface SmsRecord {
  id: string;
  payment_id: string;
  merchant_id: string;
  phone: string | null;
  message: string;
  created: number;
}
