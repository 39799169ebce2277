import type { AmountLimits } from "./fee-plan.ts";
import { isActivated, type MerchantRecord } from "./merchant-record.ts";

export const SANDBOX_MERCHANT_WEBSITE = "https://shop.example";

/** `GET /v1/me`: the merchant as Alma describes it (fixtures/alma/merchant/extended-data.json). */
export function merchantProfile(merchant: MerchantRecord, defaultLimits: AmountLimits, apiRoot: string) {
  const limits = merchant.limits ?? defaultLimits;
  return {
    id: merchant.id,
    api_root: apiRoot,
    name: merchant.name,
    website: SANDBOX_MERCHANT_WEBSITE,
    country: "FR",
    created: merchant.created,
    logo_url: null,
    can_create_payments: isActivated(merchant),
    cms_allow_inpage: true,
    minimum_purchase_amount: limits.min,
    maximum_purchase_amount: limits.max,
    maximum_purchase_exposure: limits.max,
  };
}
