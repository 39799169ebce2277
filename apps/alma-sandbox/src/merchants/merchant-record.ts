import type { AmountLimits } from "./fee-plan.ts";

export type MerchantMode = "test" | "live";

/**
 * One environment of a merchant account as the sandbox stores it: like Alma, the test and live
 * environments of an account are separate merchants, each with its own `merchant_…` id, key and
 * payments. The key is kept because IPNs are signed with it.
 */
export interface MerchantRecord {
  id: string;
  apiKey: string;
  /** Absent on records written before environments existed: those were test merchants. */
  mode?: MerchantMode;
  /** The other environment of the same account. */
  siblingId?: string | null;
  name: string;
  created: number;
  /** Plan keys (`general_3_0_0`…) Alma enabled for the account; absent means every plan. */
  plans?: string[] | null;
  /** Purchase amount window of every plan; absent means the sandbox's default. */
  limits?: AmountLimits | null;
  /** false while the account is "not yet activated" (v1 eligibility answers 400). */
  activated?: boolean;
}

export function isActivated(merchant: MerchantRecord): boolean {
  return merchant.activated !== false;
}
