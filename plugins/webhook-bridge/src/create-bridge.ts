import type { PlatformAdapter, PluginDeps } from "@alma-suite/core";
import type { JobDefinition } from "@alma-suite/core/storage";
import { Router } from "express";
import { bridgeAdapter } from "./adapter/bridge-adapter.ts";
import { agencyOperations } from "./agencies/agency-operations.ts";
import type { BridgeContext } from "./bridge-context.ts";
import type { BridgeConfig } from "./config/bridge-config.ts";
import { migrateBridge } from "./db/migrate-bridge.ts";
import { DELIVER_JOB } from "./events/schedule-delivery.ts";
import { mountOperations, notFoundProblem, problemErrorHandler } from "./http/bridge-router.ts";
import type { Operation } from "./http/operation.ts";
import { PROBLEM_TYPES, problemType } from "./http/problem.ts";
import { merchantOperations } from "./merchants/merchant-operations.ts";
import { openApiDocument } from "./openapi/openapi-document.ts";
import { paymentOperations } from "./payments/payment-operations.ts";
import { REFUND_JOB, refundJob } from "./payments/refund-job.ts";
import {
  RECONCILE_JOB,
  reconciliation,
  SYNC_PAYMENT_JOB,
  syncPaymentJob,
} from "./reconcile/reconcile-jobs.ts";
import { customerReturnOperations } from "./returns/customer-return.ts";
import { deliverJob } from "./webhooks/deliver-job.ts";
import { createDestinationGuard, type Resolver } from "./webhooks/destination-guard.ts";
import { endpointActionOperations } from "./webhooks/endpoint-action-operations.ts";
import { endpointOperations } from "./webhooks/endpoint-operations.ts";
import { messageOperations } from "./webhooks/message-operations.ts";
import { REPLAY_JOB, replaySinceJob } from "./webhooks/replay-since.ts";

export interface Bridge {
  routes: Router;
  jobs: Record<string, JobDefinition>;
  adapter: PlatformAdapter;
  /** For tests and tools: the context the routes and jobs share, and the operations mounted. */
  ctx: BridgeContext;
  operations: readonly Operation[];
}

export function bridgeOperations(ctx: BridgeContext): Operation[] {
  return [
    ...agencyOperations(ctx),
    ...merchantOperations(ctx),
    ...paymentOperations(ctx),
    ...endpointOperations(ctx),
    ...endpointActionOperations(ctx),
    ...messageOperations(ctx),
    ...customerReturnOperations(ctx),
  ];
}

/**
 * Wires the bridge: its tables are migrated in the background (routes and jobs wait for it),
 * the reconciliation chain is started, and every route comes from one list of operations that
 * also generates `/bridge/openapi.json`.
 */
export function createBridge(
  config: BridgeConfig,
  deps: PluginDeps,
  options: { random?: () => number; resolve?: Resolver } = {},
): Bridge {
  const ready = migrateBridge(deps.storage).then((report) => {
    if (report.applied.length > 0)
      deps.logger.info({ applied: report.applied.map((m) => m.name) }, "bridge tables migrated");
  });
  ready.catch((error: unknown) =>
    deps.logger.error({ err: error }, "bridge migrations failed; the bridge stays unavailable"),
  );
  const ctx: BridgeContext = {
    storage: deps.storage,
    almaFor: deps.almaFor,
    almaWithKey: deps.almaWithKey,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
    now: deps.now,
    random: options.random ?? Math.random,
    config: { ...config, operatorToken: config.operatorToken ?? deps.adminToken },
    guard: createDestinationGuard({ allowedHosts: config.allowedHosts, resolve: options.resolve }),
    ready,
  };
  const reconcile = reconciliation(ctx);
  ready
    .then(() => reconcile.ensure())
    .catch((error: unknown) => deps.logger.error({ err: error }, "could not schedule bridge reconciliation"));

  const operations = bridgeOperations(ctx);
  const routes = Router();
  let document: unknown;
  routes.get("/openapi.json", (_req, res) => {
    document ??= openApiDocument(operations, { serverUrl: deps.publicUrl, version: "1.0.0" });
    res.json(document);
  });
  routes.get("/problems/:slug", (req, res) => {
    const entry = Object.entries(PROBLEM_TYPES).find(([slug]) =>
      problemType(slug as keyof typeof PROBLEM_TYPES).endsWith(`/${req.params.slug}`),
    );
    if (!entry) return notFoundProblem(ctx)(req, res);
    res.json({ type: problemType(entry[0] as keyof typeof PROBLEM_TYPES), ...entry[1] });
  });
  mountOperations(routes, ctx, operations);
  routes.use(notFoundProblem(ctx));
  routes.use(problemErrorHandler(ctx));

  return {
    routes,
    jobs: {
      [DELIVER_JOB]: deliverJob(ctx),
      [SYNC_PAYMENT_JOB]: syncPaymentJob(ctx),
      [RECONCILE_JOB]: reconcile.job,
      [REFUND_JOB]: refundJob(ctx),
      [REPLAY_JOB]: replaySinceJob(ctx),
    },
    adapter: bridgeAdapter({ storage: deps.storage, now: deps.now }),
    ctx,
    operations,
  };
}
