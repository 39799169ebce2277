import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createSandbox, type ProvisionedAccount } from "@alma-suite/alma-sandbox";
import type { PlatformAdapter, PluginDashboard, PluginParts } from "@alma-suite/core";
import { checkPayment, coreJobHandlers, paymentWatchJobs } from "@alma-suite/core/flows";
import {
  type JobDefinition,
  JobWorker,
  openStorage,
  type Storage,
  sqlExecutorOf,
  startHeartbeat,
} from "@alma-suite/core/storage";
import { allowSelfWebhooks, DEMO_STORE_PLATFORM, demoOperatorToken } from "@alma-suite/demo-store/platform";
import { widgetRouter } from "@alma-suite/eligibility-widget";
import express, { type Router } from "express";
import { loadAdminToken } from "./admin-token.ts";
import { almaReachable } from "./alma/alma-reachable.ts";
import { IpnIntake } from "./alma/ipn-intake.ts";
import { ipnRoute } from "./alma/ipn-route.ts";
import { ensureDefaultSandboxMerchant } from "./alma/sandbox-default-merchant.ts";
import {
  type ClientCertificateConfig,
  clientCertificateConfigs,
} from "./config/client-certificate-config.ts";
import { configuredMasterKey } from "./config/configured-master-key.ts";
import { ConfigError, type ServerConfig } from "./config/load-config.ts";
import { loadPluginConfigs } from "./config/plugin-configs.ts";
import { dashboardRouter } from "./dashboard/dashboard-router.ts";
import { homePage } from "./demo/home-page.ts";
import { adminApi } from "./http/admin-api.ts";
import {
  clientCertificateGuard,
  clientCertificatesMissing,
  clientCertificateVerdict,
  describeClientCertificates,
} from "./http/client-certificate-guard.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { faviconRoute } from "./http/favicon-route.ts";
import { healthRoutes } from "./http/health-routes.ts";
import { rateLimits } from "./http/rate-limits.ts";
import { refuseNulInUrl } from "./http/refuse-nul-in-url.ts";
import { requestObserver } from "./http/request-observer.ts";
import { refusalFormats } from "./http/send-refusal.ts";
import { LiveInstances } from "./instances/live-instances.ts";
import { doneJobPurge, PROCESSED_KEY_RETENTION_DAYS } from "./jobs/done-job-purge.ts";
import { paymentWatchSweep } from "./jobs/payment-watch-sweep.ts";
import type { Logger } from "./observability/create-logger.ts";
import { createMetrics } from "./observability/metrics.ts";
import { recordAlmaExchange, requestTiming } from "./observability/request-timing.ts";
import { pluginDepsFor } from "./plugin-deps-for.ts";
import { pluginMigrations } from "./plugin-migrations.ts";
import { checkedPlugins, registeredPlugins, type ServerPlugin } from "./plugins.ts";

export interface StartOptions {
  /**
   * The plugins to compose, every one loaded at start. Default: the registered plugins (see
   * plugins.ts), each loaded at start where it is in use (its settings ask for it, or its
   * tenants exist), else at the first request to its routes.
   */
  plugins?: ServerPlugin[];
  /** Load `plugins` the way the registered ones are (when in use) rather than all at start. */
  lazyPlugins?: boolean;
  /** Epoch ms; tests move time through it. */
  now?: () => number;
  /** Each plugin's configuration source; defaults to the process environment. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningServer {
  url: string;
  /** The Alma API base URL this instance uses (the in-process sandbox by default). */
  almaBaseUrl: string;
  adminToken: string;
  /** The embedded sandbox's own merchant account (its keys), when this instance runs one. */
  sandboxMerchant: ProvisionedAccount | undefined;
  /** How each served plugin's client-certificate paths are guarded (the start banner says it). */
  clientCertificates: ClientCertificateConfig[];
  storage: Storage;
  worker: JobWorker;
  stop(): Promise<void>;
}

