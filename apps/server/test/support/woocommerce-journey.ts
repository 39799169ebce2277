import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient, type PluginDeps } from "@alma-suite/core";
import { runWoocommerceCli, woocommercePlugin } from "@alma-suite/woocommerce";
import { type FakeWooCommerce, startFakeWooCommerce } from "@alma-suite/woocommerce/testing";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";

/** A fake WooCommerce store and the whole server with the WooCommerce plugin, ready to be connected. */
export interface WoocommerceJourney {
  server: RunningServer;
  woo: FakeWooCommerce;
  /** The REST API keys the store owner created in WooCommerce for the connector. */
  keys: { consumerKey: string; consumerSecret: string };
}

/**
 * Starts a fake WooCommerce store, then the server (fresh data directory, silent, no scheduled
 * reconciliation) accepting store registrations with `registrationToken`.
 */
export async function startWoocommerceJourney(
  dataDirPrefix: string,
  registrationToken: string,
  /** More server settings (a database, the sandbox's behaviour), on top of a silent server. */
  config: Record<string, string> = {},
  /** The server's clock (default: the real one). */
  now?: () => number,
): Promise<WoocommerceJourney> {
  const woo = await startFakeWooCommerce();
  try {
    const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
    const server = await startServer(
      loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...config }),
      createLogger({ level: "silent" }),
      {
        ...(now ? { now } : {}),
        plugins: [woocommercePlugin],
        env: {
          WOOCOMMERCE_REGISTRATION_TOKEN: registrationToken,
          WOOCOMMERCE_RECONCILE_EVERY_MINUTES: "0",
        },
      },
    );
    return { server, woo, keys: woo.addApiKey() };
  } catch (error) {
    await woo.close();
    throw error;
  }
}

export async function stopWoocommerceJourney(journey: WoocommerceJourney | undefined): Promise<void> {
  await journey?.server.stop();
  await journey?.woo.close();
}

/** What the store owner types in the plugin's settings, besides the store and its API keys. */
export interface StoreRegistration {
  alma_test_key: string;
  pay_by_link_methods?: string[];
}

/**
 * Connects the fake store to the server, as the WordPress plugin does, with `token` as the bearer;
 * a well-formed Alma test key is first issued by the server's sandbox, as Alma issues a merchant's.
 */
export async function registerStore(
  { server, woo, keys }: WoocommerceJourney,
  token: string,
  registration: StoreRegistration,
): Promise<Response> {
  if (/^sk_test_[A-Za-z0-9]{8,}$/.test(registration.alma_test_key))
    await provisionSandboxKeys(server.almaBaseUrl, registration.alma_test_key);
  return fetch(`${server.url}/woocommerce/stores`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      store_url: woo.url,
      consumer_key: keys.consumerKey,
      consumer_secret: keys.consumerSecret,
      ...registration,
    }),
  });
}

/** What `alma-suite woocommerce` gets from the server, with a silent logger and one Alma key. */
export function woocommerceCliDeps(server: RunningServer, almaKey: string): PluginDeps {
  const almaWithKey = (apiKey: string) => new AlmaClient({ apiKey, baseUrl: server.almaBaseUrl });
  return {
    storage: server.storage,
    almaFor: async () => almaWithKey(almaKey),
    almaWithKey,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
    publicUrl: server.url,
    now: Date.now,
  };
}

/** Runs `alma-suite woocommerce reconcile <store>`; answers its exit code and what it printed. */
export async function reconcileStore(
  deps: PluginDeps,
  store: string,
): Promise<{ code: number; report: string }> {
  const out: string[] = [];
  const code = await runWoocommerceCli(
    ["reconcile", store],
    {
      out: (line) => out.push(line),
      fail: (message) => {
        out.push(message);
        return 1;
      },
      readSecret: async () => "",
    },
    deps,
  );
  return { code, report: out.join("\n") };
}
