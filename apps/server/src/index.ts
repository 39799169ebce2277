export { type ServerConfig, ConfigError, loadConfig } from "./config/load-config.ts";
export { type RunningServer, startServer } from "./create-server.ts";
export { runCli } from "./cli/run-cli.ts";
export { createLogger } from "./observability/create-logger.ts";
