export type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "./platform-adapter.ts";
export type { PlatformPlugin, PluginJobHandler } from "./platform-plugin.ts";
