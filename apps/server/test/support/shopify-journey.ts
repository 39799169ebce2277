import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { shopifyPlugin } from "@alma-suite/shopify";
import { FakeShopify, type ShopSetup, setUpShop } from "@alma-suite/shopify/testing";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";

export interface ShopifyJourneyOptions {
  /** Prefix of the server's fresh data directory. */
  dataDirPrefix: string;
  apiKey: string;
  apiSecret: string;
  shop: string;
  almaKey: string;
  plans: { key: string }[];
  /**
   * More settings (e.g. `WORKER_CONCURRENCY`, `SHOPIFY_CLIENT_CA`), read by the server and the
   * plugin alike, on top of a silent server on a free port.
   */
  config?: Record<string, string>;
  /** The server's clock (default: the real one). */
  now?: () => number;
}

/** A fake Shopify and the whole server with the Shopify app, installed on a shop set up with Alma. */
export interface ShopifyJourney {
  fake: FakeShopify;
  server: RunningServer;
  shop: ShopSetup;
  /** The shop's Alma account, talking to the server's Alma sandbox. */
  alma: AlmaClient;
  tenantId: string;
}

/**
 * Starts a fake Shopify, then the server with the Shopify plugin, then installs the app on
 * `options.shop` and saves its Alma key and plans as the merchant does in the settings page.
 */
export async function startShopifyJourney(options: ShopifyJourneyOptions): Promise<ShopifyJourney> {
  const { apiKey, apiSecret } = options;
  const fake = await FakeShopify.start({ apiKey, apiSecret });
  let server: RunningServer | undefined;
  try {
    server = await startServer(
      loadConfig({
        PORT: "0",
        DATA_DIR: mkdtempSync(join(tmpdir(), options.dataDirPrefix)),
        LOG_LEVEL: "silent",
        ...options.config,
      }),
      createLogger({ level: "silent" }),
      {
        ...(options.now ? { now: options.now } : {}),
        plugins: [shopifyPlugin],
        env: {
          ...options.config,
          SHOPIFY_API_KEY: apiKey,
          SHOPIFY_API_SECRET: apiSecret,
          SHOPIFY_SHOP_ORIGIN: fake.shopOrigin,
        },
      },
    );
    await provisionSandboxKeys(server.almaBaseUrl, options.almaKey);
    const shop = await setUpShop(fake, server.url, {
      shop: options.shop,
      almaKey: options.almaKey,
      plans: options.plans,
    });
    const alma = new AlmaClient({ apiKey: options.almaKey, baseUrl: server.almaBaseUrl });
    const tenantId = (await server.storage.findTenantByExternalId("shopify", options.shop))!.id;
    return { fake, server, shop, alma, tenantId };
  } catch (error) {
    await server?.stop();
    await fake.close();
    throw error;
  }
}

/** Stops both; a journey during which Shopify would have refused one of the app's documents fails. */
export async function stopShopifyJourney(journey: ShopifyJourney | undefined): Promise<void> {
  await journey?.server.stop();
  await journey?.fake.close();
  const refused = journey?.fake.refusedDocuments ?? [];
  if (refused.length > 0)
    throw new Error(`Shopify refused ${refused.length} document(s): ${JSON.stringify(refused[0]?.errors)}`);
}
