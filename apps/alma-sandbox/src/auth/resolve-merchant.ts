import { merchantIdForKey } from "../merchants/merchant-id.ts";
import type { MerchantRecord } from "../merchants/merchant-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";

export type MerchantResolution = { ok: true; merchant: MerchantRecord } | { ok: false; message: string };

const TEST_KEY = /^sk_test_[A-Za-z0-9]{8,}$/;
const MERCHANT_ID = /^merchant_[A-Za-z0-9]{8,}$/;

export function resolveMerchant(
  ctx: SandboxContext,
  header: string | undefined,
  allowMerchantId: boolean,
): MerchantResolution {
  if (!header) return { ok: false, message: "Missing Authorization header: expected `Alma-Auth <API key>`" };
  const [scheme = "", credential = "", ...rest] = header.trim().split(/\s+/);
  if (rest.length > 0 || credential === "") {
    return { ok: false, message: "Malformed Authorization header: expected `Alma-Auth <API key>`" };
  }
  if (scheme.toLowerCase() === "alma-auth") return fromApiKey(ctx, credential);
  if (scheme.toLowerCase() === "alma-merchant-auth" && allowMerchantId) {
    const merchant = MERCHANT_ID.test(credential) ? ctx.store.merchants.get(credential) : undefined;
    return merchant ? { ok: true, merchant } : { ok: false, message: "Unknown merchant id" };
  }
  return { ok: false, message: `Unsupported authorization scheme "${scheme.slice(0, 30)}"` };
}

function fromApiKey(ctx: SandboxContext, apiKey: string): MerchantResolution {
  if (apiKey.startsWith("sk_live_")) {
    return {
      ok: false,
      message: "This is the Alma sandbox: it only accepts test keys (sk_test_…), never live keys (sk_live_…)",
    };
  }
  if (!TEST_KEY.test(apiKey)) {
    return {
      ok: false,
      message: "Invalid API key: expected sk_test_ followed by at least 8 letters or digits",
    };
  }
  const id = merchantIdForKey(apiKey);
  const known = ctx.store.merchants.get(id);
  if (known) return { ok: true, merchant: known };
  const merchant: MerchantRecord = {
    id,
    apiKey,
    name: `Sandbox merchant ${id.slice(-4)}`,
    created: ctx.clock.nowSeconds(),
  };
  ctx.store.merchants.put(id, merchant, { owner: id });
  return { ok: true, merchant };
}