/**
 * Composes the suite: storage (migrated), the Express app with the plugins' routes, health,
 * metrics and the operator API, the in-process Alma sandbox when no Alma key is configured,
 * and the job worker. `stop()` drains in-flight requests and jobs, then closes the database.
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const now = options.now ?? Date.now;
  const embeddedSandbox = config.alma.mode === "sandbox" && !config.alma.baseUrl;
  const env = options.env ?? process.env;
  const pluginEnv = embeddedSandbox ? allowSelfWebhooks(env) : env;
  // Every setting, the plugins' included, is checked before a database or a port is opened.
  const plugins = checkedPlugins(options.plugins ?? (await registeredPlugins()));
  const pluginConfigs = loadPluginConfigs(plugins, pluginEnv);
  const served = servedPlugins(plugins, config.platforms);
  const certificates = clientCertificateConfigs(config, served, pluginConfigs);
  const { box, source, rotationPending } = configuredMasterKey(config);
  if (source === "generated")
    logger.warn({ dataDir: config.dataDir }, "generated a new master key in the data folder");
  if (rotationPending)
    logger.warn(
      { dataDir: config.dataDir },
      "a master key rotation was interrupted (master.key.next is there): stop the server and run `alma-suite master-key rotate` again",
    );
  const storage = await openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    secretBox: box,
    backgroundCheckpoints: true,
    // Each running job holds a connection now and then; requests need theirs beside them.
    poolSize: poolSizeFor(config.workerConcurrency),
  });
  const report = await storage.migrate({ plugins: pluginMigrations(served) });
  if (report.applied.length > 0)
    logger.info(
      { applied: report.applied.map((m) => (m.plugin ? `${m.plugin}: ${m.name}` : m.name)) },
      "database migrated",
    );
  const adminToken = loadAdminToken({ configured: config.adminToken, dataDir: config.dataDir });
  // Counted by the others once started, at the end: an instance that fails to start never counts.
  const instances = new LiveInstances(storage, {
    onError: (error) => logger.warn({ err: error }, "recording this instance as alive failed"),
  });
  const metrics = createMetrics({
    jobCounts: () => storage.countJobsByState(),
    liveInstances: () => instances.count,
  });

  let shuttingDown = false;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestTiming());
  app.use(requestObserver(logger, metrics));
  const formats = refusalFormats(served);
  app.use(refuseNulInUrl(logger, formats));
  const limits = rateLimits(
    config.rateLimits,
    logger,
    storage.rateWindows,
    served.map((plugin) => ({
      name: plugin.name,
      mountPath: plugin.mountPath,
      limits: plugin.rateLimits?.(pluginConfigs.get(plugin.name)) ?? [],
    })),
    formats,
  );
  for (const limit of limits.mounts) app.use(limit.path, limit.handler);

  const { tls } = config;
  // With a plugin's client CA, every connection is asked for a certificate but none is demanded:
  // only the plugin's certificate paths (guarded below) need one, the merchant's pages do not.
  const clientCaFile = certificates.find((c) => c.caFile)?.caFile;
  const server: Server = tls
    ? createHttpsServer(
        {
          cert: readFileSync(tls.certFile),
          key: readFileSync(tls.keyFile),
          ...(clientCaFile ? { ca: readFileSync(clientCaFile), requestCert: true } : {}),
          rejectUnauthorized: false,
        },
        app,
      )
    : createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const scheme = tls ? "https" : "http";
  const publicUrl = config.publicUrl ?? `${scheme}://localhost:${port}`;
  const certificateGuards = new Map(
    certificates.map((c) => [c.plugin, clientCertificateGuard(c, clientCertificateVerdict(c), logger)]),
  );
  for (const c of certificates)
    (clientCertificatesMissing(c) ? logger.error : logger.info).call(
      logger,
      { production: c.production, plugin: c.plugin },
      describeClientCertificates(c),
    );

  const sandbox = embeddedSandbox
    ? createSandbox({
        publicUrl,
        storeFile: config.databaseUrl ? undefined : `${config.dataDir}/alma-sandbox.db`,
        notifications: config.sandbox.notifications,
        ...(config.sandbox.ipnDelayMs === undefined ? {} : { ipnDelayMs: config.sandbox.ipnDelayMs }),
        triggerState: config.sandbox.triggerState,
      })
    : undefined;
  const almaBaseUrl = sandbox ? `${scheme}://127.0.0.1:${port}/alma-sandbox` : config.alma.baseUrl;
  const sandboxMerchant = sandbox ? ensureDefaultSandboxMerchant(sandbox, config.dataDir) : undefined;

  const { deps, activeKeyFor } = pluginDepsFor({
    config,
    storage,
    almaBaseUrl,
    logger,
    publicUrl,
    now,
    adminToken,
    onAlmaExchange: (exchange) => {
      recordAlmaExchange(exchange);
      const labels = {
        method: exchange.method,
        route: exchange.route,
        status: String(exchange.status ?? "none"),
      };
      metrics.almaDuration.observe(labels, exchange.ms / 1000);
    },
  });
  // The plugins' dashboard parts are known once they are created; the dashboard looks them up then.
  const dashboards = new Map<string, PluginDashboard>();
  const dashboard = dashboardRouter({
    ...{ storage, almaFor: deps.almaFor, adminToken, publicUrl, logger, now },
    pluginFor: (platform) => dashboards.get(platform),
    smtpUrl: config.smtpUrl,
  });
  deps.dashboardLoginLink = async (tenantId) => dashboard.links.mint(tenantId).url;
  const adapters = new Map<string, PlatformAdapter>();
  // The worker reads its handlers' types at every lease, so a plugin loaded later adds its jobs here.
  const handlers: Record<string, JobDefinition> = {
    ...coreJobHandlers({ storage, almaFor: deps.almaFor, adapterFor: (p) => adapterFor(p), logger }),
    ...paymentWatchJobs({ storage, almaFor: deps.almaFor, logger, now }),
  };
  const intake = new IpnIntake({ storage, activeKeyFor, logger });
  // Right after the rate limits, before every router of pages (the sandbox's, the dashboard's,
  // the plugins', the widget's, the demo store's): Alma's notifications and the probes, the
  // requests that come most often, are not walked past routes that can never answer them.
  app.use(ipnRoute(intake));
  app.use(
    healthRoutes({
      metrics,
      isShuttingDown: () => shuttingDown,
      checks: {
        database: () => storage.health(),
        // The in-process sandbox answers whenever this server does; probing it over HTTP would
        // only add a 401 line to the logs at every probe.
        alma: sandbox ? async () => {} : () => almaReachable(almaBaseUrl ?? defaultAlmaUrl(config)),
      },
    }),
  );
  if (sandbox) app.use("/alma-sandbox", sandbox.router);
  app.use("/dashboard", dashboard.router);
  const loading = new Map<string, Promise<PluginParts<Router>>>();
  const load = (plugin: ServerPlugin): Promise<PluginParts<Router>> => {
    let parts = loading.get(plugin.name);
    if (!parts) {
      parts = Promise.resolve(plugin.create(pluginConfigs.get(plugin.name), deps)).then((created) => {
        adapters.set(plugin.name, created.adapter);
        if (created.dashboard) dashboards.set(plugin.name, created.dashboard);
        // Core's own job types keep their handlers, as they always did over a plugin's.
        for (const [type, handler] of Object.entries(created.jobs)) handlers[type] ??= handler;
        logger.info({ plugin: plugin.name }, "platform loaded");
        return created;
      });
      loading.set(plugin.name, parts);
      // A load that failed is tried again at the next request rather than kept failed.
      parts.catch(() => loading.delete(plugin.name));
    }
    return parts;
  };
  // A tenant whose plugin is not loaded yet (one connected from the CLI meanwhile): its job
  // fails this time, is retried with backoff, and finds the adapter loaded by then.
  const adapterFor = (platform: string) => {
    const adapter = adapters.get(platform);
    const plugin = served.find((p) => p.name === platform);
    if (!adapter && plugin)
      load(plugin).catch((error: unknown) =>
        logger.error({ err: error, plugin: plugin.name }, "loading the platform failed"),
      );
    return adapter;
  };
  const lazy = options.lazyPlugins ?? options.plugins === undefined;
  const atStart = lazy ? await inUse(served, pluginConfigs, storage) : served;
  for (const plugin of served) {
    const certificateGuard = certificateGuards.get(plugin.name);
    if (certificateGuard)
      for (const path of plugin.clientCertificatePaths ?? [])
        app.use(`${plugin.mountPath}${path}`, certificateGuard);
    if (atStart.includes(plugin)) {
      app.use(plugin.mountPath, (await load(plugin)).routes);
      continue;
    }
    // Not in use yet: its code loads at the first request to its routes (an agency's first
    // call, a store's registration), which it then answers.
    app.use(plugin.mountPath, (req, res, next) => {
      load(plugin).then(
        (created) => created.routes(req, res, next),
        (error: unknown) => {
          logger.error({ err: error, plugin: plugin.name }, "loading the platform failed");
          res.status(503).json({ error: `${plugin.name} is unavailable; try again later` });
        },
      );
    });
  }
  app.use("/widget", widgetRouter());
  // The demo store sells through its platform, so it only exists with both: the embedded default.
  if (sandboxMerchant && served.some((p) => p.name === DEMO_STORE_PLATFORM)) {
    // Loaded at its first visit: a server nobody shops on does not hold the shop.
    let demo: Promise<express.RequestHandler> | undefined;
    app.use("/demo", (req, res, next) => {
      demo ??= import("@alma-suite/demo-store").then(({ demoStore }) =>
        demoStore({
          ...deps,
          adminToken: demoOperatorToken(pluginEnv, adminToken),
          // The demo sells as the sandbox's own merchant, whose key the sandbox issued at first start.
          almaTestKey: sandboxMerchant.test.api_key,
          selfUrl: `${scheme}://127.0.0.1:${port}`,
        }),
      );
      demo.then((handler) => handler(req, res, next), next);
    });
  }

  app.use(
    "/admin/api",
    adminApi({
      storage,
      adminToken,
      checkPayment: (input) => checkPayment({ storage, almaFor: deps.almaFor, logger, now }, input),
    }),
  );
  app.use(faviconRoute());
  app.get("/", (req, res) => {
    if (req.accepts(["json", "html"]) === "html")
      return void res.type("html").send(homePage({ demo: !!sandbox, plugins: served }));
    res.json({
      name: "alma-suite",
      alma: sandbox ? { mode: "sandbox", api: `${publicUrl}/alma-sandbox` } : { mode: config.alma.mode },
      plugins: served.map((p) => ({ name: p.name, mountPath: p.mountPath })),
      routes: ["/alma/ipn/:tenantId", "/healthz", "/readyz", "/metrics", "/admin/api/jobs"],
    });
  });
  app.use(notFound);
  app.use(errorHandler(logger));

  // Instances that run jobs also purge the old finished ones, and old processed-notification keys,
  // and sweep the open payments due a check: periodic tasks, each period run by one instance.
  const runsJobs = config.workerConcurrency > 0;
  const purge = doneJobPurge({
    storage,
    retentionDays: runsJobs ? config.jobRetentionDays : 0,
    keyRetentionDays: runsJobs ? PROCESSED_KEY_RETENTION_DAYS : 0,
    now,
    onPurged: (deleted) =>
      logger.info(
        { deletedJobs: deleted.jobs, deletedKeys: deleted.keys, retentionDays: config.jobRetentionDays },
        "purged done jobs and processed keys",
      ),
  });
  const watchSweep = paymentWatchSweep({
    storage,
    intervalMs: runsJobs ? config.paymentWatchIntervalMs : 0,
    now,
  });

  handlers[purge.task.type] = purge.task.job;
  handlers[watchSweep.type] = watchSweep.job;
  const worker = new JobWorker({
    storage,
    handlers,
    workerId: `server-${process.pid}`,
    concurrency: config.workerConcurrency,
    onError: (error) => logger.error({ err: error }, "job worker error"),
    onJobFinished: ({ type, state, durationMs }) => {
      metrics.jobsFinished.inc({ type, state });
      metrics.jobDuration.observe({ type, state }, durationMs / 1000);
    },
  });
  if (runsJobs) worker.start();
  // The timers only queue each period's run (a durable job); a failed tick is retried by the next.
  const periodic = [purge.task, watchSweep].map((task) =>
    task.start({
      onError: (error) => logger.error({ err: error, task: task.type }, "periodic task not queued"),
    }),
  );

  await instances.start();
  return {
    url: `${scheme}://localhost:${port}`,
    almaBaseUrl: almaBaseUrl ?? defaultAlmaUrl(config),
    adminToken,
    sandboxMerchant,
    clientCertificates: certificates,
    storage,
    worker,
    async stop() {
      shuttingDown = true;
      await Promise.all(periodic.map((timer) => timer.stop()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response ends; close them as they do,
      // and cut whatever is still open when the shutdown timeout runs out.
      const sweeper = startHeartbeat(50, async () => {
        server.closeIdleConnections();
        return undefined;
      });
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await Promise.all([closed, worker.stop()]);
      await sweeper.stop();
      clearTimeout(timer);
      await sandbox?.close();
      await instances.stop();
      await storage.close();
    },
  };
}

/** PostgreSQL connections: one per job slot plus the pg default's ten for requests and transactions. */
function poolSizeFor(workerConcurrency: number): number {
  return 10 + workerConcurrency;
}

