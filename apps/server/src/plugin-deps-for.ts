import type { AlmaExchange, PluginDeps, PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { almaClients } from "./alma/alma-clients.ts";
import type { ActiveKeyFor } from "./alma/tenant-key-cache.ts";
import type { ServerConfig } from "./config/load-config.ts";

/**
 * What the server hands its plugins, built in one place for the running server and for the
 * CLI's plugin commands; `activeKeyFor` is the tenant key lookup the IPN route verifies with.
 */
export function pluginDepsFor(options: {
  config: ServerConfig;
  storage: Storage;
  almaBaseUrl: string | undefined;
  logger: PluginLogger;
  publicUrl: string;
  now: () => number;
  adminToken?: string;
  onAlmaExchange?: (exchange: AlmaExchange) => void;
}): { deps: PluginDeps; activeKeyFor: ActiveKeyFor } {
  const { config, storage } = options;
  const clients = almaClients({
    storage,
    baseUrl: options.almaBaseUrl,
    defaultKey: config.alma.mode === "sandbox" ? undefined : config.alma.apiKey,
    onExchange: options.onAlmaExchange,
  });
  return {
    deps: {
      storage,
      almaFor: clients.almaFor,
      almaWithKey: clients.almaWithKey,
      logger: options.logger,
      publicUrl: options.publicUrl,
      now: options.now,
      ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    },
    activeKeyFor: clients.activeKeyFor,
  };
}
