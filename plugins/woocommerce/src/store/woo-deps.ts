import type { PluginDeps } from "@alma-suite/core";
import type { WoocommerceConfig } from "../config/woocommerce-config.ts";
import type { KeyedMutex } from "../shared/keyed-mutex.ts";

/** What every use case of this plugin receives: the server's deps, our configuration, our locks. */
export interface WooDeps extends PluginDeps {
  config: WoocommerceConfig;
  /** Per-order locks of this plugin instance (see KeyedMutex). */
  locks: KeyedMutex;
}

export const orderLockKey = (tenantId: string, orderId: number | string) => `${tenantId}:order:${orderId}`;
