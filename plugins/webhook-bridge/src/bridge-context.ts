import type { AlmaCallOptions, AlmaClient, PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { BridgeConfig } from "./config/bridge-config.ts";
import type { DestinationGuard } from "./webhooks/destination-guard.ts";

/** Everything the bridge's use cases may need, built once in `create` and passed down explicitly. */
export interface BridgeContext {
  storage: Storage;
  almaFor(tenantId: string, call?: AlmaCallOptions): Promise<AlmaClient>;
  almaWithKey(apiKey: string): AlmaClient;
  logger: PluginLogger;
  /** How customers reach this server, without a trailing slash. */
  publicUrl: string;
  /** Epoch ms. */
  now(): number;
  /** Jitter source of the retry schedule; tests pin it. */
  random(): number;
  config: BridgeConfig;
  guard: DestinationGuard;
  /** Settles once the bridge's tables are migrated; routes and jobs wait for it. */
  ready: Promise<void>;
}