function defaultAlmaUrl(config: ServerConfig): string {
  return config.alma.mode === "live" ? "https://api.getalma.eu" : "https://api.sandbox.getalma.eu";
}

/** The plugins this server serves: all registered ones, or those PLATFORMS names. */
function servedPlugins(plugins: ServerPlugin[], platforms: readonly string[] | undefined): ServerPlugin[] {
  if (!platforms) return plugins;
  const unknown = platforms.filter((name) => !plugins.some((plugin) => plugin.name === name));
  if (unknown.length > 0)
    throw new ConfigError(
      `invalid configuration:\n  PLATFORMS: ${unknown.join(", ")} not registered (registered: ${plugins.map((p) => p.name).join(", ")})`,
    );
  return plugins.filter((plugin) => platforms.includes(plugin.name));
}

/**
 * The plugins to load at start: those whose settings ask for them, or whose tenants exist (their
 * jobs and adapters are needed whether or not a request comes). The others cost nothing until used.
 */
async function inUse(
  plugins: readonly ServerPlugin[],
  configs: ReadonlyMap<string, unknown>,
  storage: Storage,
): Promise<ServerPlugin[]> {
  const used: ServerPlugin[] = [];
  for (const plugin of plugins) {
    const configured = plugin.configured?.(configs.get(plugin.name)) ?? true;
    if (configured || (await hasTenants(storage, plugin.name))) used.push(plugin);
  }
  return used;
}

async function hasTenants(storage: Storage, platform: string): Promise<boolean> {
  const rows = await sqlExecutorOf(storage).query(
    "SELECT 1 AS found FROM tenants WHERE platform = $1 LIMIT 1",
    [platform],
  );
  return rows.length > 0;
}
