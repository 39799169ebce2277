import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaAuthenticationError } from "../alma/errors.ts";
import type { PluginLogger } from "../platform/plugin-deps.ts";
import type { PaymentLink, Tenant } from "../storage/records.ts";
import type { Storage } from "../storage/storage.ts";
import type { EmailSender, PosCustomer } from "./create-pos-payment-link.ts";
import { maskEmail, maskPhone } from "./mask-contact.ts";

/**
 * Alma's send-sms first when there is a phone (403 means Alma has not enabled it for the account:
 * an expected answer, so we fall back), then e-mail. Returns the channel used and the masked
 * recipient, or null when neither was possible (the staff member reads the link out instead).
 */
export async function sendPosLink(
  deps: { storage: Storage; alma: AlmaClient; sendEmail: EmailSender; logger: PluginLogger },
  input: {
    tenant: Tenant;
    link: PaymentLink;
    customer: PosCustomer;
    url: string;
    text: string;
    subject?: string;
  },
): Promise<{ channel: "sms" | "email"; to: string } | null> {
  const { tenant, link, customer } = input;
  const keep = async (channel: "sms" | "email", recipient: string, subject: string, transport: string) => {
    await deps.storage.addOutboxMessage({
      tenantId: tenant.id,
      channel,
      recipient,
      subject,
      body: input.text,
      transport,
      paymentLinkId: link.id,
    });
    const to = channel === "sms" ? maskPhone(recipient) : maskEmail(recipient);
    await deps.storage.appendPaymentEvent({
      tenantId: tenant.id,
      paymentLinkId: link.id,
      type: "pos_link.sent",
      data: { channel, to, transport },
    });
    return { channel, to };
  };
  if (customer.phone && link.almaPaymentId) {
    try {
      await deps.alma.payments.sendSms(link.almaPaymentId);
      return await keep("sms", customer.phone, "Payment link (SMS sent by Alma)", "alma_sms");
    } catch (error) {
      if (!(error instanceof AlmaAuthenticationError)) throw error;
      deps.logger.info(
        { tenantId: tenant.id, paymentLinkId: link.id },
        "Alma has not enabled send-sms; e-mail instead",
      );
    }
  }
  if (!customer.email) return null;
  const subject = input.subject ?? `${tenant.name}: your payment link`;
  const transport = await deps.sendEmail({ to: customer.email, subject, text: input.text });
  return keep("email", customer.email, subject, transport);
}
