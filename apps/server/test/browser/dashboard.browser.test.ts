import { startWebhookReceiver, type WebhookReceiver } from "@alma-suite/webhook-bridge/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import {
  type ChromiumProfile,
  ensureAdminBuild,
  launchChromiumProfile,
  screenshots,
} from "../support/browser.ts";
import { signInAsOperator as signIn, startWithPaidBridgePayment } from "../support/paid-bridge-payment.ts";
import { wcagProblems as accessibilityProblems } from "../support/wcag-problems.ts";

const OPERATOR = "dashboard-browser-operator-token-01";
const ALMA_KEY = "sk_test_dashboardBrowser01";

/** What runs inside Chromium reads a few page globals; the server's tsconfig has no DOM library. */
interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number };
  getAnimations(): { finished: Promise<unknown> }[];
  querySelector(selector: string): PageElement | null;
};

let server: RunningServer;
let receiver: WebhookReceiver;
let context: BrowserContext;
let chromium: ChromiumProfile;
let payment: { id: string; almaPaymentId: string };

/** Alma's own record of the payment: the sandbox API, as the merchant's key sees it. */
async function almaPayment(id: string) {
  const response = await fetch(`${server.almaBaseUrl}/v1/payments/${id}`, {
    headers: { Authorization: `Alma-Auth ${ALMA_KEY}` },
  });
  return (await response.json()) as { refunds: { amount: number }[]; payment_plan: { state: string }[] };
}

/** An operator session in the browser (its cookie jar), so each test can start on any screen. */
const signInAsOperator = () => signIn(context, server);

/** Presses Tab until the focused element matches, as a keyboard-only user would; fails after `max`. */
async function tabTo(
  page: Page,
  matches: (el: { tag: string; text: string; label: string }) => boolean,
  max = 60,
) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const labelled = el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return {
        tag: el?.tagName.toLowerCase() ?? "",
        text: el?.textContent?.trim() ?? "",
        label: labelled?.trim() ?? el?.getAttribute("aria-label") ?? "",
      };
    });
    if (matches(focused)) return focused;
  }
  throw new Error("Tab never reached the element");
}

