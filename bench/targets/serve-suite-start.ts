// The whole suite as `alma-suite start` runs it, printing READY once it accepts requests.
import { createLogger, loadConfig, startServer } from "@alma-suite/server";

const config = loadConfig({ ...process.env, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
const server = await startServer(config, createLogger({ level: "silent" }));
process.stdout.write(`READY ${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  server.stop().then(() => process.exit(0));
});
