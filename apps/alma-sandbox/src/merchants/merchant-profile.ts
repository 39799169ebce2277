import type { AmountLimits } from "./fee-plan.ts";
import type { MerchantRecord } from "./merchant-record.ts";

export const SANDBOX_MERCHANT_WEBSITE = "https://shop.example";

/** `GET /v1/me`: the merchant as Alma describes it (fixtures/alma/merchant/extended-data.json). */
export function merchantProfile(merchant: MerchantRecord, limits: AmountLimits, apiRoot: string) {
  return {
    id: merchant.id,
    api_root: apiRoot,
    name: merchant.name,
    website: SANDBOX_MERCHANT_WEBSITE,
    country: "FR",
    created: merchant.created,
    logo_url: null,
    can_create_payments: true,
    cms_allow_inpage: true,
    minimum_purchase_amount: limits.min,
    maximum_purchase_amount: limits.max,
    maximum_purchase_exposure: limits.max,
  };
}
