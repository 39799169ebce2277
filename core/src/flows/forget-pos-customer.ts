import type { CustomerContact } from "../storage/records.ts";
import type { Storage } from "../storage/storage.ts";

/**
 * GDPR erasure of what the PoS links keep about a customer, for platforms without a compliance
 * webhook (the operator runs it on request). Their contact lives only in the outbox: a PoS link
 * keeps the staff's reference and `channel` in `custom`, its events only a masked recipient. The
 * messages are redacted (rows kept as the record that a link was sent) and each link concerned
 * gets a `customer.redacted` event, so the merchant's timeline shows when and why.
 */
export async function forgetPosCustomer(
  storage: Storage,
  tenantId: string,
  who: CustomerContact,
): Promise<{ messages: number; paymentLinkIds: string[] }> {
  const sent = await storage.listOutboxMessages(tenantId, { to: who, limit: 1000 });
  const paymentLinkIds = [...new Set(sent.flatMap((m) => (m.paymentLinkId ? [m.paymentLinkId] : [])))];
  const messages = await storage.redactOutboxMessages(tenantId, who);
  for (const paymentLinkId of paymentLinkIds) {
    await storage.appendPaymentEvent({
      tenantId,
      paymentLinkId,
      type: "customer.redacted",
      data: { messages: sent.filter((m) => m.paymentLinkId === paymentLinkId).length },
    });
  }
  return { messages, paymentLinkIds };
}
