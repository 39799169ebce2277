import type { PluginDeps, PluginJobHandler, PluginParts } from "@alma-suite/core";
import { Router as newRouter, type Router } from "express";
import { authRoutes } from "./auth/auth-routes.ts";
import { sessionCookies } from "./auth/session-cookie.ts";
import { acceptCapture, captureJob } from "./capture-session/accept-capture.ts";
import { captureSessionRequestSchema } from "./capture-session/capture-session-request.ts";
import { processCapture } from "./capture-session/process-capture.ts";
import { checkoutRoutes } from "./checkout-pages/checkout-routes.ts";
import { pageLinks } from "./checkout-pages/page-links.ts";
import type { ShopifyConfig } from "./config/shopify-config.ts";
import { dashboardRoute } from "./dashboard/dashboard-route.ts";
import { shopifyDashboard } from "./dashboard/shopify-dashboard.ts";
import { sessionFollowUpRoute } from "./http/session-follow-up-route.ts";
import { forgetCustomer, forgetCustomerJob } from "./payment-session/forget-customer.ts";
import { paymentSessionRoute } from "./payment-session/payment-session-route.ts";
import { PaymentsAppsClient } from "./payments-api/payments-apps-client.ts";
import { acceptRefund, refundJob } from "./refund-session/accept-refund.ts";
import { processRefund } from "./refund-session/process-refund.ts";
import { refundSessionRequestSchema } from "./refund-session/refund-session-request.ts";
import { almaJobHandlers } from "./session-mutations/alma-jobs.ts";
import { mutationJobType } from "./session-mutations/mutation-job.ts";
import { runMutation } from "./session-mutations/run-mutation.ts";
import { shopifyAdapter } from "./session-mutations/shopify-adapter.ts";
import { settingsRoutes } from "./settings/settings-routes.ts";
import { createShopifyApi } from "./shopify-app/create-shopify-api.ts";
import { accessTokens } from "./tenants/access-token.ts";
import { tokenKeepalive } from "./tenants/token-keepalive.ts";
import { acceptVoid, voidJob } from "./void-session/accept-void.ts";
import { processVoid } from "./void-session/process-void.ts";
import { voidSessionRequestSchema } from "./void-session/void-session-request.ts";
import { webhookRoute } from "./webhooks/webhook-route.ts";

/**
 * The Shopify payments app's code: an offsite, non-embedded payments extension that lets buyers
 * pay with Alma. The adapter turns core's confirmations into Payments Apps API mutations, sent by
 * durable jobs. Loaded by `shopifyPlugin.create`, only where the app is in use.
 */
export function createShopify(config: ShopifyConfig, deps: PluginDeps): PluginParts<Router> {
  const { storage, logger, now, publicUrl } = deps;
  const credentials =
    config.apiKey && config.apiSecret ? { apiKey: config.apiKey, apiSecret: config.apiSecret } : undefined;
  const shopify = credentials
    ? createShopifyApi({
        credentials,
        scopes: config.scopes,
        publicUrl,
        shopOrigin: config.shopOrigin,
        logger,
      })
    : undefined;
  const client = new PaymentsAppsClient({
    shopOrigin: config.shopOrigin,
    apiVersion: config.paymentsApiVersion,
  });
  const tokens = accessTokens({ storage, refreshToken: shopify?.auth.refreshToken, now, logger });
  const mutationDeps = { storage, client, tokens, logger, inFlight: new Map() };
  const adapter = shopifyAdapter({ storage, now });
  const dashboard = shopifyDashboard(storage);
  const almaDeps = { storage, almaFor: deps.almaFor, logger };

  const keepalive = tokenKeepalive({ storage, tokens, logger, clock: now });
  const jobs: Record<string, PluginJobHandler> = {
    [mutationJobType.type]: mutationJobType.define(async (p) => {
      await runMutation(mutationDeps, p);
    }),
    [refundJob.type]: refundJob.define((p, ctx) => processRefund(almaDeps, p, ctx.renewLease)),
    [captureJob.type]: captureJob.define((p) => processCapture(almaDeps, p)),
    [voidJob.type]: voidJob.define((p) => processVoid(almaDeps, p)),
    [forgetCustomerJob.type]: forgetCustomerJob.define(async (p) => {
      await forgetCustomer(storage, p.tenantId, p.paymentLinkId);
    }),
    ...almaJobHandlers(almaDeps),
    [keepalive.type]: keepalive.job,
  };

  const routes = newRouter();
  if (!shopify || !credentials) {
    logger.warn(
      { plugin: "shopify" },
      "SHOPIFY_API_KEY / SHOPIFY_API_SECRET unset: the Shopify routes answer 503",
    );
    routes.use((_req, res) => {
      res
        .status(503)
        .json({ error: "the Shopify app is not configured (SHOPIFY_API_KEY, SHOPIFY_API_SECRET)" });
    });
    return { routes, jobs, adapter, dashboard };
  }
  // Only with the app configured: without credentials there is nothing to refresh tokens with.
  keepalive
    .ensure()
    .catch((error: unknown) =>
      logger.error({ err: error }, "could not schedule the Shopify token keepalive"),
    );
  const links = pageLinks({ publicUrl, signingKey: credentials.apiSecret });
  const cookies = sessionCookies({
    appSecret: credentials.apiSecret,
    secure: publicUrl.startsWith("https:"),
    now,
  });
  const followUp = { storage, logger };
  routes.use(paymentSessionRoute({ storage, almaFor: deps.almaFor, publicUrl, links, now, logger }));
  routes.use(
    sessionFollowUpRoute({
      ...followUp,
      path: "/refund-sessions",
      schema: refundSessionRequestSchema,
      accept: (r) => acceptRefund(followUp, r),
    }),
  );
  routes.use(
    sessionFollowUpRoute({
      ...followUp,
      path: "/capture-sessions",
      schema: captureSessionRequestSchema,
      accept: (r) => acceptCapture(storage, r),
    }),
  );
  routes.use(
    sessionFollowUpRoute({
      ...followUp,
      path: "/void-sessions",
      schema: voidSessionRequestSchema,
      accept: (r) => acceptVoid(storage, r),
    }),
  );
  routes.use(checkoutRoutes({ ...mutationDeps, almaFor: deps.almaFor, adapter, links, publicUrl, now }));
  routes.use(authRoutes({ shopify, storage, cookies, expiringTokens: config.expiringTokens, now, logger }));
  routes.use(
    settingsRoutes({
      ...mutationDeps,
      almaWithKey: deps.almaWithKey,
      apiKey: credentials.apiKey,
      now,
      shopify,
      cookies,
      publicUrl,
      adminDist: config.adminDist,
    }),
  );
  routes.use(webhookRoute({ shopify, storage, now, logger }));
  routes.use(dashboardRoute({ cookies, loginLink: deps.dashboardLoginLink, logger }));
  return { routes, jobs, adapter, dashboard };
}
