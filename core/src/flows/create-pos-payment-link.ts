import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaInvalidRequestError } from "../alma/errors.ts";
import { CORE_CATALOGUES } from "../i18n/core-catalogues.ts";
import { createTranslator } from "../i18n/create-translator.ts";
import { languageOf } from "../i18n/language-of.ts";
import { formatMoney } from "../money/format-money.ts";
import { creditTerms } from "../plans/credit-terms.ts";
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
  /**
   * The customer's language (`fr`, `en`, `en-GB`…): Alma's payment page and the message follow
   * it. French when absent, as most of Alma's customers are.
   */
  locale?: string;
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
        locale: languageOf(input.locale),
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
  // The message speaks the language of the link's page (the payment's locale above); a credit
  // plan (over 4 instalments) carries its TAEG, cost, total due and legal warning, a 2-4x its fees
  // by name (see core's creditTerms).
  const locale = input.locale ?? "fr";
  const { t } = createTranslator(CORE_CATALOGUES, locale);
  const terms = creditTerms(
    {
      installmentsCount: input.installmentsCount,
      purchaseAmount: input.amountCents,
      customerFee: payment.customer_fee,
      customerInterest: payment.customer_interest,
      annualInterestRate: input.installmentsCount > 4 ? await annualRate(deps, input) : null,
    },
    locale,
  );
  const sms = t("payLink.sms", {
    shop: tenant.name,
    amount: formatMoney(input.amountCents, locale),
    count: input.installmentsCount,
    url: payment.url,
  });
  const text =
    terms.kind === "credit"
      ? [sms, ...terms.lines, terms.warning].join("\n")
      : terms.kind === "fees"
        ? [sms, ...terms.lines].join("\n")
        : sms;
  const subject = t("payLink.subject", { shop: tenant.name });
  const sent = await sendPosLink(deps, { tenant, link, customer, url: payment.url, text, subject });
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

/**
 * A credit plan's TAEG, which only Alma's eligibility answer states (`annual_interest_rate`); null
 * when Alma does not answer, so the message still goes out with the cost and total due.
 */
async function annualRate(
  deps: { alma: Pick<AlmaClient, "eligibility">; logger: { warn(data: object, message: string): void } },
  input: PosLinkInput,
): Promise<number | null> {
  try {
    const [answer] = await deps.alma.eligibility.check({
      purchase_amount: input.amountCents,
      queries: [{ installments_count: input.installmentsCount, deferred_days: 0, deferred_months: 0 }],
    });
    const rate: unknown = answer?.annual_interest_rate;
    return typeof rate === "number" ? rate : null;
  } catch (error) {
    deps.logger.warn({ err: String(error) }, "PoS link: no TAEG from Alma's eligibility");
    return null;
  }
}
