import { randomBytes } from "node:crypto";
import express, { type Request, type Response, Router } from "express";
import { authenticate, type FakeApiKey } from "./fake-auth.ts";
import type { RestResult } from "./fake-model.ts";
import type { FakeStore } from "./fake-store.ts";
import { noteJson, orderJson, refundJson, webhookJson } from "./order-json.ts";
import { ordersListRoute } from "./orders-list-route.ts";
import { sendError, sendJson } from "./rest-reply.ts";
import type { WebhookDispatcher } from "./webhook-dispatcher.ts";

export interface RestContext {
  store: FakeStore;
  dispatcher: WebhookDispatcher;
  keys: Map<string, FakeApiKey>;
  nonces: Set<string>;
  isHttps: boolean;
  homeUrl(): string;
  requests: { method: string; path: string; auth: "basic" | "query" | "oauth" | "none" }[];
}

const id = (req: Request, name = "id") => Number(req.params[name]);

/** `/wp-json/wc/v3/...`: the endpoints the connector calls, behind WooCommerce's authentication. */
export function restRoutes(ctx: RestContext): Router {
  const router = Router();
  const { store } = ctx;
  const home = () => ctx.homeUrl();
  const reply = <T>(res: Response, result: RestResult<T>, render: (value: T) => unknown, status = 200) =>
    result.ok ? sendJson(res, status, render(result.value)) : sendError(res, result.error);
  const order = (orderId: number) => {
    const found = store.orders.get(orderId);
    return found ? orderJson(found, store.refunds.get(orderId) ?? [], home()) : undefined;
  };

  router.use((req, res, next) => {
    const auth = authenticate(
      { method: req.method, url: req.originalUrl, authorization: req.get("authorization") },
      {
        isHttps: ctx.isHttps,
        homeUrl: home(),
        keys: ctx.keys,
        nonces: ctx.nonces,
        nowSeconds: Math.floor(Date.now() / 1000),
      },
    );
    const kind = req.get("authorization")
      ? "basic"
      : req.query.oauth_signature
        ? "oauth"
        : req.query.consumer_key
          ? "query"
          : "none";
    ctx.requests.push({ method: req.method, path: req.path, auth: kind });
    if (!auth.ok) return sendError(res, auth.error);
    next();
  });
  router.use(express.json({ type: () => true, limit: "1mb" }));

  router.get("/orders", ordersListRoute(ctx));
  router.post("/orders", (req, res) => {
    const body = req.body ?? {};
    const created = store.createOrder({
      status: body.set_paid ? "pending" : body.status,
      currency: body.currency,
      paymentMethod: body.payment_method,
      paymentMethodTitle: body.payment_method_title,
      billing: body.billing,
      shipping: body.shipping,
      createdVia: "rest-api",
      lineItems: (body.line_items ?? []).map(
        (item: { name?: string; quantity?: number; total?: string }) => ({
          name: item.name ?? "Item",
          quantity: item.quantity ?? 1,
          unitCents: Math.round(Number(item.total ?? 0) * 100) / (item.quantity ?? 1),
        }),
      ),
    });
    if (body.set_paid) store.updateOrder(created.id, { set_paid: true, transaction_id: body.transaction_id });
    sendJson(res, 201, order(created.id));
  });
  router.get("/orders/:id", (req, res) => {
    const found = order(id(req));
    if (!found)
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_shop_order_invalid_id",
        message: "Invalid ID.",
      });
    sendJson(res, 200, found);
  });
  const update = (req: Request, res: Response) =>
    reply(res, store.updateOrder(id(req), req.body ?? {}), (o) => order(o.id));
  router.put("/orders/:id", update);
  router.post("/orders/:id", update);
  router.delete("/orders/:id", (req, res) =>
    reply(res, store.deleteOrder(id(req), req.query.force === "true"), (o) => orderJson(o, [], home())),
  );

  router.get("/orders/:id/refunds", (req, res) => {
    if (!store.orders.has(id(req)))
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_invalid_order_id",
        message: "Invalid order ID.",
      });
    sendJson(
      res,
      200,
      (store.refunds.get(id(req)) ?? []).map((r) => refundJson(r, home())),
    );
  });
  router.post("/orders/:id/refunds", async (req, res) => {
    reply(res, await store.createRefund(id(req), req.body ?? {}), (r) => refundJson(r, home()), 201);
  });
  router.get("/orders/:id/refunds/:rid", (req, res) => {
    const refund = (store.refunds.get(id(req)) ?? []).find((r) => r.id === id(req, "rid"));
    if (!refund)
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_invalid_id",
        message: "Invalid resource ID.",
      });
    sendJson(res, 200, refundJson(refund, home()));
  });
  router.delete("/orders/:id/refunds/:rid", (req, res) => {
    if (req.query.force !== "true") {
      return sendError(res, {
        status: 501,
        code: "woocommerce_rest_trash_not_supported",
        message: "Refunds do not support trashing.",
      });
    }
    reply(res, store.deleteRefund(id(req), id(req, "rid")), (r) => refundJson(r, home()));
  });

  router.get("/orders/:id/notes", (req, res) => {
    if (!store.orders.has(id(req)))
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_order_invalid_id",
        message: "Invalid order ID.",
      });
    const type = String(req.query.type ?? "any");
    const notes = (store.notes.get(id(req)) ?? []).filter(
      (n) => type === "any" || (type === "customer" ? n.customerNote : !n.customerNote),
    );
    sendJson(res, 200, notes.map(noteJson));
  });
  router.post("/orders/:id/notes", (req, res) => {
    if (!store.orders.has(id(req)))
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_order_invalid_id",
        message: "Invalid order ID.",
      });
    const body = req.body ?? {};
    if (typeof body.note !== "string" || body.note === "") {
      return sendError(res, {
        status: 400,
        code: "rest_missing_callback_param",
        message: "Missing parameter(s): note",
      });
    }
    sendJson(
      res,
      201,
      noteJson(store.addNote(id(req), body.note, body.customer_note === true, body.added_by_user === true)),
    );
  });

  router.get("/webhooks", (req, res) => {
    const status = String(req.query.status ?? "all");
    const list = [...store.webhooks.values()].filter((w) => status === "all" || w.status === status);
    sendJson(res, 200, list.map(webhookJson));
  });
  router.post("/webhooks", async (req, res) => {
    const body = req.body ?? {};
    if (!body.topic || !body.delivery_url) {
      return sendError(res, {
        status: 400,
        code: "rest_missing_callback_param",
        message: "Missing parameter(s): topic, delivery_url",
      });
    }
    if (
      !/^(order|product|coupon|customer)\.(created|updated|deleted|restored)$|^action\.(woocommerce|wc)_\w+$/.test(
        body.topic,
      )
    ) {
      return sendError(res, {
        status: 400,
        code: "woocommerce_rest_webhook_invalid_topic",
        message: "Webhook topic is required and must be valid.",
      });
    }
    const webhook = store.createWebhook({
      name: body.name ?? `Webhook created on ${new Date().toUTCString()}`,
      status: body.status ?? "active",
      topic: body.topic,
      delivery_url: body.delivery_url,
      // Without a secret, WooCommerce derives one from the user; the fake makes one up.
      secret: body.secret ?? `derived-${randomBytes(12).toString("hex")}`,
    });
    if (webhook.status === "active") await ctx.dispatcher.ping(webhook);
    sendJson(res, 201, webhookJson(webhook));
  });
  router.put("/webhooks/:id", (req, res) => {
    const webhook = store.webhooks.get(id(req));
    if (!webhook)
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_webhook_invalid_id",
        message: "Invalid webhook ID.",
      });
    const body = req.body ?? {};
    for (const field of ["name", "status", "topic", "delivery_url", "secret"] as const) {
      if (typeof body[field] === "string")
        (webhook as unknown as Record<string, string>)[field] = body[field];
    }
    // WooCommerce keeps the failure count when a webhook is re-activated: only a delivery answered
    // 200–302 resets it, so one more failure disables the webhook again.
    sendJson(res, 200, webhookJson(webhook));
  });
  router.delete("/webhooks/:id", (req, res) => {
    if (req.query.force !== "true") {
      return sendError(res, {
        status: 501,
        code: "woocommerce_rest_trash_not_supported",
        message: "Webhooks do not support trashing.",
      });
    }
    const webhook = store.webhooks.get(id(req));
    if (!webhook)
      return sendError(res, {
        status: 404,
        code: "woocommerce_rest_webhook_invalid_id",
        message: "Invalid webhook ID.",
      });
    store.webhooks.delete(webhook.id);
    sendJson(res, 200, webhookJson(webhook));
  });

  router.use((_req, res) =>
    sendError(res, {
      status: 404,
      code: "rest_no_route",
      message: "No route was found matching the URL and request method.",
    }),
  );
  return router;
}
