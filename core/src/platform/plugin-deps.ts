import type { AlmaClient } from "../alma/alma-client.ts";
import type { Storage } from "../storage/storage.ts";

/** The narrow logger plugins get (pino's shape, so the server passes its logger as is). */
export interface PluginLogger {
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
  error(object: object, message?: string): void;
  debug(object: object, message?: string): void;
}

/** How a plugin's Alma client is made for one use. */
export interface AlmaCallOptions {
  /** How long one Alma call (retries included) may take before its caller gets the failure. */
  budgetMs?: number;
  /**
   * Which of the tenant's keys (Alma's environment), when a payment's own differs from the
   * tenant's current mode: a payment made in test mode is refunded in test mode after a switch.
   */
  mode?: "live" | "test";
}

/**
 * For calls made while a customer or a platform waits: a platform may give up on a payment
 * session request within seconds and retry it, and a customer staring at a spinner leaves; a short,
 * clear "try again" beats a 30 s hang. Background jobs keep the client's long default.
 */
export const ALMA_INTERACTIVE: AlmaCallOptions = { budgetMs: 3_000 };

/**
 * What the server hands every plugin's `create`. Plugins never build Alma clients or open
 * databases themselves: one place decides the Alma base URL (sandbox, test, live) and the
 * storage backend.
 */
export interface PluginDeps {
  storage: Storage;
  /**
   * An Alma client for that tenant, with its key for its current mode; throws if it has none.
   * Pass `ALMA_INTERACTIVE` when someone is waiting on the answer (a customer, a platform's request).
   */
  almaFor(tenantId: string, call?: AlmaCallOptions): Promise<AlmaClient>;
  /** An Alma client for a key that is not stored yet (validating keys a merchant types in). */
  almaWithKey(apiKey: string): AlmaClient;
  logger: PluginLogger;
  /** How customers and platforms reach this server, without a trailing slash. */
  publicUrl: string;
  /** Epoch ms; injectable so tests can move time. */
  now(): number;
  /** The server's operator token (ADMIN_TOKEN or its generated file), for plugins with operator routes. */
  adminToken?: string;
  /** A fresh single-use merchant login link to the dashboard for that tenant (set by the server). */
  dashboardLoginLink?(tenantId: string): Promise<string>;
}
