import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, with the flags of shopify-settings-browser.test.ts (no sandbox, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const ARTIFACTS = new URL("../../test-artifacts/", import.meta.url).pathname;

/** Numbered full-page screenshots in `apps/server/test-artifacts/<test>/<nn-step>.png`. */
export function screenshots(testName: string): (page: Page, step: string) => Promise<void> {
  const dir = join(ARTIFACTS, testName);
  rmSync(dir, { recursive: true, force: true }); // only this run's steps
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, step) => {
    n += 1;
    await page.screenshot({ path: join(dir, `${String(n).padStart(2, "0")}-${step}.png`), fullPage: true });
  };
}

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

/** "41.74 EUR": the demo and widget wording. */
export const euros = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")} EUR`;

/**
 * The widget's line for a price split evenly, from the sandbox's documented fee table
 * (apps/alma-sandbox/README.md): the customer fee is charged with the first instalment.
 */
export function expectedLine(priceCents: number, count: number, customerFeeBps: number): string {
  if (priceCents % count !== 0) throw new Error("pick a price that splits evenly");
  const fee = Math.round((priceCents * customerFeeBps) / 10_000);
  const share = priceCents / count;
  return `${euros(share + fee)} then ${count - 1} x ${euros(share)} (fees: ${euros(fee)})`;
}
