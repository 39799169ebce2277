export type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "./platform-adapter.ts";
export type { PlatformPlugin, PluginJobHandler } from "./platform-plugin.ts";
export type { PluginDeps, PluginLogger } from "./plugin-deps.ts";
