import type { PluginLogger } from "@alma-suite/core";
import type { CustomerContact, PaymentLink, Storage, Tenant } from "@alma-suite/core/storage";
import { forgetCustomer } from "../payment-session/forget-customer.ts";
import { readSession } from "../payment-session/session-record.ts";
import type { DataRequestExport } from "../tenants/shop-settings.ts";
import { updateShopSettings } from "../tenants/shop-tenant.ts";
import { forgetShopTokens } from "../tenants/shop-tokens.ts";

/** Only sessions still waiting for a plan hold buyer details (see session-record.ts). */
const OPEN_STATES = ["pending", "refused"] as const;
const KEPT_EXPORTS = 50;

export interface CustomerIdentity {
  email: string | null;
  phone: string | null;
}

async function sessionsOf(storage: Storage, tenantId: string, who: CustomerIdentity): Promise<PaymentLink[]> {
  const email = who.email?.trim().toLowerCase();
  const phone = who.phone?.replace(/[^\d+]/g, "");
  const links = await storage.listPaymentLinks(tenantId, { states: OPEN_STATES, limit: 1000 });
  return links.filter((link) => {
    const customer = readSession(link)?.customer;
    if (!customer) return false;
    return (
      (email !== undefined && email !== "" && customer.email?.trim().toLowerCase() === email) ||
      (phone !== undefined && phone !== "" && customer.phone?.replace(/[^\d+]/g, "") === phone)
    );
  });
}

/** The outbox (PoS payment links sent by e-mail or SMS) matches the customer by e-mail or phone. */
function contactOf(who: CustomerIdentity): CustomerContact {
  return { email: who.email ?? undefined, phone: who.phone ?? undefined };
}

/**
 * `customers/data_request`: the personal data we hold about the customer (buyer details of
 * sessions still open, messages sent to them from the outbox) is exported for the merchant to hand
 * over, kept with the shop's last exports.
 */
export async function exportCustomerData(
  deps: { storage: Storage; now: () => number; logger: PluginLogger },
  tenant: Tenant,
  request: { id: string; customer: CustomerIdentity },
): Promise<DataRequestExport> {
  const links = await sessionsOf(deps.storage, tenant.id, request.customer);
  const messages = await deps.storage.listOutboxMessages(tenant.id, {
    to: contactOf(request.customer),
    limit: 1000,
  });
  const exported: DataRequestExport = {
    id: request.id,
    receivedAt: deps.now(),
    customer: request.customer,
    payments: links.map((link) => ({
      paymentSessionId: link.platformOrderRef,
      amountCents: link.amountCents,
      currency: link.currency,
      createdAt: new Date(link.createdAt).toISOString(),
      almaPaymentId: link.almaPaymentId,
      customer: readSession(link)?.customer ?? null,
    })),
    messages: messages.map((m) => ({
      sentAt: new Date(m.createdAt).toISOString(),
      channel: m.channel,
      recipient: m.recipient,
      subject: m.subject,
      body: m.body,
      paymentLinkId: m.paymentLinkId,
    })),
  };
  await updateShopSettings(deps.storage, tenant.id, (s) => ({
    ...s,
    dataRequests: [exported, ...s.dataRequests.filter((d) => d.id !== request.id)].slice(0, KEPT_EXPORTS),
  }));
  deps.logger.info(
    { tenantId: tenant.id, dataRequest: request.id, sessions: links.length, messages: messages.length },
    "customer data exported",
  );
  return exported;
}

/** `customers/redact`: the buyer's details go; amounts, ids and states (financial records) stay. */
export async function redactCustomer(
  deps: { storage: Storage; logger: PluginLogger },
  tenant: Tenant,
  customer: CustomerIdentity,
): Promise<number> {
  const links = await sessionsOf(deps.storage, tenant.id, customer);
  for (const link of links) await forgetCustomer(deps.storage, tenant.id, link.id, true);
  const messages = await deps.storage.redactOutboxMessages(tenant.id, contactOf(customer));
  await updateShopSettings(deps.storage, tenant.id, (s) => ({
    ...s,
    dataRequests: s.dataRequests.filter((d) => !sameCustomer(d.customer, customer)),
  }));
  deps.logger.info({ tenantId: tenant.id, sessions: links.length, messages }, "customer data redacted");
  return links.length;
}

/**
 * `shop/redact` (48 h after uninstall): every buyer detail, every credential and the exports go;
 * the tenant and its payment records stay, anonymised, as bookkeeping requires.
 */
export async function redactShop(
  deps: { storage: Storage; logger: PluginLogger },
  tenant: Tenant,
): Promise<void> {
  const links = await deps.storage.listPaymentLinks(tenant.id, { states: OPEN_STATES, limit: 1000 });
  for (const link of links) await forgetCustomer(deps.storage, tenant.id, link.id, true);
  await deps.storage.redactOutboxMessages(tenant.id);
  await forgetShopTokens(deps.storage, tenant.id);
  for (const secret of await deps.storage.listSecrets(tenant.id))
    await deps.storage.deleteSecret(tenant.id, secret.name);
  await updateShopSettings(deps.storage, tenant.id, (s) => ({
    ...s,
    dataRequests: [],
    almaAccounts: {},
    ready: false,
  }));
  await deps.storage.updateTenant(tenant.id, { status: "uninstalled" });
  deps.logger.info({ tenantId: tenant.id }, "shop data redacted");
}

function sameCustomer(a: CustomerIdentity, b: CustomerIdentity): boolean {
  const email = (v: string | null) => v?.trim().toLowerCase() || null;
  return (
    (email(a.email) !== null && email(a.email) === email(b.email)) ||
    (a.phone !== null && a.phone === b.phone)
  );
}
