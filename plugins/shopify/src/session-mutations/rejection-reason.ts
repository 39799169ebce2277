import type { FailureReason } from "@alma-suite/core";
import type { RejectionCode } from "../payment-session/session-record.ts";

/**
 * Codes of `PaymentSessionStateRejectedReason` in the pinned API version (2026-07). Alma's
 * refusal after scoring is a credit decision, not a card or fraud problem: PROCESSING_ERROR
 * with Alma's wording in the merchant message. An amount that does not match the order is
 * treated as suspected fraud, as Alma's own plugins flag it.
 */
export function rejectionCodeFor(reason: FailureReason): RejectionCode {
  switch (reason) {
    case "amount_mismatch":
    case "risk":
      return "FRAUD_SUSPECTED";
    default:
      return "PROCESSING_ERROR";
  }
}
