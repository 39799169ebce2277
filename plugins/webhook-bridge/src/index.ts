export type { BridgeConfig } from "./config/bridge-config.ts";
export { bridgeConfigSchema } from "./config/bridge-config.ts";
export { type Bridge, createBridge } from "./create-bridge.ts";
export { EVENT_TYPES, type EventType } from "./events/event-types.ts";
export { webhookBridgePlugin } from "./webhook-bridge-plugin.ts";
export { RETRY_DELAYS_MS } from "./webhooks/retry-schedule.ts";
export { signWebhook, type WebhookSecret, webhookHeaders, webhookKey } from "./webhooks/webhook-signature.ts";
