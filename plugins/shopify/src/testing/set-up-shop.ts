import type { FakeShopify } from "./fake-shopify.ts";
import { BROWSER_UA, type CookieJar, installShop } from "./install-shop.ts";

export interface ShopSetup {
  jar: CookieJar;
  /** Calls the settings API as the signed-in merchant. */
  api(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * A merchant installing the app and configuring it through the settings API: OAuth, an Alma
 * test key, the plans to offer (with Alma's limits unless given), save → paymentsAppConfigure.
 */
export async function setUpShop(
  fake: FakeShopify,
  appUrl: string,
  input: { shop: string; almaKey: string; plans: { key: string; minCents?: number; maxCents?: number }[] },
): Promise<ShopSetup> {
  const installed = await installShop(fake, appUrl, input.shop);
  if (installed.status !== 303)
    throw new Error(`install failed with ${installed.status}: ${await installed.response.text()}`);
  const { jar } = installed;
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${appUrl}/shopify/settings/api/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { "Content-Type": "application/json", Cookie: jar.header(), "User-Agent": BROWSER_UA },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const key = await api("alma-key", { mode: "test", key: input.almaKey });
  if (key.status !== 200) throw new Error(`Alma key refused: ${JSON.stringify(key.body)}`);
  const state = await api("state");
  const options = state.body.planOptions as { key: string; almaMinCents: number; almaMaxCents: number }[];
  const plans = input.plans.map((p) => {
    const option = options.find((o) => o.key === p.key);
    if (!option) throw new Error(`Alma does not offer ${p.key}`);
    return {
      key: p.key,
      enabled: true,
      minCents: p.minCents ?? option.almaMinCents,
      maxCents: p.maxCents ?? option.almaMaxCents,
    };
  });
  const saved = await api("save", { almaMode: "test", plans });
  if (saved.status !== 200) throw new Error(`settings refused: ${JSON.stringify(saved.body)}`);
  return { jar, api };
}
