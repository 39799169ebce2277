import type { PluginDeps, PluginParts } from "@alma-suite/core";
import { Router as newRouter, type Router } from "express";
import { createWooAdapter } from "./adapter/woo-adapter.ts";
import type { WoocommerceConfig } from "./config/woocommerce-config.ts";
import { connectStoreRoute } from "./connect-store/connect-store-route.ts";
import { returnRoutes } from "./customer-return/return-routes.ts";
import { wooDashboard } from "./dashboard/woo-dashboard.ts";
import { gatewayPaymentRoute } from "./gateway/gateway-payment-route.ts";
import { gatewayRefundRoute } from "./gateway/gateway-refund-route.ts";
import { pluginErrors } from "./http/plugin-errors.ts";
import { ORDER_EVENT_JOB, PAY_LINK_JOB, REFUND_JOB } from "./jobs/job-types.ts";
import { payLinkJob } from "./pay-by-link/pay-link-job.ts";
import { scheduleReconcile, storeReconciliation } from "./reconcile/store-reconciliation.ts";
import { refundJob } from "./refunds/refund-job.ts";
import { createWooDeps } from "./store/create-woo-deps.ts";
import type { WooDeps } from "./store/woo-deps.ts";
import { orderEventJob } from "./sync/order-event-job.ts";
import { webhookRoute } from "./webhooks/webhook-route.ts";

/**
 * The connector's code: store registration, signed order webhooks, the calls of our WordPress
 * gateway, the customer's return from Alma, and the jobs behind them (order sync, pay-by-link,
 * refunds, reconciliation). Loaded by `woocommercePlugin.create`, only where stores are connected.
 */
export function createWoocommerce(config: WoocommerceConfig, pluginDeps: PluginDeps): PluginParts<Router> {
  const deps = createWooDeps(pluginDeps, config);
  const adapter = createWooAdapter(deps);
  const routes = newRouter();
  routes.use(webhookRoute(deps));
  routes.use(gatewayPaymentRoute(deps));
  routes.use(gatewayRefundRoute(deps));
  routes.use(returnRoutes(deps));
  routes.use(connectStoreRoute(deps));
  routes.use(pluginErrors(deps.logger));
  const reconciliation = storeReconciliation(deps, adapter);
  void scheduleAll(deps);
  return {
    routes,
    adapter,
    dashboard: wooDashboard(deps),
    jobs: {
      [ORDER_EVENT_JOB]: orderEventJob(deps, adapter),
      [PAY_LINK_JOB]: payLinkJob(deps),
      [REFUND_JOB]: refundJob(deps, adapter),
      [reconciliation.type]: reconciliation.job,
    },
  };
}

/** Every connected store gets its next reconciliation slot when the server starts. */
async function scheduleAll(deps: WooDeps): Promise<void> {
  if (deps.config.reconcileEveryMinutes <= 0) return;
  try {
    for (const tenant of await deps.storage.listTenants({ platform: "woocommerce", status: "active" })) {
      await scheduleReconcile(deps, tenant.id);
    }
  } catch (error) {
    deps.logger.warn({ err: (error as Error).message }, "could not schedule WooCommerce reconciliations");
  }
}
