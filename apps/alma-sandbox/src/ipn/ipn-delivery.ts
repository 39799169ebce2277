export type IpnReason = "accepted" | "refused" | "expired";

export interface IpnAttempt {
  /** Real time (ISO 8601): retries follow the wall clock, not the sandbox clock. */
  at: string;
  status: number | null;
  error: string | null;
}

/** One notification and its delivery history, as `GET /_admin/ipns` shows it. */
export interface IpnDelivery {
  id: string;
  payment_id: string;
  merchant_id: string;
  url: string;
  reason: IpnReason;
  /** Sandbox time (unix s) of the event. */
  created: number;
  attempts: IpnAttempt[];
  delivered: boolean;
  gave_up: boolean;
  next_attempt_at: string | null;
}
