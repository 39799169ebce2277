import { type AlmaCallOptions, AlmaClient, type AlmaExchange } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";

/**
 * The one place that decides which Alma a tenant talks to: the in-process sandbox when no
 * key is configured, otherwise Alma's environment for the key (or ALMA_API_URL).
 */
export function almaClients(options: {
  storage: Storage;
  baseUrl: string | undefined;
  defaultKey: string | undefined;
  /** Every exchange with Alma, for metrics and request timing. */
  onExchange?: (exchange: AlmaExchange) => void;
}) {
  // Clients hold no per-request state: one per key and budget serves every call (a checkout makes
  // several), instead of validating and building a new one each time.
  const clients = new Map<string, AlmaClient>();
  // A budgeted call also caps each attempt at the budget, so one hung attempt cannot spend it all.
  const almaWithKey = (apiKey: string, call?: AlmaCallOptions) => {
    const id = `${call?.budgetMs ?? ""}:${apiKey}`;
    let client = clients.get(id);
    if (!client) {
      client = new AlmaClient({
        apiKey,
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        onExchange: options.onExchange,
        ...(call?.budgetMs ? { timeoutMs: call.budgetMs, totalTimeoutMs: call.budgetMs } : {}),
      });
      if (clients.size >= 1000) clients.clear();
      clients.set(id, client);
    }
    return client;
  };
  /**
   * The tenant's key for its mode (or for `mode`, a payment's own); the server's ALMA_API_KEY
   * serves single-merchant setups.
   */
  const lookup = async (tenantId: string, mode?: "live" | "test") => {
    const tenant = await options.storage.getTenant(tenantId);
    if (!tenant) return { tenant, key: undefined, mode };
    const wanted = mode ?? tenant.almaMode;
    const name = wanted === "live" ? "alma_live_key" : "alma_test_key";
    return {
      tenant,
      key: (await options.storage.getSecret(tenantId, name)) ?? options.defaultKey,
      mode: wanted,
    };
  };
  const keyFor = async (tenantId: string, mode?: "live" | "test"): Promise<string> => {
    const found = await lookup(tenantId, mode);
    if (!found.tenant) throw new Error(`no tenant ${tenantId}`);
    if (!found.key) throw new Error(`tenant ${tenantId} has no Alma ${found.mode} key`);
    return found.key;
  };
  /**
   * The key of a tenant that is still active (Alma's notifications for others are refused), for
   * the mode a notified payment was made in.
   */
  const activeKeyFor = async (tenantId: string, mode: "live" | "test"): Promise<string | undefined> => {
    const { tenant, key } = await lookup(tenantId, mode);
    return tenant?.status === "active" ? key : undefined;
  };
  return {
    almaWithKey,
    keyFor,
    activeKeyFor,
    almaFor: async (tenantId: string, call?: AlmaCallOptions) =>
      almaWithKey(await keyFor(tenantId, call?.mode), call),
  };
}
