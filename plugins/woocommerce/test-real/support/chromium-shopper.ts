import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium, headless, no sandbox (tests run as root in containers), no background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-sync",
    ],
  });
}

export const CUSTOMER = {
  firstName: "Camille",
  lastName: "Martin",
  email: "camille@example.com",
  address: "12 rue des Lilas",
  city: "Lyon",
  postcode: "69003",
  phone: "0601020304",
};

/** Puts `quantity` of a product in this shopper's cart, as the product page's button does. */
export async function addToCart(
  page: Page,
  storeUrl: string,
  productId: number,
  quantity = 1,
): Promise<void> {
  await page.goto(`${storeUrl}/?add-to-cart=${productId}&quantity=${quantity}`);
}

/** WooCommerce's block checkout: contact and address fields, the payment method's radio, "Place Order". */
export async function placeBlockOrder(page: Page, checkoutUrl: string, methodLabel: string): Promise<void> {
  await page.goto(checkoutUrl);
  await page.locator("#email").fill(CUSTOMER.email);
  await page.locator("#shipping-first_name").fill(CUSTOMER.firstName);
  await page.locator("#shipping-last_name").fill(CUSTOMER.lastName);
  await page.locator("#shipping-address_1").fill(CUSTOMER.address);
  await page.locator("#shipping-city").fill(CUSTOMER.city);
  await page.locator("#shipping-postcode").fill(CUSTOMER.postcode);
  // The block checkout sends the new address to the Store API and re-renders its payment methods
  // with the answer, which can put the choice back on the first method: choose once it settled,
  // and again if the re-render undid it.
  const method = page.getByLabel(methodLabel, { exact: true });
  await page.waitForLoadState("networkidle");
  await method.check();
  await page.waitForLoadState("networkidle");
  if (!(await method.isChecked())) await method.check();
  await page.getByRole("button", { name: "Place Order" }).click();
}

/** The shortcode ("classic") checkout: billing fields, the payment method's radio, "Place order". */
export async function placeClassicOrder(page: Page, checkoutUrl: string, methodId: string): Promise<void> {
  await page.goto(checkoutUrl);
  await page.locator("#billing_first_name").fill(CUSTOMER.firstName);
  await page.locator("#billing_last_name").fill(CUSTOMER.lastName);
  await page.locator("#billing_address_1").fill(CUSTOMER.address);
  await page.locator("#billing_city").fill(CUSTOMER.city);
  await page.locator("#billing_postcode").fill(CUSTOMER.postcode);
  await page.locator("#billing_phone").fill(CUSTOMER.phone);
  await page.locator("#billing_email").fill(CUSTOMER.email);
  // The payment box is re-rendered by WooCommerce's update_order_review call: wait for it to settle.
  await page
    .locator(".blockUI")
    .first()
    .waitFor({ state: "detached" })
    .catch(() => {});
  await page.locator(`#payment_method_${methodId}`).check();
  await page.locator("#place_order").click();
}

/** The Alma sandbox's hosted page, as a customer fills it: card, 3-D Secure code, Pay. */
export async function payOnAlmaPage(page: Page, card: string): Promise<void> {
  await page.getByLabel("Card number").fill(card);
  await page.getByLabel("Expiry (MM/YY)").fill("12/39");
  await page.getByLabel("CVC").fill("123");
  await page.getByLabel("Card holder").fill(`${CUSTOMER.firstName} ${CUSTOMER.lastName}`);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Code received by SMS").fill("1234");
  await page.getByRole("button", { name: "Confirm" }).click();
  await page.getByRole("button", { name: "Pay" }).click();
}
