import { JOB_STATES } from "../jobs/job.ts";
import { PAYMENT_STATES, type PaymentState } from "../storage/records.ts";

/**
 * The state lists the dashboard's pages offer as filters, as values. Kept apart from the schemas
 * (and free of zod) so the admin app's bundle takes these few strings and not the schema library.
 */
export { JOB_STATES, PAYMENT_STATES };

/** States in which the server accepts a refund (core's requestDashboardRefund); others answer 409. */
export const REFUNDABLE_STATES: readonly PaymentState[] = ["paid", "partially_refunded"];
