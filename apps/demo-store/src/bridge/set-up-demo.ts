import type { AlmaClient, PluginLogger } from "@alma-suite/core";
import { type Storage, sqlExecutorOf } from "@alma-suite/core/storage";
import { type BridgeCall, expectSuccess } from "./bridge-client.ts";
import { loadSetupState, type SetupState, saveSetupState } from "./setup-state.ts";

export const MERCHANT_REF = "demo-store";
const MERCHANT_NAME = "Atelier Alma (demo store)";
const AGENCY_KEY = "demo_agency_api_key";
const WEBHOOK_SECRET = "demo_webhook_secret";

/** Everything the shop needs to sell through the bridge; secrets stay in memory only. */
export interface DemoSetup {
  tenantId: string;
  /** Alma's public merchant id, for the eligibility widget. */
  almaMerchantId: string;
  agencyToken: string;
  webhookSecret: string;
}

/** The demo shop's name, as its pages and Alma's hosted page show it. */
export const SHOP_NAME = "Atelier Alma";

export interface SetUpDemoInput {
  storage: Storage;
  bridge: BridgeCall;
  /** The server's operator token: the demo onboards its agency like an operator would. */
  adminToken: string;
  /** The Alma test key the demo merchant sells with (the sandbox's own merchant's). */
  almaTestKey: string;
  /** Core's Alma client for a tenant (with the key the bridge stored for it). */
  almaFor(tenantId: string): Promise<AlmaClient>;
  /** Gives the Alma merchant the shop's name, as a merchant does in Alma's dashboard. */
  nameMerchant?(almaMerchantId: string, name: string): Promise<void>;
  webhookUrl: string;
  now(): number;
  logger: PluginLogger;
}

/**
 * Onboards the demo as an agency would, once, and resumes after a restart or a crash between
 * steps: each id is saved as soon as it exists (demo_setup), and the agency key and webhook
 * secret are stored encrypted on the demo merchant's tenant (core's secrets), never in a file.
 * A lost agency key is replaced through the operator route; a changed URL gets a new endpoint.
 */
export async function setUpDemo(input: SetUpDemoInput): Promise<DemoSetup> {
  const db = sqlExecutorOf(input.storage);
  const state: SetupState = await loadSetupState(db);
  const save = () => saveSetupState(db, state, input.now());
  const operator = (path: string, body: unknown) => input.bridge(input.adminToken, "POST", path, { body });
  let token: string | undefined;
  if (!state.agencyId) {
    const created = expectSuccess(
      await operator("/operator/agencies", { name: "Alma demo agency" }),
      "create the demo agency",
    );
    state.agencyId = String(created.agency.id);
    token = String(created.api_key.token);
    await save();
  }
  const agencyId = state.agencyId;
  const newKey = async () =>
    String(
      expectSuccess(
        await operator(`/operator/agencies/${agencyId}/api-keys`, { label: "demo store" }),
        "issue a key",
      ).token,
    );
  if (!state.tenantId) {
    token ??= await newKey();
    const merchant = expectSuccess(
      await input.bridge(token, "PUT", `/merchants/${MERCHANT_REF}`, {
        body: { name: MERCHANT_NAME, alma_test_key: input.almaTestKey },
      }),
      "create the demo merchant",
    );
    state.tenantId = String(merchant.id);
    await input.storage.setSecret(state.tenantId, AGENCY_KEY, token);
    await save();
    input.logger.info({ tenantId: state.tenantId, agencyId }, "demo store merchant created");
  }
  const tenantId = state.tenantId;
  token ??= (await input.storage.getSecret(tenantId, AGENCY_KEY)) ?? undefined;
  if (!token) {
    token = await newKey();
    await input.storage.setSecret(tenantId, AGENCY_KEY, token);
  }
  // A demo set up before the sandbox issued keys holds one it now refuses: give it the issued one.
  if ((await input.storage.getSecret(tenantId, "alma_test_key")) !== input.almaTestKey) {
    expectSuccess(
      await input.bridge(token, "PUT", `/merchants/${MERCHANT_REF}`, {
        body: { name: MERCHANT_NAME, alma_test_key: input.almaTestKey },
      }),
      "give the demo merchant the sandbox's key",
    );
  }
  let secret = await input.storage.getSecret(tenantId, WEBHOOK_SECRET);
  if (!secret || !state.endpointId || state.endpointUrl !== input.webhookUrl) {
    const endpoint = expectSuccess(
      await input.bridge(token, "POST", `/merchants/${MERCHANT_REF}/endpoints`, {
        body: { url: input.webhookUrl, description: "Alma demo store" },
      }),
      "register the demo webhook endpoint",
    );
    secret = String(endpoint.secret);
    await input.storage.setSecret(tenantId, WEBHOOK_SECRET, secret);
    const previous = state.endpointId;
    state.endpointId = String(endpoint.id);
    state.endpointUrl = input.webhookUrl;
    await save();
    // The old URL (another port, another PUBLIC_URL) would only collect failed deliveries.
    if (previous) await input.bridge(token, "DELETE", `/merchants/${MERCHANT_REF}/endpoints/${previous}`);
  }
  // Asked at every start rather than saved: it follows the key, and an in-memory sandbox (with
  // DATABASE_URL) only knows a merchant id once that merchant's key has called it.
  const me = await (await input.almaFor(tenantId)).merchant.me();
  // The hosted page names the shop the customer buys from, not a generated sandbox label.
  if (input.nameMerchant && me.name !== SHOP_NAME) await input.nameMerchant(me.id, SHOP_NAME);
  return { tenantId, almaMerchantId: me.id, agencyToken: token, webhookSecret: secret };
}
