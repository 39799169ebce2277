import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FakeShopify } from "./fake-shopify.ts";
import { signWebhook } from "./shopify-signing.ts";

const fixturesRoot = fileURLToPath(new URL("../../../../fixtures/shopify/", import.meta.url));
export const SHOPIFY_API_VERSION_HEADER = "2026-07";

/** `fixtures/shopify/<name>.json`, parsed afresh. */
export function loadShopifyFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`${fixturesRoot}${name}.json`, "utf8")) as Record<string, unknown>;
}

const token = () => randomBytes(12).toString("base64url");

/** A payment session body from a fixture, with fresh ids (and a fresh group unless given). */
export function paymentSession(
  scenario: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = token();
  return {
    ...loadShopifyFixture(`payment-sessions/${scenario}`),
    id,
    gid: `gid://shopify/PaymentSession/${id}`,
    group: token(),
    ...overrides,
  };
}

/** A refund, capture or void session body for a payment session id. */
export function followUpSession(
  resource: "refund-sessions" | "capture-sessions" | "void-sessions",
  scenario: string,
  paymentId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = token();
  const type = {
    "refund-sessions": "RefundSession",
    "capture-sessions": "CaptureSession",
    "void-sessions": "VoidSession",
  }[resource];
  return {
    ...loadShopifyFixture(`${resource}/${scenario}`),
    id,
    gid: `gid://shopify/${type}/${id}`,
    payment_id: paymentId,
    ...overrides,
  };
}

export interface AppAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/**
 * Shopify POSTing a session request to the app, with the headers Shopify sends (shop domain,
 * request id, API version). The session
 * is registered with the fake first so the app's later mutations on its gid are known.
 */
export async function sendSession(
  fake: FakeShopify,
  appUrl: string,
  path: "payment-sessions" | "refund-sessions" | "capture-sessions" | "void-sessions",
  shop: string,
  body: Record<string, unknown>,
): Promise<AppAnswer> {
  const kind = (
    {
      "payment-sessions": "payment",
      "refund-sessions": "refund",
      "capture-sessions": "capture",
      "void-sessions": "void",
    } as const
  )[path];
  if (typeof body.gid === "string")
    fake.registerSession({
      gid: body.gid,
      shop,
      kind,
      paymentKind: body.kind === "authorization" ? "authorization" : "sale",
    });
  const response = await fetch(`${appUrl}/shopify/${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Shopify-Shop-Domain": shop,
      "Shopify-Request-Id": randomUUID(),
      "Shopify-Api-Version": SHOPIFY_API_VERSION_HEADER,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

/** Shopify delivering a webhook: the five headers the library requires, signed with `secret`. */
export async function sendWebhook(
  appUrl: string,
  input: {
    shop: string;
    topic: string;
    body: unknown;
    secret: string;
    webhookId?: string;
    /** `X-Shopify-Triggered-At`, when the event happened at Shopify; now by default. */
    triggeredAt?: Date;
  },
): Promise<Response> {
  const raw = JSON.stringify(input.body);
  return fetch(`${appUrl}/shopify/webhooks`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Shopify-Topic": input.topic,
      "X-Shopify-Shop-Domain": input.shop,
      "X-Shopify-API-Version": SHOPIFY_API_VERSION_HEADER,
      "X-Shopify-Webhook-Id": input.webhookId ?? randomUUID(),
      "X-Shopify-Triggered-At": (input.triggeredAt ?? new Date()).toISOString(),
      "X-Shopify-Hmac-Sha256": signWebhook(raw, input.secret),
    },
    body: raw,
  });
}
