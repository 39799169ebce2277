import { AlmaError } from "@alma-suite/core";
import type { AlmaMode } from "@alma-suite/core/storage";
import { ShopifyGraphqlError } from "../payments-api/shopify-errors.ts";
import { sendMutation } from "../session-mutations/run-mutation.ts";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import { planOptions, type SubmittedPlan, validatePlans } from "./plan-options.ts";
import type { SaveAnswer } from "./settings-api-schemas.ts";
import { type ApiResult, KEY_SECRET, type SettingsDeps } from "./settings-deps.ts";

/**
 * "Save and return to Shopify": the plans are checked against what Alma allows for the chosen
 * environment's key, stored, and the payment method is declared ready with
 * `paymentsAppConfigure` (the external handle names the Alma account in Shopify's admin). The
 * merchant is then sent to Shopify's settings page for this gateway, as Shopify requires.
 */
export async function saveSettings(
  deps: SettingsDeps,
  tenantId: string,
  input: { almaMode: AlmaMode; plans: SubmittedPlan[] },
): Promise<ApiResult<SaveAnswer>> {
  const tenant = await deps.storage.getTenant(tenantId);
  if (tenant?.status !== "active") return { ok: false, status: 404, error: "this shop is not installed" };
  const key = await deps.storage.getSecret(tenantId, KEY_SECRET[input.almaMode]);
  if (!key) return { ok: false, status: 409, error: `enter your Alma ${input.almaMode} key first` };
  let merchant: { id: string; name: string };
  let options: ReturnType<typeof planOptions>;
  try {
    const alma = deps.almaWithKey(key);
    merchant = await alma.merchant.me();
    options = planOptions(await alma.merchant.feePlans());
  } catch (error) {
    if (!(error instanceof AlmaError)) throw error;
    return { ok: false, status: 502, error: `Alma could not be reached: ${error.message}` };
  }
  const checked = validatePlans(input.plans, options);
  if (!checked.ok)
    return { ok: false, status: 422, error: "some plans are not valid", details: checked.errors };

  const externalHandle = `${merchant.name} (${input.almaMode === "live" ? "live" : "test"})`.slice(0, 60);
  let configured: Awaited<ReturnType<typeof sendMutation>>;
  try {
    configured = await sendMutation(deps, tenant, "paymentsAppConfigure", { externalHandle, ready: true });
  } catch (error) {
    // Shopify answered but refused the request itself: the merchant sees its words (retrying is
    // useless); only a transport failure is "could not be reached".
    if (error instanceof ShopifyGraphqlError)
      return { ok: false, status: 502, error: `Shopify refused the configuration: ${error.message}` };
    deps.logger.warn({ tenantId, err: String(error) }, "paymentsAppConfigure failed");
    return { ok: false, status: 502, error: "Shopify could not be reached, please try again" };
  }
  if (!configured.ok) {
    const message = configured.userErrors.map((e) => e.message).join("; ");
    return { ok: false, status: 502, error: `Shopify refused the configuration: ${message}` };
  }
  await deps.storage.updateTenant(tenantId, { almaMode: input.almaMode });
  await updateShopSettings(deps.storage, tenantId, (s) => ({
    ...s,
    plans: checked.plans,
    ready: true,
    externalHandle,
    configuredAt: deps.now(),
    almaAccounts: { ...s.almaAccounts, [input.almaMode]: { merchantId: merchant.id, name: merchant.name } },
  }));
  deps.logger.info(
    { tenantId, almaMode: input.almaMode, plans: checked.plans.length },
    "Shopify payments app configured",
  );
  return {
    ok: true,
    value: {
      externalHandle,
      redirectUrl: `https://${tenant.externalId}/services/payments_partners/gateways/${deps.apiKey}/settings`,
    },
  };
}
