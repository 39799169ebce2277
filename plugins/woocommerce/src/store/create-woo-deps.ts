import type { PluginDeps } from "@alma-suite/core";
import { defaultWoocommerceConfig, type WoocommerceConfig } from "../config/woocommerce-config.ts";
import { KeyedMutex } from "../shared/keyed-mutex.ts";
import type { WooDeps } from "./woo-deps.ts";

/** The plugin's deps outside the server (CLI, benchmarks): the server's deps plus config and locks. */
export function createWooDeps(
  deps: PluginDeps,
  config: WoocommerceConfig = defaultWoocommerceConfig(),
): WooDeps {
  return { ...deps, config, locks: new KeyedMutex() };
}
