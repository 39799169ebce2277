import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { horizontalOverflow, seriousA11yViolations } from "@alma-suite/alma-sandbox/testing/browser";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { launchChromium, screenshots } from "../support/browser.ts";
import { startDemoStoreServer } from "../support/demo-store-server.ts";
import { euros, expectedLine } from "../support/expected-widget-line.ts";
import { payOnSandboxPage } from "../support/pay-on-sandbox-page.ts";

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: server.url, locale: "en-GB" });
  // An English-speaking shopper and merchant: the dashboard opens in French unless told otherwise.
  await context.addInitScript({ content: 'localStorage.setItem("alma-admin-language", "en")' });
  contexts.push(context);
  return context.newPage();
}

const status = (page: Page) => page.getByTestId("order-status");

/** The payment as the merchant sees it in the dashboard's API, signed in as the operator. */
async function dashboardPayment(page: Page, orderNumber: string) {
  const login = await page.request.post("/dashboard/api/session", {
    data: { token: server.adminToken },
    headers: { "x-requested-with": "alma-dashboard" },
  });
  expect(login.status()).toBe(200);
  const { tenants } = await (await page.request.get("/dashboard/api/tenants")).json();
  const demo = tenants.find((t: { name: string }) => t.name === "Atelier Alma (demo store)");
  const answer = await page.request.get(`/dashboard/api/tenants/${demo.id}/payments?q=${orderNumber}`);
  const { payments } = await answer.json();
  const payment = payments[0] as { state: string; amountCents: number; refundedCents: number };
  return { tenantId: String(demo.id), ...payment };
}

