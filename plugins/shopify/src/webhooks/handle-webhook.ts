import type { PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { appUninstalled } from "./app-uninstalled.ts";
import { exportCustomerData, redactCustomer, redactShop } from "./compliance.ts";
import { bodyNamesShop, customerRedactPayload, dataRequestPayload } from "./webhook-payloads.ts";

export type WebhookResult = { ok: true; handled: boolean } | { ok: false; error: string };

/**
 * One verified webhook, handled at once: every action is idempotent (a redelivery does the same
 * thing again) and nothing of the payload, which may carry the very data to erase, is stored.
 */
export async function handleWebhook(
  deps: { storage: Storage; now: () => number; logger: PluginLogger },
  input: { topic: string; shop: string; body: unknown; triggeredAt?: number },
): Promise<WebhookResult> {
  if (!bodyNamesShop(input.topic, input.body, input.shop))
    return { ok: false, error: `the ${input.topic} payload does not name the shop of X-Shopify-Shop-Domain` };
  const tenant = await deps.storage.findTenantByExternalId("shopify", input.shop.toLowerCase());
  if (!tenant) {
    deps.logger.info(
      { topic: input.topic, shop: input.shop },
      "webhook for a shop we do not know: nothing to do",
    );
    return { ok: true, handled: false };
  }
  switch (input.topic) {
    case "APP_UNINSTALLED":
      return { ok: true, handled: await appUninstalled(deps, tenant, input.triggeredAt) };
    case "CUSTOMERS_DATA_REQUEST": {
      const body = dataRequestPayload.safeParse(input.body);
      if (!body.success) return { ok: false, error: "malformed customers/data_request payload" };
      await exportCustomerData(deps, tenant, {
        id: String(body.data.data_request.id),
        customer: { email: body.data.customer.email ?? null, phone: body.data.customer.phone ?? null },
      });
      return { ok: true, handled: true };
    }
    case "CUSTOMERS_REDACT": {
      const body = customerRedactPayload.safeParse(input.body);
      if (!body.success) return { ok: false, error: "malformed customers/redact payload" };
      await redactCustomer(deps, tenant, {
        email: body.data.customer.email ?? null,
        phone: body.data.customer.phone ?? null,
      });
      return { ok: true, handled: true };
    }
    case "SHOP_REDACT":
      // Shopify sends it 48 hours after an uninstall, and not once the shop has reinstalled. On a
      // shop that is installed it can only be a late or replayed delivery (the topic header is not
      // signed either), and acting on it would wipe the keys of a live checkout.
      if (tenant.status === "active") {
        deps.logger.warn(
          { tenantId: tenant.id, shop: input.shop },
          "shop/redact for a shop that is installed: ignored",
        );
        return { ok: true, handled: false };
      }
      await redactShop(deps, tenant);
      return { ok: true, handled: true };
    default:
      deps.logger.info({ topic: input.topic, shop: input.shop }, "webhook topic not handled");
      return { ok: true, handled: false };
  }
}
