import { expectReadable, openPage, VIEWPORTS } from "@alma-suite/alma-sandbox/testing/browser";
import { paymentSession, pickPlan, sendSession } from "@alma-suite/shopify/testing";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshots } from "../support/browser.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "../support/shopify-journey.ts";

const SHOP = "alma-pages.myshopify.com";
let journey: ShopifyJourney;
let browser: Browser;
const shot = screenshots("shopify-pages");

beforeAll(async () => {
  journey = await startShopifyJourney({
    dataDirPrefix: "shopify-pages-",
    apiKey: "alma-suite-pages-app",
    apiSecret: "shpss_pages_secret_0123456789abcdef",
    shop: SHOP,
    almaKey: "sk_test_shopifyPages01",
    plans: [{ key: "general_3_0_0" }, { key: "general_10_0_0" }],
    config: { WORKER_CONCURRENCY: "2" },
  });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await stopShopifyJourney(journey);
});

/** A payment session of 1,000 EUR from a buyer whose Shopify locale is `locale`; answers its checkout page URL. */
async function checkoutUrl(locale: string): Promise<string> {
  const base = paymentSession("sale-3x", { amount: "1000.00" });
  const body = {
    ...base,
    merchant_locale: "fr",
    customer: { ...(base.customer as Record<string, unknown>), locale },
  };
  const answer = await sendSession(journey.fake, journey.server.url, "payment-sessions", SHOP, body);
  expect(answer.status).toBe(201);
  return String(answer.body.redirect_url);
}

describe.each([
  {
    locale: "fr-FR",
    lang: "fr",
    title: "Payer avec Alma",
    three: "Payer en 3 fois",
    fees: /Frais de service : 14,50\s€, inclus dans la première échéance/,
    rate: "TAEG fixe : 17,20\u00a0%",
    total: /Montant total dû : 1\s\d{3},\d\d\s€/,
    warning: "Un crédit vous engage et doit être remboursé.",
    continueLabel: "Continuer vers Alma",
    unfinished: "Paiement non terminé",
    resume: "Reprendre le paiement",
  },
  {
    locale: "en-GB",
    lang: "en",
    title: "Pay with Alma",
    three: "Pay in 3 instalments",
    fees: /Service fees: €14\.50, included in the first instalment/,
    rate: "Fixed APR: 17.20%",
    total: /Total amount due: €1,\d{3}\.\d\d/,
    warning: "Borrowing commits you and must be repaid.",
    continueLabel: "Continue to Alma",
    unfinished: "Payment not finished",
    resume: "Resume payment",
  },
])("Shopify buyer pages in $lang", (words) => {
  it.each(VIEWPORTS)(
    "the plan picker shows the fees of 3x and the credit terms of 10x, fits $width px and passes axe",
    async (viewport) => {
      const page = await openPage(browser, await checkoutUrl(words.locale), viewport);
      await page.getByRole("heading", { name: words.title }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
      const three = page.locator('[data-plan="general_3_0_0"]');
      expect(await three.textContent()).toContain(words.three);
      expect(await three.textContent()).toMatch(words.fees);
      const ten = await page.locator('[data-plan="general_10_0_0"]').textContent();
      expect(ten).toContain(words.rate);
      expect(ten).toMatch(words.total);
      expect(ten).toContain(words.warning);
      expect(await page.getByRole("radio").count()).toBe(2);
      expect(await page.getByRole("button", { name: words.continueLabel }).count()).toBe(1);
      await expectReadable(page);
      await shot(page, `picker-${words.lang}-${viewport.width}`);
      await page.context().close();
    },
  );

  it.each(VIEWPORTS)(
    "back from Alma without paying, the page offers to resume; fits $width px and passes axe",
    async (viewport) => {
      const url = await checkoutUrl(words.locale);
      expect((await pickPlan(url, "general_3_0_0")).status).toBe(303);
      const page = await openPage(browser, url, viewport);
      await page.getByRole("heading", { name: words.unfinished }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
      expect(await page.getByRole("link", { name: words.resume }).count()).toBe(1);
      await expectReadable(page);
      await shot(page, `unfinished-${words.lang}-${viewport.width}`);
      await page.context().close();
    },
  );
});

describe("a Shopify buyer page with no session", () => {
  it.each([
    { language: "fr-FR,fr;q=0.9", heading: "Paiement introuvable" },
    { language: "en-GB,en;q=0.9", heading: "Payment not found" },
  ])("says the link is not valid in the browser's language ($language)", async ({ language, heading }) => {
    const answer = await fetch(`${journey.server.url}/shopify/checkout/ten_nope/pay_nope?s=forged`, {
      headers: { "accept-language": language },
    });
    expect(answer.status).toBe(404);
    expect(await answer.text()).toContain(`<h1>${heading}</h1>`);
  });
});
