import type { AlmaClient, PlatformAdapter } from "@alma-suite/core";
import {
  CONFIRM_PAYMENT_JOB,
  type ConfirmPaymentPayload,
  confirmPayment,
  FLAG_FRAUD_JOB,
  type FlagFraudPayload,
  PLATFORM_CALL_JOB,
  type PlatformCallPayload,
} from "@alma-suite/core/flows";
import type { JobHandler, Storage } from "@alma-suite/core/storage";
import type { Logger } from "../observability/create-logger.ts";

/**
 * The jobs core's flows enqueue: confirming a notified payment, asking Alma to flag fraud,
 * and calling a tenant's platform adapter. A throw means "retry later"; a rejection value
 * from the platform (unknown order, refund too large) is final and goes to the event log.
 */
export function coreJobHandlers(options: {
  storage: Storage;
  almaFor: (tenantId: string) => Promise<AlmaClient>;
  adapterFor: (platform: string) => PlatformAdapter | undefined;
  logger: Logger;
}): Record<string, JobHandler> {
  const { storage, logger } = options;
  return {
    [CONFIRM_PAYMENT_JOB]: async (payload) => {
      const p = payload as ConfirmPaymentPayload;
      const outcome = await confirmPayment(
        { storage, alma: await options.almaFor(p.tenantId) },
        { ...p, source: "ipn" },
      );
      logger.info(
        { tenantId: p.tenantId, pid: p.almaPaymentId, outcome: outcome.status },
        "payment confirmed",
      );
    },
    [FLAG_FRAUD_JOB]: async (payload) => {
      const p = payload as FlagFraudPayload;
      await (await options.almaFor(p.tenantId)).payments.flagPotentialFraud(p.almaPaymentId, p.reason);
    },
    [PLATFORM_CALL_JOB]: async (payload) => {
      const p = payload as PlatformCallPayload;
      const tenant = await storage.getTenant(p.tenantId);
      const adapter = tenant ? options.adapterFor(tenant.platform) : undefined;
      if (!tenant || !adapter) {
        logger.error({ tenantId: p.tenantId, action: p.action }, "no platform adapter for this tenant");
        throw new Error(`no platform adapter for tenant ${p.tenantId}`);
      }
      const call = adapter[p.action] as (input: unknown) => ReturnType<PlatformAdapter["markOrderPaid"]>;
      const outcome = await call.call(adapter, p.input);
      await storage.appendPaymentEvent({
        tenantId: p.tenantId,
        paymentLinkId: p.paymentLinkId,
        type: `platform.${p.action}`,
        data: { outcome },
      });
      if (outcome.status === "rejected") {
        logger.warn({ tenantId: p.tenantId, action: p.action, outcome }, "platform rejected the call");
      }
    },
  };
}
