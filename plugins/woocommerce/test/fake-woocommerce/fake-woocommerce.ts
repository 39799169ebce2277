import { randomBytes } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import express from "express";
import type { FakeApiKey, KeyPermissions } from "./fake-auth.ts";
import type { FakeGateway, FakeOrder, FakeRefund, RestResult } from "./fake-model.ts";
import { FakeStore, type NewFakeOrder, type OrderUpdate, type RefundRequest } from "./fake-store.ts";
import { orderJson } from "./order-json.ts";
import { type RestContext, restRoutes } from "./rest-routes.ts";
import { WebhookDispatcher } from "./webhook-dispatcher.ts";

export interface FakeWooOptions {
  /** Serve HTTPS with this certificate (Basic auth); plain HTTP (OAuth 1.0a) otherwise. */
  tls?: { key: string; cert: string };
  now?: () => Date;
}

export interface FakeWooCommerce {
  /** The store's home URL, what a merchant registers. */
  url: string;
  store: FakeStore;
  webhooks: WebhookDispatcher;
  /** Every REST call received (method, path, how it authenticated). */
  requests: RestContext["requests"];
  /** A REST API key, as WooCommerce › Settings › Advanced › REST API makes one. */
  addApiKey(permissions?: KeyPermissions): { consumerKey: string; consumerSecret: string };
  /** A customer placing an order at checkout (fires order.created). */
  createOrder(input: NewFakeOrder): FakeOrder;
  /** An admin editing the order (fires order.updated). */
  updateOrder(id: number, update: OrderUpdate): FakeOrder;
  /** An admin refunding from the order screen. */
  refundOrder(id: number, request: RefundRequest): Promise<RestResult<FakeRefund>>;
  /** The order as the REST API shows it. */
  orderJson(id: number): Record<string, unknown>;
  /** A PHP payment gateway, reached by refunds made with `api_refund: true`. */
  registerGateway(id: string, gateway: FakeGateway): void;
  close(): Promise<void>;
}

/**
 * A WooCommerce store for tests: the REST API (`/wp-json/wc/v3`) with WooCommerce's
 * authentication, order/refund/note/webhook semantics and paging headers, webhook deliveries
 * signed as WooCommerce signs them, and a storefront answering the thank-you and pay pages.
 */
export async function startFakeWooCommerce(options: FakeWooOptions = {}): Promise<FakeWooCommerce> {
  const store = new FakeStore(options.now);
  let homeUrl = "";
  const dispatcher = new WebhookDispatcher(store, () => homeUrl);
  const keys = new Map<string, FakeApiKey>();
  const requests: RestContext["requests"] = [];
  const app = express();
  app.disable("x-powered-by");
  // PHP's $_GET: a repeated name keeps its last value (the REST library repeats every parameter).
  app.set("query parser", (query: string) => Object.fromEntries(new URLSearchParams(query)));
  app.use(
    "/wp-json/wc/v3",
    restRoutes({
      store,
      dispatcher,
      keys,
      nonces: new Set(),
      isHttps: Boolean(options.tls),
      homeUrl: () => homeUrl,
      requests,
    }),
  );
  app.get(/^\/checkout\/(order-received|order-pay)\/(\d+)\/?$/, (req, res) => {
    res
      .type("html")
      .send(`<!doctype html><title>Order</title><p data-page="${req.params[0]}">order ${req.params[1]}</p>`);
  });
  app.use((_req, res) => res.status(404).type("html").send("<!doctype html><title>Page not found</title>"));

  const server: Server = options.tls ? createHttpsServer(options.tls, app) : createHttpServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  homeUrl = `${options.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const unwrap = <T>(result: RestResult<T>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  return {
    url: homeUrl,
    store,
    webhooks: dispatcher,
    requests,
    addApiKey(permissions = "read_write") {
      const key = {
        consumerKey: `ck_${randomBytes(20).toString("hex")}`,
        consumerSecret: `cs_${randomBytes(20).toString("hex")}`,
        permissions,
      };
      keys.set(key.consumerKey, key);
      return { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret };
    },
    createOrder: (input) => store.createOrder(input),
    updateOrder: (id, update) => unwrap(store.updateOrder(id, update)),
    refundOrder: (id, request) => store.createRefund(id, request),
    orderJson(id) {
      const order = store.orders.get(id);
      if (!order) throw new Error(`no order ${id}`);
      return orderJson(order, store.refunds.get(id) ?? [], homeUrl);
    },
    registerGateway: (id, gateway) => store.gateways.set(id, gateway),
    async close() {
      await dispatcher.settle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
