import type { WooDeps } from "../store/woo-deps.ts";

export type WaitedRefund =
  | { state: "succeeded"; almaRefundId: string }
  | { state: "failed" | "timed_out"; message: string };

/**
 * Polls the refund's state while its job runs. On time-out the refund is moved to `failed` with a
 * compare-and-set, because the gateway will answer an error and WooCommerce will then delete its
 * refund: a job finishing later sees `failed` and records its Alma refund back into WooCommerce
 * instead (see refundJob), so the two never disagree for long.
 */
export async function waitForRefund(
  deps: WooDeps,
  tenantId: string,
  refundId: string,
  timeoutMs = 20_000,
): Promise<WaitedRefund> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    const refund = await deps.storage.getRefund(tenantId, refundId);
    if (refund?.state === "succeeded") return { state: "succeeded", almaRefundId: refund.almaRefundId ?? "" };
    if (!refund || refund.state === "failed") return { state: "failed", message: "Alma refused the refund" };
    if (Date.now() >= deadline) {
      const gaveUp = await deps.storage.transitionRefund(tenantId, refundId, ["pending"], "failed");
      if (gaveUp)
        return {
          state: "timed_out",
          // Not "not made": a request already sent may still go through at Alma. Then it is
          // added to the order by itself, which the merchant must check before refunding again.
          message:
            "Alma did not answer in time. If Alma completes this refund later, it is added to the order by itself: check the order notes before refunding again.",
        };
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
