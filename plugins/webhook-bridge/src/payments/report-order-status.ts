import { AlmaNotFoundError } from "@alma-suite/core";
import { confirmPayment } from "@alma-suite/core/flows";
import type { Tenant } from "@alma-suite/core/storage";
import { getOrder } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { almaProblem } from "../http/alma-problem.ts";
import { type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { paymentView } from "./payment-view.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "now" | "logger">;

const ACCEPTED = ["authorized", "paid", "partially_refunded", "refunded"];

/**
 * Forwards the shop's order status to Alma's order on the payment and, for a payment upon
 * trigger, triggers it when the order ships (or when asked): Alma then charges the first
 * instalment. Alma sends no notification for a trigger, so the confirmation runs here.
 */
export async function reportOrderStatus(
  ctx: Ctx,
  merchant: Tenant,
  input: { paymentId: string; status: string; isShipped: boolean | null; trigger?: boolean },
): Promise<OpResult> {
  const link = await ctx.storage.getPaymentLink(merchant.id, input.paymentId);
  if (!link) return problem("payment_not_found", `no payment ${input.paymentId}`, { field: "paymentId" });
  if (!link.almaPaymentId || !ACCEPTED.includes(link.state)) {
    return problem(
      "invalid_state",
      `payment ${link.id} is ${link.state}; report statuses of accepted payments`,
    );
  }
  if (input.trigger === true && link.state !== "authorized") {
    return problem("invalid_state", `payment ${link.id} is not waiting for a trigger`, { field: "trigger" });
  }
  const almaId = link.almaPaymentId;
  const alma = await ctx.almaFor(merchant.id, { mode: link.almaMode });
  const update = { status: input.status, isShipped: input.isShipped };
  let triggered = false;
  try {
    try {
      await alma.orders.updateStatus(almaId, link.platformOrderRef, update);
    } catch (error) {
      // A payment created elsewhere may lack our order: attach it, then set its status.
      if (!(error instanceof AlmaNotFoundError)) throw error;
      await alma.orders.add(almaId, { merchant_reference: link.platformOrderRef });
      await alma.orders.updateStatus(almaId, link.platformOrderRef, update);
    }
    if ((input.trigger ?? input.isShipped === true) && link.state === "authorized") {
      await alma.payments.trigger(almaId);
      triggered = true;
    }
  } catch (error) {
    return almaProblem(error);
  }
  if (triggered) {
    const outcome = await confirmPayment(
      { storage: ctx.storage, alma },
      { tenantId: merchant.id, almaPaymentId: almaId, source: "reconciliation" },
    );
    ctx.logger.info(
      { tenantId: merchant.id, paymentLinkId: link.id, outcome: outcome.status },
      "payment triggered",
    );
  }
  const [current, order] = await Promise.all([
    ctx.storage.getPaymentLink(merchant.id, link.id),
    getOrder(dbOf(ctx.storage), merchant.id, link.id),
  ]);
  return ok(200, { triggered, payment: paymentView(current ?? link, merchantRefOf(merchant), order) });
}
