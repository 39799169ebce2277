import type { Storage } from "@alma-suite/core/storage";
import type { ServerConfig } from "../config/load-config.ts";
import { loadPluginConfigs } from "../config/plugin-configs.ts";
import { createLogger } from "../observability/create-logger.ts";
import { pluginDepsFor } from "../plugin-deps-for.ts";
import type { ServerPlugin } from "../plugins.ts";

/**
 * What a plugin's CLI command needs, built the way the server builds it, with the plugin's own
 * settings. With no Alma key the suite's Alma is the sandbox inside the running server, so the
 * CLI talks to that server's `/alma-sandbox` on PORT; the jobs a command queues are run by the
 * server's worker.
 */
export function cliPluginDeps(
  config: ServerConfig,
  storage: Storage,
  env: NodeJS.ProcessEnv,
  plugin: ServerPlugin,
) {
  const sandbox = `http://127.0.0.1:${config.port}/alma-sandbox`;
  const { deps } = pluginDepsFor({
    config,
    storage,
    almaBaseUrl: config.alma.mode === "sandbox" ? (config.alma.baseUrl ?? sandbox) : config.alma.baseUrl,
    logger: createLogger({ level: config.logLevel, destination: process.stderr }),
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    now: Date.now,
  });
  return { ...deps, config: loadPluginConfigs([plugin], env).get(plugin.name) };
}
