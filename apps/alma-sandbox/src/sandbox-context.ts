import type { Request } from "express";
import type { SandboxClock } from "./clock/sandbox-clock.ts";
import { requestOrigin } from "./http/request-origin.ts";
import type { IpnReason } from "./ipn/ipn-delivery.ts";
import type { IpnOutbox } from "./ipn/ipn-outbox.ts";
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
}

/** The sandbox's own base URL (what a client uses as Alma's baseUrl). */
export function apiRoot(ctx: SandboxContext, req: Request): string {
  return ctx.publicUrl ? `${ctx.publicUrl}/alma-sandbox` : `${requestOrigin(req)}${req.baseUrl}`;
}

/** Queues an IPN for the payment, if the merchant gave an ipn_callback_url. */
export function notifyMerchant(ctx: SandboxContext, record: PaymentRecord, reason: IpnReason): void {
  const url = record.payment.ipn_callback_url;
  if (!url) return;
  ctx.ipnOutbox.enqueue({
    paymentId: record.payment.id,
    merchantId: record.internal.merchantId,
    url,
    reason,
  });
}
