import type { AddressInfo } from "node:net";
import express from "express";
import { createSandbox, type Sandbox, type SandboxOptions } from "./create-sandbox.ts";
import { exactJsonContentType } from "./http/exact-json.ts";
import { notFoundRoute } from "./http/json-fallbacks.ts";

export interface SandboxServerOptions extends SandboxOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface SandboxServer {
  /** The Alma base URL to give a client, e.g. `http://127.0.0.1:4010/alma-sandbox`. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

/** The sandbox on its own HTTP server, mounted at `/alma-sandbox` as the suite's server does. */
export async function startSandboxServer(options: SandboxServerOptions): Promise<SandboxServer> {
  const { port, host = "127.0.0.1", ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const app = express();
  app.disable("x-powered-by");
  app.use("/alma-sandbox", sandbox.router);
  app.use(exactJsonContentType, notFoundRoute);
  const server = app.listen(port, host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostInUrl}:${address.port}/alma-sandbox`,
    sandbox,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await sandbox.close();
    },
  };
}
