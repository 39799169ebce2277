import { formatMoney } from "@alma-suite/core";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import {
  type ChromiumProfile,
  ensureAdminBuild,
  launchChromiumProfile,
  screenshots,
} from "../support/browser.ts";
import { signInAsOperator, startWithPaidBridgePayment } from "../support/paid-bridge-payment.ts";
import {
  wcagProblems as accessibilityProblems,
  sidewaysScroll as overflow,
} from "../support/wcag-problems.ts";

// The merchant dashboard in French (its default) and in English, at desktop and phone widths:
// nothing scrolls sideways, axe finds nothing serious, money reads as each language writes it.
const OPERATOR = "dashboard-i18n-operator-token-01";
const ALMA_KEY = "sk_test_dashboardI18n01";
const WIDTHS = [1280, 375, 360] as const;
let server: RunningServer;
let context: BrowserContext;
let chromium: ChromiumProfile;
let tenantId: string;
let payment: { id: string; ref: string };

/** What the focused page heading looks like: the programmatic focus must not draw a ring. */
const headingFocus = (page: Page) =>
  page.evaluate<{ tag: string; outline: string }>(
    `(() => { const el = document.activeElement; return { tag: el ? el.tagName : "", outline: el ? getComputedStyle(el).outlineStyle : "" }; })()`,
  );

/** The top bar's visible text (the page title on phone width, the product's name on desktop). */
const topBarText = (page: Page) =>
  page.evaluate<string>(
    `[...document.querySelectorAll(".Polaris-TopBar .alma-top-bar-title span")].filter((e) => e.offsetParent !== null && e.children.length === 0).map((e) => e.textContent).join("|")`,
  );

beforeAll(async () => {
  ensureAdminBuild();
  const paid = await startWithPaidBridgePayment({
    dataDirPrefix: "dashboard-i18n-",
    operatorToken: OPERATOR,
    almaKey: ALMA_KEY,
  });
  server = paid.server;
  tenantId = paid.tenantId;
  payment = { id: paid.payment.id, ref: paid.payment.platformOrderRef };

  chromium = await launchChromiumProfile({ viewport: { width: 1280, height: 900 } });
  context = chromium.context;
  await signInAsOperator(context, server);
}, 90_000);

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

const LANGUAGES = {
  fr: {
    tenants: "Marchands",
    order: (ref: string) => `Commande ${ref}`,
    jobs: "Tâches",
    refundable: "Encore remboursable",
    paymentColumn: "Paiement",
    sections: {
      "payment-link": "Lien de paiement",
      deliveries: "Envois de webhooks",
      outbox: "Messages envoyés",
    },
  },
  en: {
    tenants: "Tenants",
    order: (ref: string) => `Order ${ref}`,
    jobs: "Jobs",
    refundable: "Still refundable",
    paymentColumn: "Payment",
    sections: { "payment-link": "Payment link", deliveries: "Webhook deliveries", outbox: "Messages sent" },
  },
} as const;

