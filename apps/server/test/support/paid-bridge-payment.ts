import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import type { PaymentLink } from "@alma-suite/core/storage";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import type { BrowserContext } from "playwright-core";
import { expect, vi } from "vitest";
import { loadConfig } from "../../src/config/load-config.ts";
import { type RunningServer, startServer } from "../../src/create-server.ts";
import { createLogger } from "../../src/observability/create-logger.ts";

const basket = JSON.parse(
  readFileSync(new URL("../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
);

export interface PaidBridgePayment {
  server: RunningServer;
  tenantId: string;
  payment: PaymentLink;
}

/**
 * What the dashboard's browser tests start from: a server with the webhook bridge, one agency, the
 * merchant "Boutique Lyon" on the Alma sandbox, and one 3-instalment checkout of 450 € paid on the
 * hosted page and confirmed with Alma. `webhookUrl` adds a webhook endpoint before the checkout.
 */
export async function startWithPaidBridgePayment(options: {
  dataDirPrefix: string;
  operatorToken: string;
  almaKey: string;
  webhookUrl?: string;
  env?: Record<string, string>;
}): Promise<PaidBridgePayment> {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix));
  const server = await startServer(
    loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }),
    createLogger({ level: "silent" }),
    {
      plugins: [webhookBridgePlugin],
      env: { BRIDGE_OPERATOR_TOKEN: options.operatorToken, DATA_DIR: dataDir, ...options.env },
    },
  );
  const bridge = async (method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${server.url}/bridge/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { api_key?: { token: string }; redirect_url?: string },
    };
  };
  await provisionSandboxKeys(server.almaBaseUrl, options.almaKey);
  const agency = await bridge("POST", "/operator/agencies", options.operatorToken, {
    name: "Agence Lumière",
  });
  const key = agency.body.api_key?.token ?? "";
  const base = "/merchants/boutique-lyon";
  expect(
    (await bridge("PUT", base, key, { name: "Boutique Lyon", alma_test_key: options.almaKey })).status,
  ).toBe(201);
  if (options.webhookUrl) {
    const endpoint = await bridge("POST", `${base}/endpoints`, key, {
      url: options.webhookUrl,
      description: "shop",
    });
    expect(endpoint.status).toBe(201);
  }
  const checkout = await bridge("POST", `${base}/checkouts`, key, basket);
  expect(checkout.status).toBe(201);
  const paid = await payOnHostedPage(checkout.body.redirect_url ?? "");
  if (!("redirect" in paid)) throw new Error("the sandbox did not accept the card");
  await fetch(paid.redirect, { redirect: "manual" });
  const tenant = (await server.storage.listTenants({ platform: "bridge" }))[0]!;
  // Paid once the return (or Alma's notification) has been confirmed with Alma.
  await vi.waitFor(
    async () => expect((await server.storage.listPaymentLinks(tenant.id))[0]?.state).toBe("paid"),
    { timeout: 10_000, interval: 100 },
  );
  const [payment] = await server.storage.listPaymentLinks(tenant.id);
  return { server, tenantId: tenant.id, payment: payment! };
}

/** An operator session in the browser's cookie jar, so a test can start on any dashboard screen. */
export async function signInAsOperator(context: BrowserContext, server: RunningServer): Promise<void> {
  const answer = await context.request.post(`${server.url}/dashboard/api/session`, {
    data: { token: server.adminToken },
    headers: { "X-Requested-With": "alma-dashboard" },
  });
  expect(answer.status()).toBe(200);
}
