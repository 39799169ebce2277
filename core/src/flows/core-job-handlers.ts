import type { AlmaClient } from "../alma/alma-client.ts";
import type { JobDefinition } from "../jobs/job-type.ts";
import type { PlatformAdapter } from "../platform/platform-adapter.ts";
import type { AlmaCallOptions, PluginLogger } from "../platform/plugin-deps.ts";
import type { Storage } from "../storage/storage.ts";
import { confirmPayment } from "./confirm-payment.ts";
import { callPlatform, confirmPaymentJob, flagFraudJob, platformCallJob } from "./platform-call.ts";
import { dashboardRefundJob } from "./request-dashboard-refund.ts";
import { runDashboardRefund } from "./run-dashboard-refund.ts";

/**
 * The jobs core's flows enqueue: confirming a notified payment, asking Alma to flag fraud,
 * calling a tenant's platform adapter, and refunding from the merchant dashboard. A throw means "retry later"; a rejection value
 * from the platform (unknown order, refund too large) is final and goes to the event log.
 * The server's worker runs them; so does any test harness that stands in for the server.
 */
export function coreJobHandlers(options: {
  storage: Storage;
  almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
  adapterFor: (platform: string) => PlatformAdapter | undefined;
  logger: PluginLogger;
}): Record<string, JobDefinition> {
  const { storage, logger } = options;
  return {
    [confirmPaymentJob.type]: confirmPaymentJob.define(async (p) => {
      // The payment is fetched from the Alma account it was made in, whatever the tenant's mode now.
      const mode =
        p.almaMode ?? (await storage.findPaymentModeByAlmaId(p.tenantId, p.almaPaymentId))?.almaMode;
      const outcome = await confirmPayment(
        { storage, alma: await options.almaFor(p.tenantId, mode ? { mode } : undefined) },
        { tenantId: p.tenantId, almaPaymentId: p.almaPaymentId, source: "ipn" },
      );
      logger.info(
        { tenantId: p.tenantId, pid: p.almaPaymentId, outcome: outcome.status },
        "payment confirmed",
      );
    }),
    [flagFraudJob.type]: flagFraudJob.define(async (p) => {
      const alma = await options.almaFor(p.tenantId, p.almaMode ? { mode: p.almaMode } : undefined);
      await alma.payments.flagPotentialFraud(p.almaPaymentId, p.reason);
    }),
    [dashboardRefundJob.type]: dashboardRefundJob.define((p, ctx) =>
      runDashboardRefund({ storage, almaFor: options.almaFor, logger }, p, ctx.renewLease),
    ),
    [platformCallJob.type]: platformCallJob.define(async (p) => {
      const tenant = await storage.getTenant(p.tenantId);
      const adapter = tenant ? options.adapterFor(tenant.platform) : undefined;
      if (!tenant || !adapter) {
        logger.error({ tenantId: p.tenantId, action: p.action }, "no platform adapter for this tenant");
        throw new Error(`no platform adapter for tenant ${p.tenantId}`);
      }
      const outcome = await callPlatform(adapter, p);
      await storage.appendPaymentEvent({
        tenantId: p.tenantId,
        paymentLinkId: p.paymentLinkId,
        type: `platform.${p.action}`,
        data: { outcome },
      });
      if (outcome.status === "rejected") {
        logger.warn({ tenantId: p.tenantId, action: p.action, outcome }, "platform rejected the call");
      }
    }),
  };
}
