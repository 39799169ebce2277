import type { Page } from "playwright-core";

/**
 * Fills the sandbox's hosted page as a customer does: card, 3-D Secure code 1234, Pay. Fields are
 * found by their ids and buttons by position, so the page's language (the payment's locale) does
 * not matter.
 */
export async function payOnSandboxPage(
  page: Page,
  card: string,
  shot: (page: Page, step: string) => Promise<void>,
) {
  await page.locator("#card_number").fill(card);
  await page.locator("#expiry").fill("12/39");
  await page.locator("#cvc").fill("123");
  await page.locator("#holder").fill("Camille Martin");
  await shot(page, "hosted-page-card");
  await page.locator("main form button[type=submit]").click();
  await page.locator("main[data-outcome=three_ds] #code").fill("1234");
  await shot(page, "three-d-secure");
  await page.locator("main form button[type=submit]").click();
  await page.locator("main[data-outcome=confirm] form button").waitFor();
  await shot(page, "confirm-payment");
  await page.locator("main[data-outcome=confirm] form button").click();
}
