import { notifyMerchant, type SandboxContext } from "../sandbox-context.ts";
import { advancePayment } from "./advance-payment.ts";

/**
 * Applies everything sandbox time has made due (decisions, expiries, instalments, late states).
 * Run before each request and after each clock move, so real and simulated time both count.
 */
export function runDueEvents(ctx: SandboxContext): void {
  const now = ctx.clock.nowSeconds();
  for (const id of ctx.payments.dueIds(now)) {
    const record = ctx.payments.get(id);
    if (!record) continue;
    const reasons = advancePayment(record, now, ctx.triggerState);
    ctx.payments.save(record);
    // What time brings is a review's decision or an expiry, never an acceptance at checkout.
    for (const reason of reasons) notifyMerchant(ctx, record, reason, true);
  }
}
