import { tryParseAmountToCents } from "@alma-suite/core/money";
import type { TFunction } from "i18next";
import type { RefundRow } from "./dashboard-types.ts";

/**
 * An order reference as the merchant knows it. In-store and phone sales are stored as
 * `pos:<reference>` so they never collide with a platform's orders; the prefix is ours, not theirs.
 */
export function orderLabel(platformOrderRef: string): string {
  return platformOrderRef.startsWith("pos:") ? platformOrderRef.slice(4) : platformOrderRef;
}

/**
 * A refund's reference: the platform's own (a Shopify refund id…) as it is; a dashboard refund's
 * is our idempotency key (`dashboard:<payment>:<key>`), which means nothing to a person.
 */
export function refundReference(refund: Pick<RefundRow, "platformRefundRef">, t: TFunction): string {
  const ref = refund.platformRefundRef;
  if (ref === null) return "–";
  return ref.startsWith("dashboard:") ? t("refunds.fromDashboard") : ref;
}

/** Who started a refund: the merchant's platform (or this dashboard) or Alma's back-office. */
export function refundOrigin(refund: Pick<RefundRow, "origin" | "platformRefundRef">, t: TFunction): string {
  if (refund.platformRefundRef?.startsWith("dashboard:")) return t("refunds.origins.dashboard");
  return t(`refunds.origins.${refund.origin}`, { defaultValue: refund.origin });
}

// Alma's field paths in a refusal, named as the merchant knows them.
const FIELDS: Record<string, string> = {
  "payment.purchase_amount": "fields.amount",
  "payment.installments_count": "fields.installments",
  "customer.phone": "fields.phone",
  "customer.email": "fields.email",
  "payment.deferred_days": "fields.deferred",
  "payment.deferred_months": "fields.deferred",
};

const BETWEEN = /must be between (.+?) and (.+?)\.?$/i;

function amountIn(text: string): number | null {
  const parsed = tryParseAmountToCents(text.replace(/[\s\u00a0\u202f€]|EUR/g, ""), { typed: true });
  return parsed.ok ? parsed.cents : null;
}

// The dashboard API's refusals (apps/server/src/dashboard) a merchant can meet, in their language.
const SERVER_SENTENCES: [RegExp, string][] = [
  [/^not signed in$/, "serverErrors.notSignedIn"],
  [/^no payment with that id$/, "serverErrors.noPayment"],
  [/^no tenant with that id$/, "serverErrors.noTenant"],
  [/^no failed or dead job with that id$/, "serverErrors.noJob"],
  [/^no delivery with that id/, "serverErrors.noDelivery"],
  [/^a payment link already has this reference$/, "serverErrors.duplicateReference"],
  [/^this tenant is uninstalled$/, "serverErrors.uninstalled"],
  [/^this tenant has no Alma (?<mode>test|live) key$/, "serverErrors.noKey"],
  [/^a (?<state>[a-z_]+) payment cannot be refunded$/, "serverErrors.notRefundable"],
];

/**
 * A refusal as a sentence: "Alma refused: payment.purchase_amount: must be between 50,00 € and
 * 2 000,00 €" becomes "Alma refused: the amount must be between 50,00 € and 2 000,00 € for this
 * plan.", with the amounts in the reader's format. The dashboard API's own refusals are said in
 * the reader's language; any other sentence is shown as it came.
 */
export function readableError(text: string, t: TFunction, money: (cents: number) => string): string {
  for (const [pattern, key] of SERVER_SENTENCES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const { mode, state } = match.groups ?? {};
    return t(key, {
      mode: mode ? t(`almaModes.${mode}`).toLowerCase() : "",
      state: state ? t(`states.${state}`, { defaultValue: state }).toLowerCase() : "",
    });
  }
  const refused = /^Alma refused(?: the [a-z ]+)?: (.*)$/s.exec(text);
  if (!refused) return text;
  const reasons = (refused[1] ?? "").split("; ").map((part) => {
    const fielded = /^([a-z_]+(?:\.[a-z_]+)+): (.*)$/s.exec(part);
    const field = fielded ? fielded[1] : null;
    const message = fielded ? (fielded[2] ?? "") : part;
    const between = BETWEEN.exec(message);
    const min = between ? amountIn(between[1] ?? "") : null;
    const max = between ? amountIn(between[2] ?? "") : null;
    if (field === "payment.purchase_amount" && min !== null && max !== null)
      return t("alma.amountBetween", { min: money(min), max: money(max) });
    const label = field ? FIELDS[field] : undefined;
    return label ? t("alma.fieldRefused", { field: t(label), reason: message }) : message;
  });
  return t("alma.refused", { reasons: reasons.join(" ") });
}

/**
 * The server's health sentences (apps/server's tenant health) in the reader's language; a
 * sentence it does not know (an error from Alma or the platform) is shown as it came.
 */
export function healthDetail(detail: string, t: TFunction): string {
  const works = /^the key works \((\d+) fee plans? allowed\)$/.exec(detail);
  if (works) return t("overview.keyWorks", { count: Number(works[1]) });
  if (detail === "Alma refused the key: enter a valid one in the settings") return t("overview.keyRefused");
  if (detail === "nothing to check for this platform") return t("overview.nothingToCheck");
  return detail;
}
