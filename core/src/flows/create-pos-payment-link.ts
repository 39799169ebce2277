import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaInvalidRequestError } from "../alma/errors.ts";
import { formatMoney } from "../money/format-money.ts";
import { formatPlanKey } from "../plans/plan-key.ts";
import type { PluginLogger } from "../platform/plugin-deps.ts";
import type { PaymentLink, Tenant } from "../storage/records.ts";
import type { Storage } from "../storage/storage.ts";
import { maskEmail, maskPhone } from "./mask-contact.ts";
import { sendPosLink } from "./send-pos-link.ts";

export interface PosCustomer {
  email?: string;
  phone?: string;
  firstName?: string;
  lastName?: string;
}

export interface PosLinkInput {
  tenant: Tenant;
  amountCents: number;
  reference: string;
  installmentsCount: number;
  customer: PosCustomer;
}

/** How long a link sent in store or by phone can be paid: three days. */
export const POS_LINK_LIFETIME_MINUTES = 3 * 24 * 60;
/** Sends an e-mail and says how it left: `smtp`, or `outbox` when no SMTP server is configured. */
export type EmailSender = (message: { to: string; subject: string; text: string }) => Promise<string>;

export type PosLinkOutcome =
  | {
      status: "created";
      link: PaymentLink;
      url: string;
      sent: { channel: "sms" | "email"; to: string } | null;
    }
  | { status: "duplicate_reference" }
  | { status: "alma_refused"; message: string };

/**
 * A payment link for an in-store or phone sale (Alma's PoS): staff give an amount, a reference and
 * the customer's phone or e-mail. The Alma payment (origin `pos_link`) notifies our IPN route like
 * any other, and the link is marked `custom.channel = "pos"`, so confirmation and refunds record it
 * without a platform order. The link is texted by Alma where the account allows it, e-mailed
 * otherwise; every message is kept in the tenant's outbox.
 */
export async function createPosPaymentLink(
  deps: {
    storage: Storage;
    alma: AlmaClient;
    publicUrl: string;
    sendEmail: EmailSender;
    logger: PluginLogger;
  },
  input: PosLinkInput,
): Promise<PosLinkOutcome> {
  const { tenant, customer } = input;
  const orderRef = `pos:${input.reference}`;
  if (await deps.storage.findPaymentByOrderRef(tenant.id, orderRef)) return { status: "duplicate_reference" };
  const contact = {
    first_name: customer.firstName,
    last_name: customer.lastName,
    email: customer.email,
    phone: customer.phone,
  };
  let payment: Awaited<ReturnType<AlmaClient["payments"]["create"]>>;
  try {
    payment = await deps.alma.payments.create({
      payment: {
        purchase_amount: input.amountCents,
        installments_count: input.installmentsCount,
        origin: "pos_link",
        // An unpaid link must end: without an expiry Alma keeps it open and the PoS
        // reconciliation would ask about it at every pass, forever.
        expires_after: POS_LINK_LIFETIME_MINUTES,
        locale: "fr",
        ipn_callback_url: `${deps.publicUrl}/alma/ipn/${tenant.id}`,
        custom_data: { tenant_id: tenant.id, platform: "pos", order_ref: input.reference },
        billing_address: { ...contact, country: "FR" },
      },
      customer: contact,
      order: { merchant_reference: input.reference },
    });
  } catch (error) {
    if (error instanceof AlmaInvalidRequestError) return { status: "alma_refused", message: error.message };
    throw error;
  }
  const { link, created } = await deps.storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: orderRef,
    amountCents: input.amountCents,
    currency: "EUR",
    almaPaymentId: payment.id,
    planKey: formatPlanKey({
      installmentsCount: input.installmentsCount,
      deferredDays: 0,
      deferredMonths: 0,
    }),
    custom: { channel: "pos", reference: input.reference },
    // The mode `deps.alma` was made for (the caller reads the tenant once for both).
    almaMode: tenant.almaMode,
  });
  if (!created) {
    // Another request took this reference meanwhile: its payment stands, this one is withdrawn.
    await deps.alma.payments.cancel(payment.id).catch(() => undefined);
    return { status: "duplicate_reference" };
  }
  await deps.storage.appendPaymentEvent({
    tenantId: tenant.id,
    paymentLinkId: link.id,
    type: "pos_link.created",
    data: { almaPaymentId: payment.id, amountCents: input.amountCents, reference: input.reference },
  });
  const text = `${tenant.name}: pay ${formatMoney(input.amountCents)} in ${input.installmentsCount} instalments with Alma: ${payment.url}`;
  const sent = await sendPosLink(deps, { tenant, link, customer, url: payment.url, text });
  deps.logger.info(
    {
      tenantId: tenant.id,
      paymentLinkId: link.id,
      channel: sent?.channel ?? null,
      to:
        sent?.to ??
        (customer.phone ? maskPhone(customer.phone) : customer.email ? maskEmail(customer.email) : null),
    },
    sent ? "PoS payment link sent" : "PoS payment link created but not sent",
  );
  return { status: "created", link, url: payment.url, sent };
}
