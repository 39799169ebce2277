import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { shopifyPlugin } from "@alma-suite/shopify";
import { BROWSER_UA, FakeShopify } from "@alma-suite/shopify/testing";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import {
  type ChromiumProfile,
  ensureAdminBuild,
  launchChromiumProfile,
  screenshots,
} from "./support/browser.ts";
import { sidewaysScroll, wcagProblems } from "./support/wcag-problems.ts";

const API_KEY = "alma-suite-browser-app";
const API_SECRET = "shpss_test_secret_browser_000001";
const SHOP = "browser-shop.myshopify.com";
const ALMA_KEY = "sk_test_shopifyBrowser001";

let fake: FakeShopify;
let server: RunningServer;
let context: BrowserContext;
let chromium: ChromiumProfile;
let shopifyAdmin: Awaited<ReturnType<typeof startShopifyAdmin>>;
const shopifyPagesSeen: string[] = [];

/**
 * Shopify's admin as the merchant's browser meets it: the grant screen (approved at once: it
 * redirects to the app's callback with a signed code) and the gateway settings page the app must
 * send the merchant to. HTTPS with a throwaway self-signed certificate, as the URLs are https.
 */
async function startShopifyAdmin(shopify: FakeShopify) {
  const dir = mkdtempSync(join(tmpdir(), "shopify-admin-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${SHOP}`,
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  const admin = createHttpsServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    (req, res) => {
      const url = new URL(req.url ?? "/", `https://${SHOP}`);
      // Chromium asks for /favicon.ico on its own schedule; it is not a page the app sent us to.
      if (url.pathname !== "/favicon.ico") shopifyPagesSeen.push(url.pathname);
      if (url.pathname === "/admin/oauth/authorize") {
        res.writeHead(302, { Location: shopify.approveInstall(url.toString()) }).end();
      } else {
        res.writeHead(200, { "Content-Type": "text/html" }).end("<h1>Shopify payments settings</h1>");
      }
    },
  );
  await new Promise<void>((resolve) => admin.listen(0, "127.0.0.1", resolve));
  rmSync(dir, { recursive: true, force: true });
  return {
    port: (admin.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => admin.close(() => resolve())),
  };
}

beforeAll(async () => {
  const adminDist = ensureAdminBuild();
  fake = await FakeShopify.start({ apiKey: API_KEY, apiSecret: API_SECRET });
  server = await startServer(
    loadConfig({ PORT: "0", DATA_DIR: mkdtempSync(join(tmpdir(), "shopify-browser-")), LOG_LEVEL: "silent" }),
    createLogger({ level: "silent" }),
    {
      plugins: [shopifyPlugin],
      env: {
        SHOPIFY_API_KEY: API_KEY,
        SHOPIFY_API_SECRET: API_SECRET,
        SHOPIFY_SHOP_ORIGIN: fake.shopOrigin,
        SHOPIFY_ADMIN_DIST: adminDist,
      },
    },
  );
  await provisionSandboxKeys(server.almaBaseUrl, ALMA_KEY);
  shopifyAdmin = await startShopifyAdmin(fake);
  chromium = await launchChromiumProfile({
    userAgent: BROWSER_UA,
    // Shopify's admin pages (grant screen, gateway settings) are a local HTTPS server.
    extraArgs: [
      `--host-resolver-rules=MAP ${SHOP} 127.0.0.1:${shopifyAdmin.port}`,
      "--ignore-certificate-errors",
    ],
  });
  context = chromium.context;
  // This journey reads the English page (the settings page is French unless Shopify or the
  // merchant asks otherwise).
  await context.addInitScript({ content: 'localStorage.setItem("alma-admin-language", "en")' });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await shopifyAdmin?.close();
  await server?.stop();
  await fake?.close();
});

describe("settings page in a browser", () => {
  it("installs, enters a key, enables plans, saves, and lands on Shopify with the method configured", {
    timeout: 60_000,
  }, async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/shopify/auth?${fake.signedQuery(SHOP)}`);
    await page.waitForURL(`${server.url}/shopify/settings/`);
    await expect.poll(() => page.getByText(SHOP).count()).toBeGreaterThan(0);
    await page.getByText("Not configured").waitFor();

    // The sandbox, like Alma's test environment, refuses live keys.
    await page.getByLabel("Live API key").fill("sk_live_notForTheSandbox1");
    await page.getByRole("button", { name: "Check and save key" }).nth(1).click();
    await page.getByText("Alma refused this key").waitFor();

    await page.getByLabel("Test API key").fill(ALMA_KEY);
    await page.getByRole("button", { name: "Check and save key" }).first().click();
    await page.getByText(/sk_test_\*{4}/).waitFor();
    expect(await page.content()).not.toContain(ALMA_KEY);

    await page.getByLabel("Pay in 3 instalments", { exact: true }).check();
    await page.getByLabel("Pay in 4 instalments", { exact: true }).check();
    await page.locator("#min-general_3_0_0").fill("10");
    await page.getByRole("button", { name: "Save and return to Shopify" }).click();
    await page.getByText(/Alma allows €50\.00 to €2,000\.00/).waitFor();
    expect(fake.configurations).toEqual([]);

    await page.locator("#min-general_3_0_0").fill("100");
    await page.getByRole("button", { name: "Save and return to Shopify" }).click();
    await page.waitForURL(`https://${SHOP}/services/payments_partners/gateways/${API_KEY}/settings`);
    expect(fake.configurations).toEqual([
      { shop: SHOP, ready: true, externalHandle: expect.stringContaining("(test)") },
    ]);
    expect(fake.mutationsNamed("paymentsAppConfigure")).toHaveLength(1);

    const tenant = (await server.storage.findTenantByExternalId("shopify", SHOP))!;
    expect(
      (tenant.settings.plans as { key: string; enabled: boolean; minCents: number }[]).filter(
        (p) => p.enabled,
      ),
    ).toEqual([
      expect.objectContaining({ key: "general_3_0_0", minCents: 10000 }),
      expect.objectContaining({ key: "general_4_0_0", minCents: 5000 }),
    ]);
    expect(shopifyPagesSeen).toEqual([
      "/admin/oauth/authorize",
      `/services/payments_partners/gateways/${API_KEY}/settings`,
    ]);
  });

  it("speaks French when Shopify's locale says so, at desktop and phone width, with no serious axe finding", {
    timeout: 60_000,
  }, async () => {
    const shot = screenshots("shopify-settings-fr");
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    for (const width of [1280, 375, 360]) {
      await page.setViewportSize({ width, height: 800 });
      // The session of the install above is still in this browser's cookie jar.
      await page.goto(`${server.url}/shopify/settings/?locale=fr`);
      await page.getByRole("heading", { name: "Formules de paiement" }).waitFor();
      await page.getByText("Prêt", { exact: true }).waitFor();
      await page.getByRole("button", { name: "Enregistrer et revenir à Shopify" }).waitFor();
      // Alma's window for 3 instalments, as French writes money (never €50.00 or 50.00 EUR).
      await page
        .getByText(/Alma : 50,00\s€ – 2\s000,00\s€/)
        .first()
        .waitFor();
      await page.getByLabel("Payer en 3 fois", { exact: true }).waitFor();
      expect(await sidewaysScroll(page)).toBe(0);
      expect(await wcagProblems(page)).toEqual([]);
      await shot(page, `settings-${width}`);
    }
    await page.close();
  });
});
