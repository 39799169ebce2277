export { allowSelfWebhooks, DEMO_STORE_PLATFORM, demoOperatorToken } from "./allow-self-webhooks.ts";
export { type DemoStoreOptions, demoStore } from "./demo-store.ts";
