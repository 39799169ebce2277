import { createHash, createHmac, randomBytes } from "node:crypto";
import type { FakeWebhook } from "./fake-model.ts";
import type { FakeStore, HookEvent } from "./fake-store.ts";
import { orderJson } from "./order-json.ts";
import { phpJsonEncode } from "./php-json.ts";

export interface DeliveryRecord {
  kind: "ping" | "delivery";
  webhookId: number;
  topic: string;
  orderId?: number;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** HTTP status, or null when the connector could not be reached. */
  status: number | null;
  /** Queued but never sent, as when WP-Cron does not run: a missed webhook. */
  dropped: boolean;
}

export const HOOKSHOT_UA = "WooCommerce/9.8.0 Hookshot (WordPress/6.7.1)";

/**
 * WooCommerce's webhook delivery (class-wc-webhook.php): deliveries are queued while the request
 * runs and sent afterwards (Action Scheduler), one per webhook and order while one is pending, with
 * the payload built at send time; the body is signed with base64 HMAC-SHA256 of its exact bytes;
 * 200–302 counts as success (resetting the failure count); any other answer or no answer is a
 * failure, and a failure while the count already exceeds 5 disables the webhook: the 7th in a row. No retries. The creation ping is a form-encoded POST without any X-WC header.
 */
export class WebhookDispatcher {
  readonly log: DeliveryRecord[] = [];
  dropDeliveries = false;
  readonly #store: FakeStore;
  readonly #homeUrl: () => string;
  readonly #pending = new Map<string, { webhook: FakeWebhook; event: HookEvent }>();
  readonly #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(store: FakeStore, homeUrl: () => string) {
    this.#store = store;
    this.#homeUrl = homeUrl;
    store.onHook((event) => this.#queue(event));
  }

  async ping(webhook: FakeWebhook): Promise<number | null> {
    const body = new URLSearchParams({ webhook_id: String(webhook.id) }).toString();
    const headers = { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": HOOKSHOT_UA };
    const status = await post(webhook.delivery_url, headers, body);
    this.log.push({
      kind: "ping",
      webhookId: webhook.id,
      topic: webhook.topic,
      url: webhook.delivery_url,
      headers,
      body,
      status,
      dropped: false,
    });
    return status;
  }

  /** Resolves once every queued delivery has been sent (or dropped) and answered. */
  async settle(): Promise<void> {
    for (let round = 0; round < 50; round++) {
      if (this.#pending.size > 0) this.#flush();
      if (this.#inFlight.size === 0 && this.#pending.size === 0) return;
      await Promise.all(this.#inFlight);
    }
  }

  #queue(event: HookEvent): void {
    for (const webhook of this.#store.webhooks.values()) {
      if (webhook.status !== "active" || webhook.topic !== `${event.resource}.${event.event}`) continue;
      const key = `${webhook.id}:${event.orderId}`;
      if (!this.#pending.has(key)) this.#pending.set(key, { webhook, event });
    }
    this.#timer ??= setTimeout(() => this.#flush(), 5);
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    for (const item of batch) {
      const sending = this.#deliver(item.webhook, item.event).finally(() => this.#inFlight.delete(sending));
      this.#inFlight.add(sending);
    }
  }

  async #deliver(webhook: FakeWebhook, event: HookEvent): Promise<void> {
    const order = this.#store.orders.get(event.orderId);
    const payload =
      event.event === "deleted" || !order
        ? { id: event.orderId }
        : orderJson(order, this.#store.refunds.get(order.id) ?? [], this.#homeUrl());
    const body = phpJsonEncode(payload);
    const headers = {
      "Content-Type": "application/json",
      "User-Agent": HOOKSHOT_UA,
      "X-WC-Webhook-Source": `${this.#homeUrl()}/`,
      "X-WC-Webhook-Topic": webhook.topic,
      "X-WC-Webhook-Resource": event.resource,
      "X-WC-Webhook-Event": event.event,
      "X-WC-Webhook-Signature": createHmac("sha256", webhook.secret).update(body).digest("base64"),
      "X-WC-Webhook-ID": String(webhook.id),
      "X-WC-Webhook-Delivery-ID": createHash("md5").update(randomBytes(16)).digest("hex"),
    };
    const record: DeliveryRecord = {
      kind: "delivery",
      webhookId: webhook.id,
      topic: webhook.topic,
      orderId: event.orderId,
      url: webhook.delivery_url,
      headers,
      body,
      status: null,
      dropped: this.dropDeliveries,
    };
    this.log.push(record);
    if (record.dropped) return;
    record.status = await post(webhook.delivery_url, headers, body);
    if (record.status !== null && record.status >= 200 && record.status <= 302) webhook.failureCount = 0;
    // As WC_Webhook::failed_delivery: a failure with the count already above 5 disables the webhook
    // (the 7th in a row), otherwise it counts one more.
    else if (webhook.failureCount > 5) webhook.status = "disabled";
    else webhook.failureCount++;
  }
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<number | null> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return null;
  }
}
