import type { AlmaClient, PluginLogger } from "@alma-suite/core";
import { readBody } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { type ErrorRequestHandler, Router } from "express";
import { bridgeClient } from "./bridge/bridge-client.ts";
import { type DemoSetup, setUpDemo } from "./bridge/set-up-demo.ts";
import { migrateDemo } from "./db/migrate-demo.ts";
import type { DemoContext } from "./demo-context.ts";
import { demoLanguage, textOf } from "./demo-text.ts";
import { demoSession, sendPage } from "./http-helpers.ts";
import { OrderStore } from "./orders/order-store.ts";
import { messagePage } from "./pages/message-page.ts";
import { checkoutRoutes } from "./routes/checkout-routes.ts";
import { orderRoutes } from "./routes/order-routes.ts";
import { shopRoutes } from "./routes/shop-routes.ts";
import { webhookRoute } from "./routes/webhook-route.ts";

export interface DemoStoreOptions {
  storage: Storage;
  logger: PluginLogger;
  /** How the customer's browser reaches this server. */
  publicUrl: string;
  /**
   * How this process reaches itself (`http://127.0.0.1:<port>`): the bridge API it calls and the
   * webhook URL it registers, like the server's own calls to its in-process sandbox.
   */
  selfUrl: string;
  /** The server's operator token, to onboard the demo agency through the bridge's operator route. */
  adminToken: string;
  /** The Alma test key the demo merchant sells with (one the sandbox issued). */
  almaTestKey: string;
  almaFor(tenantId: string): Promise<AlmaClient>;
  now(): number;
  fetch?: typeof fetch;
}

/**
 * The demo shop, mounted at `/demo` on the embedded default only: a catalogue, a cookie cart and
 * a checkout through the webhook bridge's public API with the Alma sandbox, so that `npm start`
 * shows the whole flow. Its agency and merchant are set up at the first visit, not at start, so a
 * server that nobody opens the demo on has no demo tenant.
 */
export function demoStore(options: DemoStoreOptions): Router {
  const bridge = bridgeClient(options.selfUrl, options.fetch);
  let setup: Promise<DemoSetup> | undefined;
  const ready = (): Promise<DemoSetup> => {
    setup ??= migrateDemo(options.storage, options.now())
      .then(() =>
        setUpDemo({
          storage: options.storage,
          bridge,
          adminToken: options.adminToken,
          almaTestKey: options.almaTestKey,
          almaFor: options.almaFor,
          nameMerchant: async (almaMerchantId, name) => {
            const answer = await (options.fetch ?? fetch)(
              `${options.selfUrl}/alma-sandbox/_admin/merchants/${encodeURIComponent(almaMerchantId)}`,
              {
                method: "PUT",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({ name }),
              },
            );
            // A name is a nicety: a sandbox that cannot take it leaves the generated one.
            if (!answer.ok)
              options.logger.warn({ status: answer.status }, "demo store: could not name the merchant");
          },
          webhookUrl: `${options.selfUrl}/demo/webhooks`,
          now: options.now,
          logger: options.logger,
        }),
      )
      .catch((error: unknown) => {
        setup = undefined; // the next visit tries again
        throw error;
      });
    return setup;
  };
  const ctx: DemoContext = {
    orders: new OrderStore(options.storage, options.now),
    bridge,
    ready,
    publicUrl: options.publicUrl,
    logger: options.logger,
  };

  const router = Router();
  router.use(webhookRoute(ctx));
  router.use(readBody({ types: ["application/x-www-form-urlencoded"], limitBytes: 16 * 1024, as: "form" }));
  router.use(demoSession);
  router.use(demoLanguage);
  router.use(shopRoutes(ctx));
  router.use(checkoutRoutes(ctx));
  router.use(orderRoutes(ctx));
  router.use((req, res) => {
    const text = textOf(res);
    sendPage(req, res, {
      status: 404,
      title: text.t("message.notFound"),
      body: messagePage(text, text.t("message.notFound"), text.t("message.noPage")),
    });
  });
  const onError: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === "number" && error.status < 500 ? error.status : 503;
    if (status >= 500) options.logger.error({ err: error }, "demo store: request failed");
    else options.logger.warn({ status, reason: String(error?.message ?? error) }, "demo store: bad request");
    // The bridge, not a browser, calls /webhooks: it gets JSON (413 for a body over the limit).
    if (req.path === "/webhooks")
      return void res.status(status).json({
        error:
          status >= 500 ? "the webhook could not be processed" : `webhook refused: ${String(error?.message)}`,
      });
    const text = textOf(res);
    const { t } = text;
    sendPage(req, res, {
      status,
      cart: new Map(),
      title: status >= 500 ? t("message.unavailable") : t("message.badRequest"),
      body:
        status >= 500
          ? messagePage(text, t("message.unavailableTitle"), t("message.unavailableBody"))
          : messagePage(text, t("message.didNotWork"), t("message.badRequestBody")),
    });
  };
  router.use(onError);
  return router;
}
