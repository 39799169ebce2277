import type { z } from "zod";
import type { JobDefinition } from "../jobs/job-type.ts";
import type { PlatformAdapter } from "./platform-adapter.ts";
import type { PluginDashboard } from "./plugin-dashboard.ts";

/**
 * A durable job: its payload schema (checked when it runs) and its handler, which must be idempotent
 * and may throw to be retried with backoff. Made with `jobType(...).define(run)`.
 */
export type PluginJobHandler = JobDefinition;

/**
 * The one object a plugin exports. The server validates the plugin's configuration with
 * `configSchema`, mounts `routes` under `mountPath`, registers `jobs` with the worker and
 * hands `adapter` to core's flows. `TRouter` is the web framework's router (Express in
 * apps/server); core stays free of it.
 */
export interface PlatformPlugin<TConfig = unknown, TDeps = unknown, TRouter = unknown> {
  name: string;
  mountPath: string;
  /**
   * Paths under `mountPath` that the platform calls with its TLS client certificate (mTLS); the
   * server refuses them without a verified one wherever client certificates are required.
   */
  clientCertificatePaths?: readonly string[];
  configSchema: z.ZodType<TConfig>;
  create(
    config: TConfig,
    deps: TDeps,
  ): {
    routes: TRouter;
    jobs: Record<string, PluginJobHandler>;
    adapter: PlatformAdapter;
    /** Optional: deliveries, order links and connection health for the merchant dashboard. */
    dashboard?: PluginDashboard;
  };
}