beforeAll(async () => {
  ensureAdminBuild();
  receiver = await startWebhookReceiver();
  const paid = await startWithPaidBridgePayment({
    dataDirPrefix: "dashboard-browser-",
    operatorToken: OPERATOR,
    almaKey: ALMA_KEY,
    webhookUrl: receiver.url,
    env: { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1" },
  });
  server = paid.server;
  payment = { id: paid.payment.id, almaPaymentId: paid.payment.almaPaymentId! };

  chromium = await launchChromiumProfile({ viewport: { width: 1280, height: 900 } });
  context = chromium.context;
  // These journeys read the English dashboard (French is the default: see dashboard-i18n.browser.test.ts).
  await context.addInitScript({ content: 'localStorage.setItem("alma-admin-language", "en")' });
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  await receiver?.close();
});

describe("merchant dashboard in a browser", () => {
  it("operator signs in, opens the paid payment, refunds part of it through the confirmation, and Alma has the refund", {
    timeout: 90_000,
  }, async () => {
    const shot = screenshots("dashboard-refund-journey");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/dashboard/`);
    await page.getByLabel("Admin token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("This token is not the admin token.").waitFor();
    await page.getByLabel("Admin token").fill(server.adminToken);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Tenants", level: 1 }).waitFor();
    await page.getByText("Alma OK").waitFor();
    await shot(page, "tenants");

    await page.getByRole("link", { name: "Boutique Lyon" }).click();
    await page.getByRole("link", { name: "Payments", exact: true }).click();
    await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
    await shot(page, "payments");
    await page.getByRole("link", { name: "PS-2026-000451" }).click();
    await page.getByRole("heading", { name: "Order PS-2026-000451", level: 1 }).waitFor();
    expect(page.url()).toContain(`#/tenants/`);
    expect(page.url()).toContain(`/payments/${payment.id}`);
    const schedule = page.locator("table").filter({ hasText: "Customer fees" });
    await expect.poll(() => schedule.locator("tbody tr").count()).toBe(3);
    expect(await schedule.locator("tbody tr").allInnerTexts()).toEqual([
      expect.stringMatching(/€150\.00[\s\S]*Paid/),
      expect.stringMatching(/€150\.00[\s\S]*Pending/),
      expect.stringMatching(/€150\.00[\s\S]*Pending/),
    ]);
    await page.getByText("1 of 3 instalments paid").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "payment");

    await page.getByLabel("Amount to refund (EUR)").fill("450.01");
    await page.getByRole("button", { name: "Refund…" }).click();
    await page.getByText("At most €450.00 can be refunded.").waitFor();
    await page.getByLabel("Amount to refund (EUR)").fill("120.5");
    await page.getByRole("button", { name: "Refund…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Refund €120.50 of €450.00 refundable?").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "confirm");
    await dialog.getByRole("button", { name: "Refund €120.50" }).click();
    await dialog.waitFor({ state: "detached" });

    const refunds = page.locator("table").filter({ hasText: "Reference" });
    await refunds.getByText("Succeeded").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => refunds.locator("tbody tr").allInnerTexts())
      .toEqual([expect.stringContaining("€120.50")]);
    await page.getByText("€329.50").first().waitFor();
    await shot(page, "refunded");
    expect((await almaPayment(payment.almaPaymentId)).refunds.map((r) => r.amount)).toEqual([12050]);
    await page.close();
  });

  it("keyboard only: Tab reaches the refund form, Enter opens the confirmation, Escape closes it, Enter refunds", {
    timeout: 60_000,
  }, async () => {
    const shot = screenshots("dashboard-keyboard");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const tenant = (await server.storage.listTenants({ platform: "bridge" }))[0]!;
    await signInAsOperator();
    // Whatever earlier tests refunded, Alma says what is left.
    const refundedBefore = (await almaPayment(payment.almaPaymentId)).refunds.map((r) => r.amount);
    const left = 45000 - refundedBefore.reduce((sum, cents) => sum + cents, 0);
    const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;
    // A shared URL opens the payment directly.
    await page.goto(`${server.url}/dashboard/#/tenants/${tenant.id}/payments/${payment.id}`);
    const heading = page.getByRole("heading", { name: "Order PS-2026-000451", level: 1 });
    await heading.waitFor();
    // Focus starts on the page heading, so Tab continues from the top of the page.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await page.getByText("Still refundable", { exact: true }).waitFor();

    await tabTo(page, (el) => el.label.startsWith("Amount to refund"));
    await page.keyboard.type("10");
    const button = await tabTo(page, (el) => el.tag === "button" && el.text === "Refund…");
    expect(button.text).toBe("Refund…");
    expect(await page.evaluate(() => document.activeElement?.matches(":focus-visible"))).toBe(true);
    await shot(page, "refund-button-focused");
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.getByText(`Refund €10.00 of ${euros(left)} refundable?`).waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect((await almaPayment(payment.almaPaymentId)).refunds).toHaveLength(refundedBefore.length);

    // Focus goes back where it was (the modal returns it once its closing transition ends, which can be
    // after the dialog leaves the DOM); Enter opens the dialog again, and focus stays trapped inside it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Refund…");
    await page.keyboard.press("Enter");
    await dialog.getByText(`Refund €10.00 of ${euros(left)} refundable?`).waitFor();
    await tabTo(page, (el) => el.tag === "button" && el.text === "Refund €10.00", 10);
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("[role=dialog]")))).toBe(true);
    await shot(page, "dialog-focused");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await page
      .getByText(euros(left - 1000))
      .first()
      .waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await almaPayment(payment.almaPaymentId)).refunds.map((r) => r.amount), {
        timeout: 15_000,
      })
      .toEqual([...refundedBefore, 1000]);
    await shot(page, "refunded");
    await page.close();
  });

  it("at phone width the page never scrolls sideways and the menu opens from its button", {
    timeout: 60_000,
  }, async () => {
    const shot = screenshots("dashboard-phone");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 375, height: 812 });
    await signInAsOperator();
    const tenant = (await server.storage.listTenants({ platform: "bridge" }))[0]!;
    await page.goto(`${server.url}/dashboard/#/tenants/${tenant.id}/payments/${payment.id}`);
    await page.getByRole("heading", { name: "Order PS-2026-000451", level: 1 }).waitFor();
    await page.getByText("Still refundable", { exact: true }).waitFor();
    const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "payment");

    const jobsLink = page.getByRole("link", { name: "Jobs", exact: true });
    expect(await jobsLink.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Toggle menu" }).click();
    await jobsLink.waitFor({ state: "visible" });
    // The drawer slides in: wait until it is all on screen before looking at it.
    await expect.poll(async () => (await jobsLink.boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
    await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
    await shot(page, "menu-open");
    await jobsLink.click();
    await page.getByRole("heading", { name: "Jobs", level: 1 }).waitFor();
    await page.getByText(/^Done:/).waitFor();
    // Choosing a page closes the drawer.
    await jobsLink.waitFor({ state: "hidden" });
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await shot(page, "jobs");

    await page.getByRole("button", { name: "Toggle menu" }).click();
    await page.getByRole("link", { name: "Payments", exact: true }).click();
    await page.getByRole("link", { name: "PS-2026-000451" }).waitFor();
    await jobsLink.waitFor({ state: "hidden" });
    expect(await scrollWidth()).toBeLessThanOrEqual(375);
    await shot(page, "payments");
    await page.close();
  });

  it("a merchant signs in by a login link, sees only its tenant, sends a payment link and follows it; replays a webhook", {
    timeout: 60_000,
  }, async () => {
    const shot = screenshots("dashboard-merchant");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const tenant = (await server.storage.listTenants({ platform: "bridge" }))[0]!;
    await signInAsOperator();
    await page.goto(`${server.url}/dashboard/#/tenants/${tenant.id}`);
    await page.getByRole("heading", { name: "Boutique Lyon", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Create a login link" }).click();
    const link = (await page.getByText(/\/dashboard\/login\//).textContent()) ?? "";
    expect(link).toMatch(/^http:\/\/localhost:\d+\/dashboard\/login\//);
    await page.getByRole("link", { name: "Sign out" }).click();
    await page.getByLabel("Admin token").waitFor();

    await page.goto(link.replace(/^http:\/\/localhost:\d+/, server.url));
    await page.getByRole("heading", { name: "Payments", level: 1 }).waitFor();
    await page.getByRole("link", { name: "PS-2026-000451" }).waitFor();
    expect(await page.getByLabel("Tenant").count()).toBe(0);
    expect(await page.getByRole("link", { name: "All tenants" }).count()).toBe(0);
    await shot(page, "merchant-payments");

    await page.getByRole("link", { name: "Payment link", exact: true }).click();
    await page.getByLabel("Amount (EUR)").fill("89.9");
    await page.getByLabel("Reference").fill("STORE-0042");
    await page.getByLabel("Instalments").selectOption("4");
    await page.getByLabel("Customer e-mail").fill("claire.dupont@example.fr");
    await page.getByRole("button", { name: "Send the payment link" }).click();
    await page.getByText(/^Link sent by e-mail to /).waitFor();
    expect(await page.getByText(/^Link sent by e-mail to /).textContent()).not.toContain(
      "claire.dupont@example.fr",
    );
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "link-sent");
    await page.getByRole("link", { name: "Follow the payment" }).click();
    await page.getByRole("heading", { name: /^Order (pos:)?STORE-0042$/, level: 1 }).waitFor();
    await page.getByText("In store / phone (payment link)").waitFor();
    await page.getByText("€89.90").first().waitFor();
    await page.getByText("Only a paid payment can be refunded.").waitFor();
    await shot(page, "pos-payment");

    await page.getByRole("link", { name: "Messages sent" }).click();
    await page.getByRole("heading", { name: "Messages sent", level: 1 }).waitFor();
    // The e-mail goes out through a job: the list may load before it has run.
    await expect.poll(() => page.locator("li").filter({ hasText: "E-mail" }).count()).toBe(1);

    await page.getByRole("link", { name: "Webhook deliveries" }).click();
    await page.getByRole("heading", { name: "Webhook deliveries", level: 1 }).waitFor();
    const accepted = page.locator("tr").filter({ hasText: "payment.accepted" });
    await accepted.getByText("Delivered").waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "deliveries");
    const before = receiver.received.length;
    await accepted.getByRole("button", { name: "Replay payment.accepted" }).click();
    await page.getByText("payment.accepted will be sent again").waitFor();
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBeGreaterThan(before);
    await page.close();
  });
});
