import type { z } from "zod";
import type { JobDefinition } from "../jobs/job-type.ts";
import type { PluginMigration } from "../storage/migrations/migration.ts";
import type { PlatformAdapter } from "./platform-adapter.ts";
import type { PluginDashboard } from "./plugin-dashboard.ts";

/**
 * A durable job: its payload schema (checked when it runs) and its handler, which must be idempotent
 * and may throw to be retried with backoff. Made with `jobType(...).define(run)`.
 */
export type PluginJobHandler = JobDefinition;

/** What a plugin's `create` hands the server once its code is loaded. */
export interface PluginParts<TRouter = unknown> {
  routes: TRouter;
  /** Its durable jobs, keyed by job type (prefixed with the plugin's name). */
  jobs: Record<string, PluginJobHandler>;
  adapter: PlatformAdapter;
  /** Optional: deliveries, order links and connection health for the merchant dashboard. */
  dashboard?: PluginDashboard;
}

/**
 * How the server rate-limits the routes a platform calls: one bucket per caller, so a noisy or
 * hostile shop only slows itself. Routes a plugin declares no limit for fall under the per-IP one.
 */
export interface PluginRateLimit<TRequest = unknown> {
  /** Paths under the plugin's `mountPath` (`/` for all of them; `:name` parameters allowed). */
  paths: readonly string[];
  /** Requests per second per caller; unset: the server's RATE_LIMIT_PLATFORM_PER_SECOND. 0 = off. */
  perSecond?: number;
  /**
   * Which part of the request names the caller (a URL parameter, a header, a digest of the
   * credential), never the body; undefined counts the request under its client IP instead.
   */
  callerOf(req: TRequest): string | undefined;
  /**
   * The caller is named before anything is verified: its bucket then counts only accepted calls
   * (or a forger knowing its name could spend its allowance) and refusals count per client IP.
   */
  unverified?: boolean;
}

/**
 * How the client certificates a platform calls with (mTLS) are checked, from the plugin's own
 * settings. Either this server terminates TLS (the server's TLS_CERT and TLS_KEY) and checks them
 * against `ca`, or a reverse proxy checks them and passes its verdict in `proxyHeader`, believed
 * only on a connection from one of `proxyAddresses`.
 */
export interface PluginClientCertificates {
  /** Who presents the certificate, as people know it: the banner, the log and the 403 name it. */
  holder: string;
  /** A PEM file of the CA the platform's certificates chain to. */
  ca?: string | undefined;
  /** IP addresses or CIDR ranges of the proxies whose verdict is believed. */
  proxyAddresses: readonly string[];
  /** The header a trusted proxy sets to `SUCCESS` for a verified certificate; unset: X-SSL-Client-Verify. */
  proxyHeader?: string | undefined;
  /**
   * The plugin's settings are a real deployment's (the platform's real origin, real credentials).
   * With a real Alma account as well, the server then refuses those paths without a verified
   * certificate even when no check is configured; elsewhere only a configured check demands one.
   */
  requiredInProduction: boolean;
  /** The plugin's own variables, named in the messages that say what to set. */
  settings: { ca: string; proxyAddresses: string };
}

/** A link the server's home page shows for a platform: a path under its `mountPath`. */
export interface PluginHomeLink {
  path: string;
  label: string;
  /** What follows the link, e.g. "(OpenAPI 3.1)". */
  note?: string;
}

/** A request the server refuses in front of a plugin's routes (a rate limit, a malformed URL). */
export interface PluginRefusal {
  status: number;
  /** The sentence for a person. */
  message: string;
  /** A stable name for the refusal's kind (`rate-limited`) and its title. */
  problem: { slug: string; title: string };
  /** The request's path, without its query. */
  path: string;
}

/** Where a plugin's command writes; the server's CLI supplies it. */
export interface PluginCliIo {
  out(line: string): void;
  /** Prints to stderr and returns exit code 1. */
  fail(message: string): number;
  /** Standard input, where secrets come from (never the command line, which `ps` shows). */
  readSecret(): Promise<string>;
  /** Rewrites the current status line (a terminal); absent = progress is not shown. */
  progress?(line: string): void;
}

/** `alma-suite <command> …`, delegated to the plugin with its own flags. */
export interface PluginCli<TConfig = unknown, TDeps = unknown> {
  /** The first word on the command line. */
  command: string;
  /** Its lines in `alma-suite help`. */
  usage: string;
  /** Runs it (loading the plugin's code then) with the server's deps; returns the exit code. */
  run(args: string[], io: PluginCliIo, deps: TDeps & { config: TConfig }): Promise<number>;
}

/**
 * The one object a plugin exports: a light description of itself, which the server reads at
 * every start, and `create`, which loads its code (routes, clients, jobs) only where the
 * deployment uses the platform. The server validates the configuration of every registered plugin
 * with `configSchema` before it opens a database or a port, applies `migrations`, mounts the
 * routes under `mountPath` behind `rateLimits`, registers the jobs with the worker and hands the
 * adapter to core's flows. `TRouter` and `TRequest` are the web framework's (Express in
 * apps/server); core stays free of it. Core never names a platform: `name` is the platform that
 * the plugin's tenants carry.
 */
export interface PlatformPlugin<TConfig = unknown, TDeps = unknown, TRouter = unknown, TRequest = unknown> {
  name: string;
  mountPath: string;
  /**
   * Paths under `mountPath` that the platform calls with its TLS client certificate (mTLS); the
   * server refuses them without a verified one wherever client certificates are required.
   */
  clientCertificatePaths?: readonly string[];
  /** How those certificates are checked; needed with `clientCertificatePaths`. */
  clientCertificates?(config: TConfig): PluginClientCertificates;
  /** Links for the server's home page (an API description, a setup page). */
  homeLinks?: readonly PluginHomeLink[];
  /** Parses the environment (blank values already removed, see `withoutBlankValues`). */
  configSchema: z.ZodType<TConfig, unknown>;
  /**
   * Whether the settings ask for this platform. The server also loads a plugin whose tenants
   * exist, or that PLATFORMS names; otherwise its code is never imported. Unset: always loaded.
   */
  configured?(config: TConfig): boolean;
  /** Its own tables' history, applied by core's runner under the plugin's name. */
  migrations?: readonly PluginMigration[];
  /** A history table the plugin kept before it used core's runner (see `PluginMigrations`). */
  adoptsHistoryFrom?: string;
  rateLimits?(config: TConfig): readonly PluginRateLimit<TRequest>[];
  /** A refusal in the plugin's own error format; unset: `{ "error": message }` as JSON. */
  formatRefusal?(refusal: PluginRefusal): { contentType: string; body: string };
  cli?: PluginCli<TConfig, TDeps>;
  /** Loads the plugin's code and builds its parts; called once, only for a plugin in use. */
  create(config: TConfig, deps: TDeps): PluginParts<TRouter> | Promise<PluginParts<TRouter>>;
}
