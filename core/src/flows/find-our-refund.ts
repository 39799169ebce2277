import type { Refund as AlmaRefund } from "../alma/schemas/refund.ts";
import type { Refund } from "../storage/records.ts";
import { isDashboardRefundReference } from "./request-dashboard-refund.ts";

/**
 * Our record of a refund Alma lists, when we have one: by its Alma id once recorded, else by the
 * `merchant_reference` we sent with it (a platform's reference, or a dashboard refund's own id).
 * Reconciliation records only the refunds this finds nothing for (made in Alma's dashboard).
 */
export function findOurRefund(
  ours: readonly Refund[],
  almaRefund: Pick<AlmaRefund, "id" | "merchant_reference">,
): Refund | undefined {
  const reference = almaRefund.merchant_reference;
  return (
    ours.find((r) => r.almaRefundId === almaRefund.id) ??
    (reference
      ? ours.find((r) => r.platformRefundRef === reference || isDashboardRefundReference(r, reference))
      : undefined)
  );
}
