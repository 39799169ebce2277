import type { PluginDeps } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { woocommercePlugin } from "@alma-suite/woocommerce";
import { almaClients } from "../alma/alma-clients.ts";
import type { ServerConfig } from "../config/load-config.ts";
import { createLogger } from "../observability/create-logger.ts";

/**
 * What a plugin's CLI command needs, built the way the server builds it. With no Alma key the
 * suite's Alma is the sandbox inside the running server, so the CLI talks to that server's
 * `/alma-sandbox` on PORT; the jobs a command queues are run by the server's worker.
 */
export function cliPluginDeps(config: ServerConfig, storage: Storage, env: NodeJS.ProcessEnv) {
  const local = `http://127.0.0.1:${config.port}`;
  const baseUrl =
    config.alma.mode === "sandbox" ? (config.alma.baseUrl ?? `${local}/alma-sandbox`) : config.alma.baseUrl;
  const clients = almaClients({
    storage,
    baseUrl,
    defaultKey: config.alma.mode === "sandbox" ? undefined : config.alma.apiKey,
  });
  const deps: PluginDeps = {
    storage,
    almaFor: clients.almaFor,
    almaWithKey: clients.almaWithKey,
    logger: createLogger({ level: config.logLevel, destination: process.stderr }),
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    now: Date.now,
  };
  return { ...deps, config: woocommercePlugin.configSchema.parse(env) };
}
