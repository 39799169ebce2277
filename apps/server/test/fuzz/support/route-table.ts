import { randomUUID } from "node:crypto";
import { signIpn } from "@alma-suite/core";
import { followUpSession, paymentSession, signWebhook } from "@alma-suite/shopify/testing";
import { gatewaySignature, wcSignature } from "@alma-suite/woocommerce";
import fc from "fast-check";
import { hostileString } from "../../hostile/support/hostile-values.ts";
import type { FuzzRequest } from "./fuzz-request.ts";
import { SHOP_A, SHOP_B, SHOPIFY_SECRET, type Side, WOO_TOKEN } from "./fuzz-world.ts";
import { type Body, hostileBody } from "./hostile-bodies.ts";

const TRAVERSAL = ["..", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%00", "%ED%A0%80", "%"];

/** One inbound route outside the bridge: how a request to it is built from the generated parts. */
interface RouteSpec {
  route: string;
  method: string;
  /** The route's body limit, to build bodies just over it. */
  limitBytes: number;
  /** A body it accepts (the hostile families mutate it). */
  example: unknown;
  build(parts: {
    own: Side;
    other: Side;
    tenant: { id: string; owner: "own" | "other" | "none" };
    body: Body;
    genuine: boolean;
  }): Omit<FuzzRequest, "route" | "format" | "family" | "foreignMarkers" | "crossTenant" | "method">;
}

const ver = { "shopify-api-version": "2026-07" };

function shopifySession(path: string, example: unknown): RouteSpec {
  return {
    route: `POST /shopify/${path}`,
    method: "POST",
    limitBytes: path === "payment-sessions" ? 64 * 1024 : 32 * 1024,
    example,
    build: ({ own, body, genuine }) => ({
      path: `/shopify/${path}`,
      headers: {
        ...ver,
        "shopify-request-id": randomUUID(),
        ...(genuine ? { "shopify-shop-domain": shopOf(own) } : {}),
        ...(body.contentType ? { "content-type": body.contentType } : {}),
      },
      body: body.text,
    }),
  };
}

const shopOf = (side: Side) => (side.merchantRef.endsWith("a") ? SHOP_A : SHOP_B);

/** Every inbound route that is not the bridge's, as a table the fuzz draws from. */
export function routeTable(): RouteSpec[] {
  return [
    {
      route: "GET /alma/ipn/:tenantId",
      method: "GET",
      limitBytes: 1024,
      example: {},
      build: ({ own, tenant, body, genuine }) => {
        const pid = genuine ? own.paymentId : "payment_11fuzzUnknown";
        return {
          path: `/alma/ipn/${tenant.id}?pid=${encodeURIComponent(pid)}`,
          headers: {
            "x-alma-signature": genuine ? signIpn(pid, "sk_test_fuzzWooA00000001") : "0".repeat(64),
            ...(body.contentType ? { "content-type": body.contentType } : {}),
          },
          body: body.family === "huge" || body.family === "deep" ? body.text : undefined,
        };
      },
    },
    {
      route: "POST /woocommerce/webhooks/:storeId",
      method: "POST",
      limitBytes: 5 * 1024 * 1024,
      example: { id: 1, status: "processing", payment_method: "alma_suite", total: "10.00" },
      build: ({ own, tenant, body, genuine }) => ({
        path: `/woocommerce/webhooks/${tenant.id}`,
        headers: {
          "x-wc-webhook-topic": "order.updated",
          "x-wc-webhook-signature": genuine
            ? wcSignature(body.text ?? "", own.wooWebhookSecret)
            : Buffer.alloc(32).toString("base64"),
          ...(body.contentType ? { "content-type": body.contentType } : {}),
        },
        body: body.text,
      }),
    },
    ...(["payments", "refunds"] as const).map(
      (action): RouteSpec => ({
        route: `POST /woocommerce/gateway/:storeId/${action}`,
        method: "POST",
        limitBytes: 256 * 1024,
        example:
          action === "payments"
            ? { order_id: 999999, order_key: "wc_order_fuzz" }
            : { order_id: 999999, refund_id: 1, amount: "1.00" },
        build: ({ own, tenant, body, genuine }) => {
          const timestamp = String(Math.floor(Date.now() / 1000));
          return {
            path: `/woocommerce/gateway/${tenant.id}/${action}`,
            headers: {
              "x-alma-suite-timestamp": timestamp,
              "x-alma-suite-signature": genuine
                ? gatewaySignature(own.wooGatewaySecret, timestamp, action, body.text ?? "")
                : "0".repeat(64),
              ...(body.contentType ? { "content-type": body.contentType } : {}),
            },
            body: body.text,
          };
        },
      }),
    ),
    {
      route: "POST /woocommerce/stores",
      method: "POST",
      limitBytes: 32 * 1024,
      example: { store_url: "not a url", consumer_key: "ck_x", consumer_secret: "cs_x" },
      build: ({ body, genuine }) => ({
        path: "/woocommerce/stores",
        headers: {
          ...(genuine ? { authorization: `Bearer ${WOO_TOKEN}` } : { authorization: "Bearer wrong" }),
          ...(body.contentType ? { "content-type": body.contentType } : {}),
        },
        body: body.text,
      }),
    },
    ...(["return", "cancel"] as const).map(
      (page): RouteSpec => ({
        route: `GET /woocommerce/${page}/:storeId`,
        method: "GET",
        limitBytes: 0,
        example: {},
        build: ({ tenant, body }) => ({
          path: `/woocommerce/${page}/${tenant.id}?pid=${encodeURIComponent((body.text ?? "x").slice(0, 200).toWellFormed())}`,
          headers: {},
        }),
      }),
    ),
    shopifySession("payment-sessions", paymentSession("sale-3x")),
    ...(
      [
        ["refund-sessions", "partial"],
        ["capture-sessions", "full"],
        ["void-sessions", "void"],
      ] as const
    ).map(([path, scenario]) =>
      shopifySession(path, followUpSession(path, scenario, "fuzz-unknown-payment")),
    ),
    {
      route: "POST /shopify/webhooks",
      method: "POST",
      limitBytes: 1024 * 1024,
      example: { shop_domain: SHOP_A, customer: { id: 1, email: "a@b.example" }, orders_to_redact: [1] },
      build: ({ own, body, genuine }) => ({
        path: "/shopify/webhooks",
        headers: {
          "x-shopify-topic": "customers/redact",
          "x-shopify-shop-domain": shopOf(own),
          "x-shopify-api-version": "2026-07",
          "x-shopify-webhook-id": randomUUID(),
          "x-shopify-hmac-sha256": genuine ? signWebhook(body.text ?? "", SHOPIFY_SECRET) : "AAAA",
          ...(body.contentType ? { "content-type": body.contentType } : {}),
        },
        body: body.text,
      }),
    },
    ...(
      [
        ["POST", "/dashboard/api/tenants/:tenantId/payments/:paymentId/refunds", { amount: "1.00" }],
        ["POST", "/dashboard/api/tenants/:tenantId/payment-links", { amount: "12.00", email: "x" }],
        ["GET", "/dashboard/api/tenants/:tenantId/payments/:paymentId", {}],
        ["POST", "/dashboard/api/session", { token: "wrong" }],
      ] as const
    ).map(
      ([method, route, example]): RouteSpec => ({
        route: `${method} ${route}`,
        method,
        limitBytes: 16 * 1024,
        example,
        build: ({ own, tenant, body, genuine }) => ({
          path: route
            .replace(":tenantId", tenant.id)
            .replace(":paymentId", tenant.owner === "other" ? "" : own.paymentId)
            .replace("/payments//", "/payments/x/"),
          headers: {
            "x-requested-with": "alma-dashboard",
            ...(genuine ? { cookie: "__dashboard__" } : { cookie: "alma_dashboard=forged.value" }),
            ...(body.contentType ? { "content-type": body.contentType } : {}),
          },
          body: method === "GET" && body.family !== "deep" ? undefined : body.text,
        }),
      }),
    ),
    {
      route: "POST /admin/api/jobs/:id/retry",
      method: "POST",
      limitBytes: 16 * 1024,
      example: {},
      build: ({ body, genuine }) => ({
        path: `/admin/api/jobs/${encodeURIComponent((body.text ?? "x").slice(0, 50).toWellFormed())}/retry`,
        headers: {
          authorization: genuine ? "Bearer __admin__" : "Bearer wrong",
          ...(body.contentType ? { "content-type": body.contentType } : {}),
        },
        body: body.text,
      }),
    },
  ];
}

/** Requests for one route of the table: A's (or B's) credentials on its own, the other's or a hostile id. */
export function tableRequests(
  spec: RouteSpec,
  sides: { a: Side; b: Side; incompleteStore: string },
): fc.Arbitrary<FuzzRequest> {
  const tenantChoice = fc.constantFrom(
    "own",
    "other",
    "bridge-merchant",
    "shopify",
    "incomplete",
    "hostile",
    "traversal",
  );
  return fc
    .record({
      swap: fc.boolean(),
      genuine: fc.boolean(),
      tenant: fc.tuple(tenantChoice, hostileString, fc.constantFrom(...TRAVERSAL)),
      body: hostileBody(spec.example, spec.limitBytes),
    })
    .map(({ swap, genuine, tenant: [choice, hostile, traversal], body }) => {
      const [own, other] = swap ? [sides.b, sides.a] : [sides.a, sides.b];
      const platformStore = spec.route.includes("/dashboard/") ? "merchantId" : "wooStore";
      const tenant =
        choice === "own"
          ? { id: own[platformStore], owner: "own" as const }
          : choice === "other"
            ? { id: other[platformStore], owner: "other" as const }
            : choice === "bridge-merchant"
              ? { id: own.merchantId, owner: "none" as const }
              : choice === "shopify"
                ? { id: own.shopTenant, owner: "none" as const }
                : choice === "incomplete"
                  ? { id: sides.incompleteStore, owner: "none" as const }
                  : choice === "traversal"
                    ? { id: traversal, owner: "none" as const }
                    : { id: encodeURIComponent(hostile.toWellFormed()) || "x", owner: "none" as const };
      const built = spec.build({ own, other, tenant, body, genuine });
      return {
        ...built,
        route: spec.route,
        format: "error-json" as const,
        method: spec.method,
        family: `${body.family}/${genuine ? "genuine" : "forged"}/${choice}`,
        foreignMarkers: other.markers,
        // A's genuine credentials (signature, session) on B's id must never open B's data.
        crossTenant: genuine && tenant.owner === "other" && built.path.includes(tenant.id),
      };
    });
}
