// Helpers for other packages' end-to-end tests: pay on the hosted page as a customer would, and
// open the merchant accounts whose keys a test uses.
export { follow, type PageResponse, type PayOptions, page, pay } from "./checkout-driver.ts";
export {
  type MerchantAccountRequest,
  provisionSandboxKeys,
  provisionSandboxMerchant,
} from "./provision-merchant-over-http.ts";
