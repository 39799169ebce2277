export { follow, type Page, page, payOnAlma, pickPlan } from "./alma-checkout-driver.ts";
export type { FakeSession, RecordedMutation } from "./fake-payments-api.ts";
export { FakeShopify, type FakeShopifyOptions } from "./fake-shopify.ts";
export { BROWSER_UA, CookieJar, installShop } from "./install-shop.ts";
export { type ShopSetup, setUpShop } from "./set-up-shop.ts";
export {
  type AppAnswer,
  followUpSession,
  loadShopifyFixture,
  paymentSession,
  SHOPIFY_API_VERSION_HEADER,
  sendSession,
  sendWebhook,
} from "./shopify-requests.ts";
export { signQuery, signWebhook } from "./shopify-signing.ts";
export { waitForIdleJobs, waitUntil } from "./wait-for-jobs.ts";
