import type { MerchantRecord } from "../merchants/merchant-record.ts";
import { merchantForKey } from "../merchants/provision-merchant.ts";
import type { SandboxContext } from "../sandbox-context.ts";

export type MerchantResolution = { ok: true; merchant: MerchantRecord } | { ok: false };

/** Alma's one answer to any credential it does not accept (401), whatever was wrong with it. */
export const CREDENTIALS_INVALID = "Credentials invalid or not supplied";

const MERCHANT_ID = /^merchant_[A-Za-z0-9]{8,}$/;

/**
 * `Alma-Auth <key>` finds the merchant environment the key was issued to; a key the sandbox never
 * issued (however well formed) is refused, as Alma does. `Alma-Merchant-Auth <merchant id>` is
 * accepted where `allowMerchantId` says so, for a merchant that exists.
 */
export function resolveMerchant(
  ctx: SandboxContext,
  header: string | undefined,
  allowMerchantId: boolean,
): MerchantResolution {
  const [scheme = "", credential = "", ...rest] = (header ?? "").trim().split(/\s+/);
  if (rest.length > 0 || credential === "") return { ok: false };
  let merchant: MerchantRecord | undefined;
  if (scheme.toLowerCase() === "alma-auth") merchant = merchantForKey(ctx.store, credential);
  else if (scheme.toLowerCase() === "alma-merchant-auth" && allowMerchantId && MERCHANT_ID.test(credential))
    merchant = ctx.store.merchants.get(credential);
  // Records from before keys were issued have no environment and no key index: never found here.
  return merchant ? { ok: true, merchant } : { ok: false };
}
