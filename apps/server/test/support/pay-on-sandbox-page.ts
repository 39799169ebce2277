import type { Page } from "playwright-core";

/** Fills the sandbox's hosted page as a customer does: card, 3-D Secure code 1234, Pay. */
export async function payOnSandboxPage(
  page: Page,
  card: string,
  shot: (page: Page, step: string) => Promise<void>,
) {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiry (MM/YY)").fill("12/39");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Card holder").fill("Camille Martin");
  await shot(page, "hosted-page-card");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Code received by SMS").fill("1234");
  await shot(page, "three-d-secure");
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("button", { name: "Pay" }).waitFor();
  await shot(page, "confirm-payment");
  await page.getByRole("button", { name: "Pay" }).click();
}
