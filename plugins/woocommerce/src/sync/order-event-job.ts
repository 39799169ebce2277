import type { PlatformAdapter } from "@alma-suite/core";
import type { JobDefinition } from "@alma-suite/core/storage";
import { type OrderJobPayload, orderEventJobType } from "../jobs/job-types.ts";
import { loadStore } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { syncOrder } from "./sync-order.ts";

/** The job behind an order webhook: re-read the order, then sync it. */
export function orderEventJob(deps: WooDeps, adapter: PlatformAdapter): JobDefinition<OrderJobPayload> {
  return orderEventJobType.define(async ({ tenantId, orderId }) => {
    const store = await loadStore(deps, tenantId);
    if (!store) {
      deps.logger.warn({ tenantId, orderId }, "order event for a store that is gone");
      return;
    }
    const order = await store.woo.getOrder(orderId);
    if (!order) return;
    const actions = await syncOrder(deps, adapter, store, order, "webhook");
    if (actions.length > 0) deps.logger.info({ tenantId, orderId, actions }, "WooCommerce order synced");
  });
}
