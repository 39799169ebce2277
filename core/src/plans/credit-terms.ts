import { CORE_CATALOGUES } from "../i18n/core-catalogues.ts";
import { createTranslator } from "../i18n/create-translator.ts";
import { formatBasisPoints, formatMoney } from "../money/format-money.ts";

/** What a shopper pays for a plan, in cents, as Alma's eligibility answer or payment states it. */
export interface PlanPrice {
  installmentsCount: number;
  purchaseAmount: number;
  customerFee: number;
  customerInterest: number;
  /** Alma's `annual_interest_rate`, basis points (1720 = 17.20 %); null when Alma gave none. */
  annualInterestRate: number | null;
}

/**
 * The terms to print next to a plan, wherever it is offered or summarised.
 *
 * - `credit` (more than 4 instalments): consumer credit. French law (Code de la consommation,
 *   art. L312-6, transposing directive 2008/48/EC art. 4) requires any offer that quotes figures to
 *   state the fixed annual percentage rate (TAEG), the total cost of the credit and the total amount
 *   due; art. L312-5 requires the warning "Un crédit vous engage et doit être remboursé. Vérifiez
 *   vos capacités de remboursement avant de vous engager." in every credit advertisement. The
 *   rate comes from Alma's answer, never computed here: Alma is the lender and owns the figure.
 * - `fees` / `free` (2–4 instalments or pay later): payment facilities repaid within three months
 *   at an insignificant cost fall outside consumer credit (art. L312-4), so no TAEG, but the
 *   shopper still sees the fees by name.
 */
export interface CreditTerms {
  kind: "credit" | "fees" | "free";
  /** Lines in order: fees, or TAEG, cost of credit, total due. */
  lines: string[];
  /** The legal warning for credit, else null. */
  warning: string | null;
}

export function creditTerms(price: PlanPrice, locale?: string | null): CreditTerms {
  const { t } = createTranslator(CORE_CATALOGUES, locale);
  const money = (cents: number) => formatMoney(cents, locale);
  const cost = price.customerFee + price.customerInterest;
  if (price.installmentsCount > 4) {
    const lines: string[] = [];
    if (price.annualInterestRate !== null)
      lines.push(t("terms.rate", { rate: formatBasisPoints(price.annualInterestRate, locale) }));
    lines.push(t("terms.costOfCredit", { amount: money(cost) }));
    lines.push(t("terms.totalDue", { amount: money(price.purchaseAmount + cost) }));
    return { kind: "credit", lines, warning: t("terms.warning") };
  }
  if (cost > 0) return { kind: "fees", lines: [t("terms.fees", { amount: money(cost) })], warning: null };
  return { kind: "free", lines: [t("terms.noFees")], warning: null };
}
