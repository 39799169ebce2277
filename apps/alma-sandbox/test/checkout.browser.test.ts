import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectReadable, launchChromium, openPage, VIEWPORTS } from "../src/testing/browser.ts";
import { type Harness, startHarness } from "./sandbox-harness.ts";

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ now: () => new Date(Date.UTC(2026, 0, 15, 9)) });
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function newPaymentUrl(extra: Record<string, unknown>): Promise<string> {
  const response = await h.createPayment({
    return_url: "https://shop.test/return",
    customer_cancel_url: "https://shop.test/cancel",
    failure_return_url: "https://shop.test/failed",
    ...extra,
  });
  return (response.body as { url: string }).url;
}

describe.each([
  {
    locale: "fr",
    pay: "Payer avec Alma",
    code: "Code reçu par SMS",
    wrong: "Code incorrect",
    back: "Revenir chez",
  },
  {
    locale: "en",
    pay: "Pay with Alma",
    code: "Code received by SMS",
    wrong: "Wrong code",
    back: "Return to",
  },
])("hosted page in $locale", (words) => {
  it.each(VIEWPORTS)(
    "card form, 3-D Secure and a refusal fit $width px and pass axe",
    async (viewport) => {
      const page = await openPage(
        browser,
        await newPaymentUrl({ locale: words.locale, installments_count: 10 }),
        viewport,
      );
      await page.getByRole("heading", { name: words.pay }).waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(words.locale);
      await expectReadable(page);

      await page.locator("#card_number").fill("4242424242424242");
      await page.locator("#expiry").fill("12/39");
      await page.locator("#cvc").fill("123");
      await page.locator("#holder").fill("Camille Martin");
      await page.locator("main form button[type=submit]").click();
      await page.getByLabel(words.code).fill("0000");
      await page.locator("main form button[type=submit]").click();
      await page.getByRole("alert").filter({ hasText: words.wrong }).waitFor();
      await expectReadable(page);

      const refused = await openPage(browser, await newPaymentUrl({ locale: words.locale }), viewport);
      await refused.locator("#card_number").fill("4000000000003063");
      await refused.locator("#expiry").fill("12/39");
      await refused.locator("#cvc").fill("123");
      await refused.locator("#holder").fill("Camille Martin");
      await refused.locator("main form button[type=submit]").click();
      await refused.getByLabel(words.code).fill("1234");
      await refused.locator("main form button[type=submit]").click();
      const back = refused.getByRole("link", { name: new RegExp(`^${words.back} `) });
      expect(await back.getAttribute("href")).toBe("https://shop.test/failed");
      await expectReadable(refused);
      await page.context().close();
      await refused.context().close();
    },
    60_000,
  );
});
