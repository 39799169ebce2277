// Public surface of @alma-suite/woocommerce.
export { createWooAdapter } from "./adapter/woo-adapter.ts";
export { runWoocommerceCli, WOOCOMMERCE_USAGE, type WoocommerceCliIo } from "./cli/run-woocommerce-cli.ts";
export {
  defaultWoocommerceConfig,
  type WoocommerceConfig,
  woocommerceConfigSchema,
} from "./config/woocommerce-config.ts";
export {
  type ConnectStoreInput,
  type ConnectStoreResult,
  connectStore,
} from "./connect-store/connect-store.ts";
export { gatewaySignature } from "./gateway/gateway-signature.ts";
export { type ReconcileProgress, type ReconcileResult, reconcileStore } from "./reconcile/reconcile-store.ts";
export { createWooDeps } from "./store/create-woo-deps.ts";
export { GATEWAY_ID } from "./store/store-settings.ts";
export type { WooDeps } from "./store/woo-deps.ts";
export { wcSignature } from "./webhooks/wc-signature.ts";
export { woocommercePlugin } from "./woocommerce-plugin.ts";
