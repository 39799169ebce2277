// Helpers for other packages' end-to-end tests (the server's bridge journeys) and the benchmark.
export { deliveryOnlyBridge } from "./delivery-only-bridge.ts";
export { payOnHostedPage } from "./hosted-page.ts";
export { verifyWithReference } from "./reference-verify.ts";
export { seedEndpoint, seedEvent, seedMerchant } from "./seed.ts";
export { type ReceivedWebhook, startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";
