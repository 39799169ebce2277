import { readFileSync } from "node:fs";
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createSandbox, type ProvisionedAccount } from "@alma-suite/alma-sandbox";
import type { PlatformAdapter, PluginDashboard } from "@alma-suite/core";
import { checkPayment, coreJobHandlers, paymentWatchJobs } from "@alma-suite/core/flows";
import {
  type JobDefinition,
  JobWorker,
  openStorage,
  type Storage,
  startHeartbeat,
} from "@alma-suite/core/storage";
import { demoStore } from "@alma-suite/demo-store";
import { widgetRouter } from "@alma-suite/eligibility-widget";
import express from "express";
import { loadAdminToken } from "./admin-token.ts";
import { almaReachable } from "./alma/alma-reachable.ts";
import { ipnFastPath } from "./alma/ipn-fast-path.ts";
import { IpnIntake } from "./alma/ipn-intake.ts";
import { ipnRoute } from "./alma/ipn-route.ts";
import { ensureDefaultSandboxMerchant } from "./alma/sandbox-default-merchant.ts";
import { configuredMasterKey } from "./config/configured-master-key.ts";
import type { ServerConfig } from "./config/load-config.ts";
import { dashboardRouter } from "./dashboard/dashboard-router.ts";
import { allowSelfWebhooks } from "./demo/allow-self-webhooks.ts";
import { homePage } from "./demo/home-page.ts";
import { adminApi } from "./http/admin-api.ts";
import {
  clientCertificateGuard,
  clientCertificateVerdict,
  describeClientCertificates,
} from "./http/client-certificate-guard.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { faviconRoute } from "./http/favicon-route.ts";
import { healthRoutes } from "./http/health-routes.ts";
import { rateLimits } from "./http/rate-limits.ts";
import { refuseNulInUrl } from "./http/refuse-nul-in-url.ts";
import { requestObserver } from "./http/request-observer.ts";
import { LiveInstances } from "./instances/live-instances.ts";
import { doneJobPurge, PROCESSED_KEY_RETENTION_DAYS } from "./jobs/done-job-purge.ts";
import { paymentWatchSweep } from "./jobs/payment-watch-sweep.ts";
import type { Logger } from "./observability/create-logger.ts";
import { createMetrics } from "./observability/metrics.ts";
import { recordAlmaExchange, requestTiming } from "./observability/request-timing.ts";
import { pluginDepsFor } from "./plugin-deps-for.ts";
import { defaultPlugins, type ServerPlugin } from "./plugins.ts";

export interface StartOptions {
  plugins?: ServerPlugin[];
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
  });
  const report = await storage.migrate();
  if (report.applied.length > 0)
    logger.info({ applied: report.applied.map((m) => m.name) }, "database migrated");
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
  app.use(refuseNulInUrl(logger));
  const limits = rateLimits(config.rateLimits, logger, storage.rateWindows);
  for (const limit of limits.mounts) app.use(limit.path, limit.handler);

  // Alma's notifications take the fast path once it exists (below); everything else is Express's.
  let fastPath: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!fastPath?.(req, res)) app(req, res);
  };
  const { tls } = config.clientCertificates;
  // With a client CA, every connection is asked for a certificate but none is demanded: only
  // the session routes (guarded below) need one, the merchant's pages do not.
  const server: Server = tls
    ? createHttpsServer(
        {
          cert: readFileSync(tls.certFile),
          key: readFileSync(tls.keyFile),
          ...(tls.clientCaFile ? { ca: readFileSync(tls.clientCaFile), requestCert: true } : {}),
          rejectUnauthorized: false,
        },
        handle,
      )
    : createHttpServer(handle);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const scheme = tls ? "https" : "http";
  const publicUrl = config.publicUrl ?? `${scheme}://localhost:${port}`;
  const certificates = config.clientCertificates;
  const certificateGuard = clientCertificateGuard(
    certificates,
    clientCertificateVerdict(certificates),
    logger,
  );
  (certificates.required && !certificates.tls?.clientCaFile && certificates.proxyAddresses.length === 0
    ? logger.error
    : logger.info
  ).call(logger, { production: certificates.production }, describeClientCertificates(certificates));

  const sandbox =
    config.alma.mode === "sandbox" && !config.alma.baseUrl
      ? createSandbox({
          publicUrl,
          storeFile: config.databaseUrl ? undefined : `${config.dataDir}/alma-sandbox.db`,
          notifications: config.sandbox.notifications,
          ...(config.sandbox.ipnDelayMs === undefined ? {} : { ipnDelayMs: config.sandbox.ipnDelayMs }),
          triggerState: config.sandbox.triggerState,
        })
      : undefined;
  const almaBaseUrl = sandbox ? `${scheme}://127.0.0.1:${port}/alma-sandbox` : config.alma.baseUrl;
  if (sandbox) app.use("/alma-sandbox", sandbox.router);
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
  app.use("/dashboard", dashboard.router);
  const adapters = new Map<string, PlatformAdapter>();
  const pluginJobs: Record<string, JobDefinition> = {};
  const intake = new IpnIntake({ storage, activeKeyFor, logger });
  fastPath = ipnFastPath({ intake, gate: limits.ipnGate, logger, metrics, trust: app.get("trust proxy fn") });
  // Before the plugins' routers, so the notifications the fast path leaves skip their middleware.
  app.use(ipnRoute(intake));
  const plugins = options.plugins ?? defaultPlugins;
  const pluginEnv = sandbox ? allowSelfWebhooks(options.env ?? process.env) : (options.env ?? process.env);
  for (const plugin of plugins) {
    const pluginConfig = plugin.configSchema.parse(pluginEnv);
    const created = plugin.create(pluginConfig, deps);
    for (const path of plugin.clientCertificatePaths ?? [])
      app.use(`${plugin.mountPath}${path}`, certificateGuard);
    app.use(plugin.mountPath, created.routes);
    adapters.set(plugin.name, created.adapter);
    if (created.dashboard) dashboards.set(plugin.name, created.dashboard);
    Object.assign(pluginJobs, created.jobs);
  }
  app.use("/widget", widgetRouter());
  // The demo store sells through the bridge, so it only exists with both: the embedded default.
  if (sandboxMerchant && plugins.some((p) => p.name === "bridge"))
    app.use(
      "/demo",
      demoStore({
        ...deps,
        adminToken: pluginEnv.BRIDGE_OPERATOR_TOKEN || adminToken, // the bridge's operator token
        // The demo sells as the sandbox's own merchant, whose key the sandbox issued at first start.
        almaTestKey: sandboxMerchant.test.api_key,
        selfUrl: `${scheme}://127.0.0.1:${port}`,
      }),
    );

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
      return void res.type("html").send(homePage({ demo: !!sandbox }));
    res.json({
      name: "alma-suite",
      alma: sandbox ? { mode: "sandbox", api: `${publicUrl}/alma-sandbox` } : { mode: config.alma.mode },
      plugins: plugins.map((p) => ({ name: p.name, mountPath: p.mountPath })),
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

  const worker = new JobWorker({
    storage,
    handlers: {
      ...pluginJobs,
      ...coreJobHandlers({ storage, almaFor: deps.almaFor, adapterFor: (p) => adapters.get(p), logger }),
      ...paymentWatchJobs({ storage, almaFor: deps.almaFor, logger, now }),
      [purge.task.type]: purge.task.job,
      [watchSweep.type]: watchSweep.job,
    },
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

function defaultAlmaUrl(config: ServerConfig): string {
  return config.alma.mode === "live" ? "https://api.getalma.eu" : "https://api.sandbox.getalma.eu";
}
