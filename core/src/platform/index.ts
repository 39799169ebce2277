export { addressList, isAddressOrRange } from "./address-list.ts";
export { commaList } from "./comma-list.ts";
export type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "./platform-adapter.ts";
export type {
  PlatformPlugin,
  PluginCli,
  PluginClientCertificates,
  PluginCliIo,
  PluginHomeLink,
  PluginJobHandler,
  PluginParts,
  PluginRateLimit,
  PluginRefusal,
} from "./platform-plugin.ts";
export type { DashboardDelivery, PluginDashboard } from "./plugin-dashboard.ts";
export { ALMA_INTERACTIVE, type AlmaCallOptions, type PluginDeps, type PluginLogger } from "./plugin-deps.ts";
export { blankIsUnset, withoutBlankValues } from "./without-blank-values.ts";
