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
    expect(html).toMatch(/43,21\s€/);
    expect(html).toContain("TAEG : 17.20 %");
    expect(html).toContain('href="https://a.myshopify.com/checkouts/c/1?x=1&amp;y=2"');
    expect(html).not.toContain("<script");
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
