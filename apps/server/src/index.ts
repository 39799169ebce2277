export { runCli } from "./cli/run-cli.ts";
export { ConfigError, loadConfig, type ServerConfig } from "./config/load-config.ts";
export { type RunningServer, startServer } from "./create-server.ts";
export { createLogger } from "./observability/create-logger.ts";
export { checkedPlugins, registeredPlugins, type ServerPlugin } from "./plugins.ts";
