import { describe, expect, it } from "vitest";
import { PAGE_CSP } from "./html.ts";
import { renderPlanPicker, renderUnfinishedPage, renderWaitPage } from "./render-pages.ts";

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

  it("shows each plan's schedule, total cost and APR, and the way back to checkout", () => {
    const html = renderPlanPicker({
      locale: "fr",
      amountCents: 100000,
      offers: [offer],
      action: "https://app.example/shopify/checkout/t/l/plan",
      signature: "sig",
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
    const html = renderPlanPicker({
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
      action: "https://app.example/p",
      signature: "sig",
      cancelUrl: "https://a.myshopify.com/c",
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
});
