export { type ShopifyConfig, shopifyConfigSchema } from "./config/shopify-config.ts";
export { shopifyPlugin } from "./shopify-plugin.ts";