/** Serves one HTML page at 127.0.0.1 on a port of its own: another origin than the server's localhost. */
async function serveOnce(html: string): Promise<{ url: string; close(): Promise<void> }> {
  const shop = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(shop.address() as AddressInfo).port}/teapot`,
    close: () => new Promise((resolve) => shop.close(() => resolve())),
  };
}

beforeAll(async () => {
  server = await startDemoStoreServer({ dataDirPrefix: "demo-browser-", workerConcurrency: 4 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.stop();
});

describe("demo store in Chromium", () => {
  it("catalogue → eligibility line → cart → 3x → hosted page → paid → dashboard → refund", async () => {
    const shot = screenshots("demo-journey");
    const page = await newPage();
    await page.goto("/");
    await shot(page, "home");
    await page.getByRole("link", { name: "Demo store" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Shop");
    await shot(page, "catalogue");

    await page.getByRole("link", { name: "Ceramic teapot" }).click();
    // 120 EUR in 3: 40.00 each, plus the sandbox's 1.45 % customer fee on the first (1.74).
    const widget = page.locator(".alma-eligibility");
    await expect
      .poll(() => widget.locator(".alma-eligibility__summary").textContent())
      .toBe(expectedLine(12_000, 3, 145));
    expect(await widget.getByRole("tab").allTextContents()).toEqual(["3x", "4x"]);
    await widget.getByRole("tab", { name: "4x" }).click();
    expect(await widget.locator(".alma-eligibility__summary").textContent()).toBe(
      expectedLine(12_000, 4, 180),
    );
    await shot(page, "product-with-eligibility");

    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("link", { name: "Checkout" }).waitFor();
    expect(await page.getByRole("link", { name: "Cart (1)" }).count()).toBe(1);
    await shot(page, "cart");
    await page.getByRole("link", { name: "Checkout" }).click();

    const threeTimes = page.getByLabel(/Pay in 3 instalments/);
    await threeTimes.check();
    expect(await page.getByText(expectedLine(12_000, 3, 145)).count()).toBe(1);
    await shot(page, "checkout-plan-choice");
    await page.getByRole("button", { name: "Pay with Alma" }).click();

    await page.waitForURL(/\/alma-sandbox\/checkout\/payment_/);
    await payOnSandboxPage(page, "4242424242424242", shot);
    await page.waitForURL(/\/demo\/orders\/[0-9a-f-]{36}$/);
    expect(await status(page).textContent()).toBe("Paid");
    await shot(page, "order-paid");
    const orderNumber =
      (await page.getByRole("heading", { level: 1 }).textContent())?.replace("Order ", "") ?? "";

    await page.getByRole("link", { name: "All your orders" }).click();
    expect(await page.getByRole("row", { name: new RegExp(`${orderNumber}.*Paid`) }).count()).toBe(1);
    await shot(page, "order-history");

    const paid = await dashboardPayment(page, orderNumber);
    expect(paid).toMatchObject({ platformOrderRef: orderNumber, state: "paid", amountCents: 12_000 });
    await page.goto("/dashboard/");
    await page.getByRole("link", { name: "Atelier Alma (demo store)" }).waitFor();
    await shot(page, "dashboard-tenants");
    await page.goto(`/dashboard/#/tenants/${paid.tenantId}/payments?q=${orderNumber}`);
    const row = page.getByRole("row", { name: new RegExp(orderNumber) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/€120\.00.*Paid/);
    await shot(page, "dashboard-payment-paid");

    await page.goto("/demo/orders");
    await page.getByRole("link", { name: orderNumber }).click();
    // A refund right after the return may meet the bridge still recording the payment: the page
    // says so and the customer clicks again, as a person would.
    await expect
      .poll(
        async () => {
          if (await page.getByRole("button", { name: `Refund ${euros(12_000)}` }).count())
            await page.getByRole("button", { name: `Refund ${euros(12_000)}` }).click();
          await page.getByRole("button", { name: `Confirm the refund of ${euros(12_000)}` }).click();
          return status(page).textContent();
        },
        { timeout: 10_000 },
      )
      .toBe("Refunded");
    expect(await page.getByTestId("refunded").textContent()).toBe(euros(12_000));
    expect(await page.getByTestId("refund-confirmation").textContent()).toContain(
      `Refund confirmed: ${euros(12_000)}`,
    );
    await shot(page, "order-refunded");
    await expect.poll(async () => (await dashboardPayment(page, orderNumber)).refundedCents).toBe(12_000);
  });

  it("a refused card: the demo says so clearly and the order is not paid", async () => {
    const shot = screenshots("refused-card");
    const page = await newPage();
    await page.goto("/demo/products/linen-tote");
    await shot(page, "product");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByRole("link", { name: "Checkout" }).click();
    await shot(page, "checkout");
    await page.getByRole("button", { name: "Pay with Alma" }).click();
    await page.waitForURL(/\/alma-sandbox\/checkout\/payment_/);
    // Refused by Alma's risk scoring (sandbox README): the hosted page offers the way back.
    await payOnSandboxPage(page, "4000000000000002", shot);
    await page.getByRole("link", { name: /^(Return to|Revenir chez) / }).waitFor();
    await shot(page, "hosted-page-refused");
    await page.getByRole("link", { name: /^(Return to|Revenir chez) / }).click();
    await page.waitForURL(/\/demo\/orders\/[0-9a-f-]{36}$/);
    expect(await status(page).textContent()).toBe("Payment refused");
    expect(await page.getByRole("status").textContent()).toContain("nothing was charged");
    expect(await page.getByRole("button", { name: /^Refund/ }).count()).toBe(0);
    await shot(page, "order-refused");
    await page.getByRole("link", { name: "Back to your cart" }).click();
    expect(await page.getByRole("link", { name: "Linen tote bag" }).count()).toBe(1);
    await shot(page, "cart-kept");
    await page.goto("/demo/orders");
    const orderNumber = (await page.getByRole("row").nth(1).getByRole("link").textContent()) ?? "";
    expect((await dashboardPayment(page, orderNumber)).state).toBe("refused");
  });

  it("the widget embedded on a shop of another origin: script tag and divs, nothing shown on error", async () => {
    const shot = screenshots("widget-embed");
    const page = await newPage();
    await page.goto("/demo/products/ceramic-teapot");
    const merchantId = await page.locator("[data-alma-eligibility]").getAttribute("data-merchant-id");
    const warnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    // A merchant's own page on another origin (a second local server: Chromium keeps public
    // origins from calling loopback ones), calling this server's widget and sandbox cross-origin.
    const shop =
      await serveOnce(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><h1>Teapot, 300 EUR</h1>
<script src="${server.url}/widget/alma-eligibility.js" data-merchant-id="${merchantId}" data-amount="30000" data-api="${server.url}/alma-sandbox" data-plans="3"></script>
<h2>Tote bag, 60 EUR</h2><div id="tote" data-alma-eligibility data-amount="6000"></div>
<h2>Unknown merchant</h2><div id="unknown" data-alma-eligibility data-amount="6000" data-merchant-id="merchant_11unknownunknown"></div>
<h2>Plaid, 60 EUR</h2><div id="fr" data-alma-eligibility data-amount="6000" data-locale="fr"></div>
<h2>Bike, 1,200 EUR</h2><div id="credit" data-alma-eligibility data-amount="120000" data-plans="3,6,10,30d"></div>
<div id="credit-fr" data-alma-eligibility data-amount="120000" data-plans="3,10" data-locale="fr"></div>
</body></html>`);
    await page.goto(shop.url);
    const summaries = page.locator(".alma-eligibility__summary");
    await expect.poll(() => summaries.count()).toBe(5);
    expect(await page.locator("#fr .alma-eligibility__title").textContent()).toBe(
      "Payez en plusieurs fois avec Alma",
    );
    expect(await page.locator("#fr .alma-eligibility__summary").textContent()).toMatch(
      /^\d+,\d\d\u00a0€ puis 2 x \d+,\d\d\u00a0€ \(frais\u00a0: \d+,\d\d\u00a0€\)$/,
    );
    expect(await summaries.nth(0).textContent()).toBe(expectedLine(30_000, 3, 145));
    expect(await page.locator("#tote .alma-eligibility__summary").textContent()).toBe(
      expectedLine(6_000, 3, 145),
    );
    // Plans as shoppers name them, as tabs; the keyboard moves to 10x, whose credit terms show the
    // sandbox's 17.20 % TAEG (its eligibility answer's annual_interest_rate).
    const credit = page.locator("#credit");
    expect(await credit.getByRole("tab").allTextContents()).toEqual(["3x", "10x", "Pay in 30 days"]);
    expect(await credit.getByRole("tab", { name: "3x" }).getAttribute("aria-selected")).toBe("true");
    expect(await credit.getByRole("tabpanel").textContent()).toContain("Service fees: €");
    await credit.getByRole("tab", { name: "3x" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await credit.getByRole("tab", { name: "10x" }).getAttribute("aria-selected")).toBe("true");
    const panel = credit.getByRole("tabpanel");
    expect(await panel.textContent()).toContain("Fixed APR: 17.20%");
    expect(await panel.textContent()).toContain("Total amount due: €");
    expect(await panel.locator(".alma-eligibility__schedule li").count()).toBe(10);
    expect(await panel.textContent()).toContain("must be repaid");
    await page.keyboard.press("End");
    expect(await panel.textContent()).not.toContain("APR");
    await page.locator("#credit-fr").getByRole("tab", { name: "10x" }).click();
    expect(await page.locator("#credit-fr").getByRole("tabpanel").textContent()).toContain(
      "Un crédit vous engage et doit être remboursé. Vérifiez vos capacités de remboursement avant de vous engager.",
    );
    expect(await page.locator("#credit-fr").getByRole("tabpanel").textContent()).toContain(
      "TAEG fixe : 17,20\u00a0%",
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expect.poll(() => warnings.some((w) => w.includes("[alma-eligibility]"))).toBe(true);
    expect(await page.locator("#unknown").innerHTML()).toBe("");
    await shot(page, "merchant-page");
    await shop.close();
  });

  it("keyboard only (Tab, Enter, Space) at phone width: product → cart → checkout, no horizontal scroll", async () => {
    const shot = screenshots("keyboard-phone");
    const page = await newPage({ width: 375, height: 812 });
    const noSideScroll = async () =>
      expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    /** Presses Tab until the focused element matches, as a keyboard user would. */
    const tabTo = async (matches: (el: { tag: string; text: string; type: string }) => boolean) => {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press("Tab");
        // A string: the server's tsconfig has no DOM types, the browser evaluates it.
        const focused = await page.evaluate<{
          tag: string;
          text: string;
          type: string;
          outline: string;
        }>(`(() => {
          const el = document.activeElement;
          const label = el && el.id ? document.querySelector('label[for="' + el.id + '"]')?.textContent : "";
          return {
            tag: el ? el.tagName.toLowerCase() : "",
            text: ((el && el.textContent) || label || "").trim(),
            type: (el && el.getAttribute("type")) || "",
            outline: el ? getComputedStyle(el).outlineStyle : "none",
          };
        })()`);
        if (matches(focused)) {
          expect(focused.outline, "the focused element shows a focus ring").not.toBe("none");
          return;
        }
      }
      throw new Error("never reached by Tab");
    };

    await page.goto("/demo");
    await noSideScroll();
    await shot(page, "catalogue");
    await tabTo((el) => el.tag === "a" && el.text === "City bike");
    await shot(page, "catalogue-focus");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/demo\/products\/city-bike$/);
    await page.locator(".alma-eligibility__summary").first().waitFor();
    await noSideScroll();
    await shot(page, "product");
    await tabTo((el) => el.tag === "button" && el.text === "Add to cart");
    await shot(page, "product-focus-add");
    await page.keyboard.press("Space");
    await page.waitForURL(/\/demo\/cart$/);
    await noSideScroll();
    await shot(page, "cart");
    await tabTo((el) => el.tag === "a" && el.text === "Checkout");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/demo\/checkout$/);
    await noSideScroll();
    await shot(page, "checkout");
    await tabTo((el) => el.type === "radio" && el.text.startsWith("Pay in 3 instalments"));
    await page.keyboard.press("Space");
    expect(await page.getByLabel(/Pay in 3 instalments/).isChecked()).toBe(true);
    await shot(page, "checkout-plan-focus");
    await tabTo((el) => el.tag === "button" && el.text === "Pay with Alma");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/alma-sandbox\/checkout\/payment_/);
    // The hosted page follows the payment's locale: the demo is written in English ("€900.00").
    expect(await page.getByText("€900.00").count()).toBeGreaterThan(0);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await shot(page, "hosted-page");
  });
});
