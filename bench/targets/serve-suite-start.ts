// The whole suite as `alma-suite start` runs it (compile cache enabled first, as src/cli.ts does;
// the benchmark points NODE_COMPILE_CACHE at a folder of its own), printing READY once it accepts
// requests.
import { enableCompileCache } from "node:module";

enableCompileCache();
const { createLogger, loadConfig, startServer } = await import("@alma-suite/server");

const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
const server = await startServer(config, createLogger({ level: "silent" }));
process.stdout.write(`READY ${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  server.stop().then(() => process.exit(0));
});
