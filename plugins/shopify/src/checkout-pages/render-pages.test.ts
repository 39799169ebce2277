import { describe, expect, it } from "vitest";
import en from "../locales/en.json" with { type: "json" };
import fr from "../locales/fr.json" with { type: "json" };
import { PAGE_CSP } from "./html.ts";
import { buyerLocale } from "./page-text.ts";
import {
  renderNotFoundPage,
  renderPlanPicker,
  renderUnfinishedPage,
  renderWaitPage,
} from "./render-pages.ts";

function keys(catalogue: object, prefix = ""): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("buyer pages", () => {
  const offer = {
    planKey: "general_10_0_0",
    installmentsCount: 10,
    deferredDays: 0,
    deferredMonths: 0,
    customerFeeCents: 0,
    totalCostCents: 4321,
    annualInterestRate: 1720,
    schedule: [{ dueDate: 1_773_153_000, totalCents: 12345 }],
  };
  /** The plan picker for 1,000 EUR with `offer`, but for what the test says. */
  const picker = (input: Partial<Parameters<typeof renderPlanPicker>[0]>) =>
    renderPlanPicker({
      locale: "fr",
      amountCents: 100000,
      offers: [offer],
      action: "https://app.example/p",
      signature: "sig",
      cancelUrl: "https://a.myshopify.com/c",
      ...input,
    });

  it("shows each plan's schedule, total cost and APR, and the way back to checkout", () => {
    const html = picker({
      action: "https://app.example/shopify/checkout/t/l/plan",
      cancelUrl: "https://a.myshopify.com/checkouts/c/1?x=1&y=2",
    });
    expect(html).toContain("Payer en 10 fois");
    expect(html).toMatch(/1\s000,00\s€/);
    expect(html).toMatch(/123,45\s€/);
    expect(html).toContain("Coût total du crédit : 43,21\u00a0€");
    expect(html).toContain("Montant total dû : 1\u202f043,21\u00a0€");
    expect(html).toContain("TAEG fixe : 17,20\u00a0%");
    expect(html).toContain(
      "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.",
    );
    expect(html).toContain('href="https://a.myshopify.com/checkouts/c/1?x=1&amp;y=2"');
    expect(html).not.toContain("<script");
  });

  it("names the fees of a 3x plan without a TAEG or the credit warning", () => {
    const html = picker({
      locale: "en",
      amountCents: 45000,
      offers: [
        {
          ...offer,
          planKey: "general_3_0_0",
          installmentsCount: 3,
          customerFeeCents: 653,
          totalCostCents: 653,
          annualInterestRate: 0,
        },
      ],
    });
    expect(html).toContain("Service fees: €6.53, included in the first instalment");
    expect(html).not.toContain("APR");
    expect(html).not.toContain("must be repaid");
  });

  it("escapes whatever comes from outside", () => {
    const html = renderUnfinishedPage(
      "en",
      'https://alma.test/"><script>alert(1)</script>',
      "https://shop/\"onmouseover='x'",
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&quot;&gt;&lt;script&gt;");
    expect(html).toContain("Resume payment");
  });

  it("refreshes the waiting page by itself, without scripts", () => {
    expect(renderWaitPage("en", "https://app.example/x?a=1&b=2")).toContain(
      'content="2;url=https://app.example/x?a=1&amp;b=2"',
    );
    expect(PAGE_CSP).toContain("default-src 'none'");
    expect(PAGE_CSP).not.toContain("script-src");
  });

  it("writes the whole plan picker in English for an English buyer, with English money and dates", () => {
    const html = picker({ locale: "en-GB" });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Pay with Alma");
    expect(html).toContain("Choose how to pay €1,000.00:");
    expect(html).toContain("Pay in 10 instalments");
    expect(html).toContain("10 March 2026: €123.45");
    expect(html).toContain("Fixed APR: 17.20%");
    expect(html).toContain("Total cost of credit: €43.21");
    expect(html).toContain("Total amount due: €1,043.21");
    expect(html).toContain("Continue to Alma");
    expect(html).toContain("Back to checkout");
    for (const french of ["Payer", "Retour", "Échéancier", "crédit"]) expect(html).not.toContain(french);
  });

  it("writes the French plan picker with French dates", () => {
    const html = picker({
      locale: "fr-FR",
      offers: [
        {
          ...offer,
          planKey: "general_1_30_0",
          installmentsCount: 1,
          deferredDays: 30,
          annualInterestRate: null,
          totalCostCents: 0,
        },
      ],
    });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain("Payer dans 30 jours");
    expect(html).toContain("10 mars 2026 : 123,45\u00a0€");
    expect(html).toContain("Sans frais");
    expect(html).toContain("Retour au paiement");
  });

  it("reads the buyer's locale from the session, then the shop's, then French", () => {
    const customer = { email: null, phone: null, billing: null, shipping: null };
    expect(buyerLocale({ customer: { ...customer, locale: "en-US" }, merchantLocale: "fr" })).toBe("en-US");
    expect(buyerLocale({ customer: { ...customer, locale: null }, merchantLocale: "en" })).toBe("en");
    expect(buyerLocale({ customer: null, merchantLocale: null })).toBeNull();
    // After Alma's payment exists the customer's details are gone; their language is not.
    expect(buyerLocale({ customer: null, merchantLocale: "fr", buyerLocale: "en-GB" })).toBe("en-GB");
    expect(renderWaitPage(buyerLocale({ customer: null, merchantLocale: null }), "https://x")).toContain(
      "Confirmation en cours",
    );
    expect(renderWaitPage("en", "https://x")).toContain("Confirming your payment");
    expect(renderNotFoundPage()).toContain("Paiement introuvable");
    expect(renderNotFoundPage("en")).toContain("Payment not found");
  });

  it("has every message in both languages", () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });
});
