import { AlmaAuthenticationError, AlmaError, maskSecret } from "@alma-suite/core";
import type { AlmaMode } from "@alma-suite/core/storage";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import type { KeyAnswer } from "./settings-api-schemas.ts";
import { type ApiResult, KEY_SECRET, type SettingsDeps } from "./settings-deps.ts";

const KEY_FORMAT = { test: /^sk_test_[A-Za-z0-9]{8,}$/, live: /^sk_live_[A-Za-z0-9]{8,}$/ } as const;

/**
 * The merchant typed an Alma key: it must have the mode's prefix and Alma's merchant endpoint must
 * accept it before it is stored (encrypted). The answer only ever shows it masked.
 */
export async function saveAlmaKey(
  deps: SettingsDeps,
  tenantId: string,
  input: { mode: AlmaMode; key: string },
): Promise<ApiResult<KeyAnswer>> {
  const key = input.key.trim();
  if (!KEY_FORMAT[input.mode].test(key))
    return { ok: false, status: 422, error: `an Alma ${input.mode} key starts with sk_${input.mode}_` };
  let merchant: { id: string; name: string };
  try {
    merchant = await deps.almaWithKey(key).merchant.me();
  } catch (error) {
    if (error instanceof AlmaAuthenticationError)
      return { ok: false, status: 422, error: "Alma refused this key" };
    if (error instanceof AlmaError)
      return { ok: false, status: 502, error: `Alma could not check the key: ${error.message}` };
    throw error;
  }
  await deps.storage.setSecret(tenantId, KEY_SECRET[input.mode], key);
  await updateShopSettings(deps.storage, tenantId, (s) => ({
    ...s,
    almaAccounts: { ...s.almaAccounts, [input.mode]: { merchantId: merchant.id, name: merchant.name } },
  }));
  deps.logger.info(
    { tenantId, mode: input.mode, key: maskSecret(key), merchantId: merchant.id },
    "Alma key saved",
  );
  return {
    ok: true,
    value: { masked: maskSecret(key), merchantId: merchant.id, merchantName: merchant.name },
  };
}
