export type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "./platform-adapter.ts";
export type { PlatformPlugin, PluginJobHandler } from "./platform-plugin.ts";
export type { DashboardDelivery, PluginDashboard } from "./plugin-dashboard.ts";
export { ALMA_INTERACTIVE, type AlmaCallOptions, type PluginDeps, type PluginLogger } from "./plugin-deps.ts";
