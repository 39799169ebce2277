import {
  horizontalOverflow,
  seriousA11yViolations,
  VIEWPORTS,
} from "@alma-suite/alma-sandbox/testing/browser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { launchChromium, screenshots } from "../support/browser.ts";
import { startDemoStoreServer } from "../support/demo-store-server.ts";
import { payOnSandboxPage } from "../support/pay-on-sandbox-page.ts";

let server: RunningServer;
let browser: Browser;
const shot = screenshots("demo-store-languages");
const noShot = async () => {};

beforeAll(async () => {
  server = await startDemoStoreServer({ dataDirPrefix: "demo-languages-browser-", workerConcurrency: 2 });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The page fits the screen and has no serious or critical accessibility fault. */
async function expectReadable(page: Page, where: string): Promise<void> {
  expect({ where, overflow: await horizontalOverflow(page) }).toEqual({ where, overflow: 0 });
  expect({ where, violations: await seriousA11yViolations(page) }).toEqual({ where, violations: [] });
}

describe.each([
  {
    browserLocale: "fr-FR",
    lang: "fr",
    shop: "Boutique",
    product: "Théière en céramique",
    add: "Ajouter au panier",
    cart: "Votre panier",
    checkout: "Commander",
    plan: /Payer en 3 fois/,
    pay: "Payer avec Alma",
    paid: "Payée",
    today: /Prélevé aujourd'hui : 41,74\s€/,
    orders: "Toutes vos commandes",
  },
  {
    browserLocale: "en-GB",
    lang: "en",
    shop: "Shop",
    product: "Ceramic teapot",
    add: "Add to cart",
    cart: "Your cart",
    checkout: "Checkout",
    plan: /Pay in 3 instalments/,
    pay: "Pay with Alma",
    paid: "Paid",
    today: /Charged today: €41\.74/,
    orders: "All your orders",
  },
])("demo store in $lang", (words) => {
  it.each(VIEWPORTS)(
    "shop, product, cart, checkout and the paid order fit $width px, pass axe and speak the browser's language",
    async (viewport) => {
      const context = await browser.newContext({
        viewport,
        baseURL: server.url,
        locale: words.browserLocale,
      });
      const page = await context.newPage();
      const step = viewport.width === 360 ? shot : noShot;
      await page.goto("/demo");
      await page.getByRole("heading", { level: 1, name: words.shop }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
      await expectReadable(page, "shop");
      await step(page, `${words.lang}-shop`);

      await page.getByRole("link", { name: words.product }).click();
      await page.getByRole("heading", { level: 1, name: words.product }).waitFor();
      await page.locator(".alma-eligibility [role=tab]").first().waitFor();
      await expectReadable(page, "product");
      await step(page, `${words.lang}-product`);

      await page.getByRole("button", { name: words.add }).click();
      await page.getByRole("heading", { level: 1, name: words.cart }).waitFor();
      await expectReadable(page, "cart");

      await page.getByRole("link", { name: words.checkout, exact: true }).click();
      await page.getByLabel(words.plan).check();
      await expectReadable(page, "checkout");
      await step(page, `${words.lang}-checkout`);
      await page.getByRole("button", { name: words.pay }).click();

      await page.waitForURL(/\/alma-sandbox\/checkout\/payment_/);
      expect(await page.locator("html").getAttribute("lang")).toBe(words.lang);
      await payOnSandboxPage(page, "4242424242424242", noShot);
      await page.waitForURL(/\/demo\/orders\/[0-9a-f-]{36}$/);
      expect(await page.getByTestId("order-status").textContent()).toBe(words.paid);
      expect(await page.getByTestId("charged-today").textContent()).toMatch(words.today);
      expect(await page.getByTestId("schedule").locator("tbody tr").count()).toBe(3);
      expect(await page.locator("main").textContent()).not.toMatch(
        /general_\d|pay_[A-Za-z0-9]|payment_[A-Za-z0-9]/,
      );
      await expectReadable(page, "order");
      await step(page, `${words.lang}-order`);

      await page.getByRole("link", { name: words.orders }).click();
      await page.getByRole("row").nth(1).waitFor();
      await expectReadable(page, "orders");
      await context.close();
    },
    // A whole purchase with six axe runs: generous for a loaded machine.
    60_000,
  );
});
