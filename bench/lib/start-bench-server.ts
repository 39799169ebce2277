import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, loadConfig, type RunningServer, startServer } from "@alma-suite/server";

/**
 * The whole server as a benchmark target runs it: on 127.0.0.1 at a free port, silent, its data in
 * a folder of its own. `config` adds the target's settings (Alma's URL, the limits it turns off).
 */
export function startBenchServer(options: {
  dataDirPrefix: string;
  config?: Record<string, string>;
  plugins?: NonNullable<Parameters<typeof startServer>[2]>["plugins"];
  env?: Record<string, string>;
}): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: mkdtempSync(join(tmpdir(), options.dataDirPrefix)),
      LOG_LEVEL: "silent",
      ...options.config,
    }),
    createLogger({ level: "silent" }),
    {
      ...(options.plugins ? { plugins: options.plugins } : {}),
      ...(options.env ? { env: options.env } : {}),
    },
  );
}
