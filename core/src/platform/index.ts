export type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "./platform-adapter.ts";
export type { PlatformPlugin, PluginJobHandler } from "./platform-plugin.ts";
export { ALMA_INTERACTIVE, type AlmaCallOptions, type PluginDeps, type PluginLogger } from "./plugin-deps.ts";
