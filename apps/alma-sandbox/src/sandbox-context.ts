import type { Request } from "express";
import type { SandboxClock } from "./clock/sandbox-clock.ts";
import { requestOrigin } from "./http/request-origin.ts";
import type { IpnReason } from "./ipn/ipn-delivery.ts";
import type { IpnOutbox } from "./ipn/ipn-outbox.ts";
import type { AwaitingTriggerState } from "./lifecycle/settle-state.ts";
import type { AmountLimits } from "./merchants/fee-plan.ts";
import type { PaymentRecord } from "./payments/payment-record.ts";
import type { PaymentRepository } from "./payments/payment-repository.ts";
import type { SandboxStore } from "./store/sandbox-store.ts";

/** What every route and use case of the sandbox is given. */
export interface SandboxContext {
  store: SandboxStore;
  clock: SandboxClock;
  ipnOutbox: IpnOutbox;
  payments: PaymentRepository;
  limits: AmountLimits;
  /** Origin of hosted pages; when absent, the origin the API request came to. */
  publicUrl: string | undefined;
  /** `like_alma`: only acceptances are notified (see `notifyMerchant`). */
  notifications: SandboxNotifications;
  /** What an accepted payment upon trigger reports before its trigger. */
  triggerState: AwaitingTriggerState;
}

/**
 * `all`: every change a merchant may care about is notified (acceptance, refusal after review,
 * expiry), convenient for a demo. `like_alma`: only acceptances, as Alma documents its IPN; a
 * merchant must then find expiries and late refusals by asking (polling open payments).
 */
export type SandboxNotifications = "all" | "like_alma";

/** The sandbox's own base URL (what a client uses as Alma's baseUrl). */
export function apiRoot(ctx: SandboxContext, req: Request): string {
  return ctx.publicUrl ? `${ctx.publicUrl}/alma-sandbox` : `${requestOrigin(req)}${req.baseUrl}`;
}

/**
 * Queues an IPN for the payment, if the merchant gave an ipn_callback_url. Behaving like Alma,
 * only for an acceptance at checkout: Alma does not promise one for a decision taken after review
 * (`afterReview`), whichever it is, nor for an expiry.
 */
export function notifyMerchant(
  ctx: SandboxContext,
  record: PaymentRecord,
  reason: IpnReason,
  afterReview = false,
): void {
  const url = record.payment.ipn_callback_url;
  if (!url) return;
  if (ctx.notifications === "like_alma" && (reason !== "accepted" || afterReview)) return;
  ctx.ipnOutbox.enqueue({
    paymentId: record.payment.id,
    merchantId: record.internal.merchantId,
    url,
    reason,
  });
}
