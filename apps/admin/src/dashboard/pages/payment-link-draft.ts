import { createTranslator, DEFAULT_LANGUAGE, type Language } from "@alma-suite/core/i18n";
import { ADMIN_CATALOGUES } from "../../i18n/admin-catalogues.ts";
import { parseAmount } from "../amount-check.ts";
import type { PaymentLinkInput } from "../dashboard-types.ts";

/** The instalment counts offered to in-store and phone customers. */
export const LINK_INSTALLMENTS = [2, 3, 4, 10, 12] as const;

/** The payment link form as staff type it. */
export interface PaymentLinkDraft {
  amount: string;
  reference: string;
  installmentsCount: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  /** The customer's language (the link's page and message), which may not be the staff's. */
  locale: Language;
}

export const EMPTY_LINK_DRAFT: PaymentLinkDraft = {
  amount: "",
  reference: "",
  installmentsCount: "3",
  email: "",
  phone: "",
  firstName: "",
  lastName: "",
  locale: DEFAULT_LANGUAGE,
};

export type LinkCheck =
  | { ok: true; input: PaymentLinkInput }
  | { ok: false; errors: Partial<Record<keyof PaymentLinkDraft, string>> };

/**
 * The same rules as the server, checked before sending: the link goes to a phone or an e-mail.
 * Errors are in `language`.
 */
export function checkPaymentLink(draft: PaymentLinkDraft, language = "en"): LinkCheck {
  const { t } = createTranslator(ADMIN_CATALOGUES, language);
  const errors: Partial<Record<keyof PaymentLinkDraft, string>> = {};
  const amount = parseAmount(draft.amount, language);
  if (!amount.ok) errors.amount = amount.error;
  const reference = draft.reference.trim();
  if (reference === "") errors.reference = t("link.errors.referenceMissing");
  else if (!/^[A-Za-z0-9._\-/ ]{1,64}$/.test(reference)) errors.reference = t("link.errors.referenceFormat");
  const installmentsCount = Number(draft.installmentsCount);
  if (!(LINK_INSTALLMENTS as readonly number[]).includes(installmentsCount))
    errors.installmentsCount = t("link.errors.installments");
  const email = draft.email.trim();
  const phone = draft.phone.replace(/[\s.-]/g, "");
  if (email === "" && phone === "") errors.phone = t("link.errors.contactMissing");
  if (email !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = t("link.errors.email");
  if (phone !== "" && !/^\+?\d{8,15}$/.test(phone)) errors.phone = t("link.errors.phone");
  if (!amount.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const customer: PaymentLinkInput["customer"] = {};
  if (email) customer.email = email;
  if (phone) customer.phone = phone;
  if (draft.firstName.trim()) customer.firstName = draft.firstName.trim();
  if (draft.lastName.trim()) customer.lastName = draft.lastName.trim();
  return {
    ok: true,
    input: { amountCents: amount.cents, reference, installmentsCount, customer, locale: draft.locale },
  };
}

/** The form field a server refusal names (`customer.phone`, `amountCents`…), if the form has one. */
export function draftFieldOf(serverField: string | undefined): keyof PaymentLinkDraft | null {
  const fields: Record<string, keyof PaymentLinkDraft> = {
    amountCents: "amount",
    reference: "reference",
    installmentsCount: "installmentsCount",
    customer: "phone",
    "customer.phone": "phone",
    "customer.email": "email",
    "customer.firstName": "firstName",
    "customer.lastName": "lastName",
    locale: "locale",
  };
  return serverField ? (fields[serverField] ?? null) : null;
}
