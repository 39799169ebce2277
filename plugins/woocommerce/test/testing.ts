// `@alma-suite/woocommerce/testing`: the fake WooCommerce store and helpers for end-to-end tests.
export * from "./fake-woocommerce/index.ts";
export { gatewayCall, paymentUrlIn } from "./support/gateway-call.ts";
export { startReceiver } from "./support/http-receiver.ts";
export { LIVE_GATEWAY_PHP, type PhpGatewayCall, runPhpGateway } from "./support/php-gateway.ts";
export { installGatewayDouble } from "./support/php-gateway-double.ts";