describe("the dashboard in French and in English", () => {
  for (const language of ["fr", "en"] as const) {
    const words = LANGUAGES[language];
    it(`${language}: every page at ${WIDTHS.join(", ")} px: no sideways scroll, no serious axe finding`, {
      timeout: 120_000,
    }, async () => {
      const shot = screenshots(`dashboard-${language}`);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      // French needs nothing: it is the default. English is asked for once in the address, then remembered.
      await page.goto(`${server.url}/dashboard/${language === "en" ? "?locale=en" : ""}#/tenants`);
      await page.getByRole("heading", { name: words.tenants, level: 1 }).waitFor();
      expect(await page.evaluate<string>("document.documentElement.lang")).toBe(language);
      await page.goto(`${server.url}/dashboard/#/tenants`);
      await page.getByRole("heading", { name: words.tenants, level: 1 }).waitFor();
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width > 1000 ? 900 : 760 });
        await page.goto(`${server.url}/dashboard/#/tenants`);
        await page.getByRole("heading", { name: words.tenants, level: 1 }).waitFor();
        expect(await overflow(page)).toBe(0);
        expect(await accessibilityProblems(page)).toEqual([]);
        await shot(page, `tenants-${width}`);

        await page.goto(`${server.url}/dashboard/#/tenants/${tenantId}/payments/${payment.id}`);
        const heading = page.getByRole("heading", { name: words.order(payment.ref), level: 1 });
        await heading.waitFor();
        await page.getByText(words.refundable, { exact: true }).waitFor();
        // 450,00 € in French, €450.00 in English: never "450.00 EUR".
        await page.getByText(formatMoney(45000, language)).first().waitFor();
        expect(await page.getByText(/\d EUR\b/).count()).toBe(0);
        // Focus is on the heading for screen readers, without a focus ring nobody asked for.
        await expect.poll(() => headingFocus(page)).toEqual({ tag: "H1", outline: "none" });
        if (width < 768) expect(await topBarText(page)).toBe(words.order(payment.ref));
        expect(await overflow(page)).toBe(0);
        expect(await accessibilityProblems(page)).toEqual([]);
        await shot(page, `payment-${width}`);

        await page.goto(`${server.url}/dashboard/#/tenants/${tenantId}/jobs`);
        await page.getByRole("heading", { name: words.jobs, level: 1 }).waitFor();
        await page.getByRole("columnheader", { name: words.paymentColumn }).waitFor();
        await page.getByRole("link", { name: payment.ref }).first().waitFor();
        if (width < 768) expect(await topBarText(page)).toBe(words.jobs);
        expect(await overflow(page)).toBe(0);
        expect(await accessibilityProblems(page)).toEqual([]);
        await shot(page, `jobs-${width}`);

        await page.goto(`${server.url}/dashboard/#/tenants/${tenantId}`);
        await page.getByRole("heading", { name: "Boutique Lyon", level: 1 }).waitFor();
        await page.getByText(/Alma \(Test\)/).waitFor();
        expect(await overflow(page)).toBe(0);
        expect(await accessibilityProblems(page)).toEqual([]);
        await shot(page, `overview-${width}`);
        for (const [section, title] of Object.entries(words.sections)) {
          await page.goto(`${server.url}/dashboard/#/tenants/${tenantId}/${section}`);
          await page.getByRole("heading", { name: title, level: 1 }).waitFor();
          // The heading and the loading spinner come together: judge the page once its content is in.
          await page.waitForFunction("!document.querySelector('.Polaris-Spinner')");
          expect(await overflow(page)).toBe(0);
          expect(await accessibilityProblems(page)).toEqual([]);
          if (width === 360) await shot(page, `${section}-${width}`);
        }
      }
      await page.close();
    });
  }

  it("fr: a full refund leaves the unpaid instalments cancelled, not paid for 0,00 €, and the timeline in words", {
    timeout: 90_000,
  }, async () => {
    const shot = screenshots("dashboard-fr-refunded");
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/dashboard/?locale=fr#/tenants/${tenantId}/payments/${payment.id}`);
    await page.getByRole("heading", { name: `Commande ${payment.ref}`, level: 1 }).waitFor();
    await page.getByRole("button", { name: "Rembourser…" }).click();
    const dialog = page.getByRole("dialog");
    await dialog
      .getByText(`Rembourser ${formatMoney(45000, "fr")} sur ${formatMoney(45000, "fr")} remboursables ?`)
      .waitFor();
    await dialog.getByRole("button", { name: `Rembourser ${formatMoney(45000, "fr")}` }).click();
    await dialog.waitFor({ state: "detached" });
    await page.getByText("Il ne reste rien à rembourser sur ce paiement.").waitFor({ timeout: 20_000 });
    const schedule = page.locator("table").filter({ hasText: "Frais client" });
    await expect
      .poll(() => schedule.locator("tbody tr").allInnerTexts(), { timeout: 20_000 })
      .toEqual([
        expect.stringMatching(/150,00\s€[\s\S]*Payé/),
        expect.stringMatching(/Annulée par le remboursement/),
        expect.stringMatching(/Annulée par le remboursement/),
      ]);
    expect((await schedule.locator("tbody tr").allInnerTexts()).slice(1).join(" ")).not.toMatch(/0,00/);
    await page.getByText(/1 échéance\(s\) payée\(s\) sur 3, 2 annulées par le remboursement/).waitFor();
    await page.getByText(`Alma a remboursé ${formatMoney(45000, "fr")}.`).waitFor({ timeout: 20_000 });
    await page.getByText("Demandé depuis ce tableau de bord").waitFor();
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/amountCents|=\d|\{"|dashboard:pay_/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await shot(page, "refunded");
    await page.close();
  });

  // Last: following a login link signs this browser in as the merchant.
  it("a login link used twice shows a page in the browser's language that says how to get a new one", {
    timeout: 30_000,
  }, async () => {
    const shot = screenshots("dashboard-login-link-used");
    const paths: string[] = [];
    for (let i = 0; i < 2; i++) {
      const answer = await context.request.post(
        `${server.url}/dashboard/api/tenants/${tenantId}/login-links`,
        {
          headers: { "X-Requested-With": "alma-dashboard" },
        },
      );
      paths.push(new URL(((await answer.json()) as { url: string }).url).pathname);
    }
    const cases = [
      {
        path: paths[0]!,
        accept: "fr-FR,fr;q=0.9,en;q=0.5",
        title: "Lien de connexion inutilisable",
        why: "Ce lien de connexion a déjà servi.",
      },
      {
        path: paths[1]!,
        accept: "en-GB,en;q=0.9",
        title: "Login link cannot be used",
        why: "This login link has already been used.",
      },
    ];
    for (const { path, accept, title, why } of cases) {
      const page = await context.newPage();
      await page.setExtraHTTPHeaders({ "accept-language": accept });
      await page.goto(`${server.url}${path}`);
      await page.waitForURL(/\/dashboard\/(#.*)?$/);
      const again = await page.goto(`${server.url}${path}`);
      expect(again?.status()).toBe(410);
      await page.getByRole("heading", { name: title, level: 1 }).waitFor();
      await page.getByText(why, { exact: false }).waitFor();
      await page.getByText("npx alma-suite tenants login-link").waitFor();
      expect(await overflow(page)).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      await shot(page, accept.slice(0, 2));
      await page.close();
    }
  });
});
