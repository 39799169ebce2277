import { EventEmitter } from "node:events";
import { signIpn } from "@alma-suite/core";
import { newId } from "../ids/new-id.ts";
import type { DocumentTable } from "../store/document-table.ts";
import type { IpnDelivery, IpnReason } from "./ipn-delivery.ts";

export interface IpnOutboxOptions {
  table: DocumentTable<IpnDelivery>;
  /** Real milliseconds to wait after each failed attempt; its length is the number of retries. */
  delaysMs: readonly number[];
  /** Real milliseconds before the first attempt (Alma waits about a minute). */
  initialDelayMs: number;
  fetch: typeof fetch;
  apiKeyFor: (merchantId: string) => string | undefined;
  nowSeconds: () => number;
  timeoutMs?: number;
}

/**
 * Sends `GET <ipn_callback_url>` (which already carries `?pid=`) with `X-Alma-Signature`, and
 * retries with the configured backoff while the merchant answers non-2xx or cannot be reached.
 * Every attempt is recorded so tests and `GET /_admin/ipns` can see what happened.
 */
export class IpnOutbox {
  readonly #options: IpnOutboxOptions;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  readonly #inflight = new Set<Promise<void>>();
  readonly #events = new EventEmitter();
  #closed = false;

  constructor(options: IpnOutboxOptions) {
    this.#options = options;
    this.#events.setMaxListeners(0);
  }

  enqueue(input: { paymentId: string; merchantId: string; url: string; reason: IpnReason }): IpnDelivery {
    const delivery: IpnDelivery = {
      id: newId("ipn"),
      payment_id: input.paymentId,
      merchant_id: input.merchantId,
      url: input.url,
      reason: input.reason,
      created: this.#options.nowSeconds(),
      attempts: [],
      delivered: false,
      gave_up: false,
      next_attempt_at: new Date(Date.now() + this.#options.initialDelayMs).toISOString(),
    };
    this.#save(delivery);
    this.#schedule(delivery.id, this.#options.initialDelayMs);
    return delivery;
  }

  /** Oldest first, optionally for one payment. */
  list(filter: { paymentId?: string } = {}): IpnDelivery[] {
    return this.#options.table.list({ owner: filter.paymentId }).items.reverse();
  }

  /** Resolves with the first delivery matching `predicate` (now or after a later attempt). */
  waitFor(predicate: (delivery: IpnDelivery) => boolean, timeoutMs = 5000): Promise<IpnDelivery> {
    const found = this.list().find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onChange = (delivery: IpnDelivery) => {
        if (!predicate(delivery)) return;
        cleanup();
        resolve(delivery);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching IPN delivery within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#events.off("change", onChange);
      };
      this.#events.on("change", onChange);
    });
  }

  /** After a restart: deliveries still owed are attempted again right away. */
  resume(): void {
    for (const delivery of this.list()) {
      if (!delivery.delivered && !delivery.gave_up) this.#schedule(delivery.id, 0);
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#inflight]);
  }

  #schedule(id: string, delayMs: number): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(id);
      const run = this.#attempt(id).finally(() => this.#inflight.delete(run));
      this.#inflight.add(run);
    }, delayMs);
    timer.unref();
    this.#timers.set(id, timer);
  }

  async #attempt(id: string): Promise<void> {
    const delivery = this.#options.table.get(id);
    if (!delivery || delivery.delivered || delivery.gave_up) return;
    const apiKey = this.#options.apiKeyFor(delivery.merchant_id) ?? "";
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await this.#options.fetch(delivery.url, {
        method: "GET",
        headers: {
          "X-Alma-Signature": signIpn(delivery.payment_id, apiKey),
          "User-Agent": "Alma-Sandbox-IPN/1.0",
        },
        redirect: "manual",
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    const ok = status !== null && status >= 200 && status < 300;
    delivery.attempts.push({ at: new Date().toISOString(), status, error });
    delivery.delivered = ok;
    const retryDelay = this.#options.delaysMs[delivery.attempts.length - 1];
    delivery.gave_up = !ok && retryDelay === undefined;
    delivery.next_attempt_at =
      ok || retryDelay === undefined ? null : new Date(Date.now() + retryDelay).toISOString();
    this.#save(delivery);
    if (!ok && retryDelay !== undefined) this.#schedule(id, retryDelay);
  }

  #save(delivery: IpnDelivery): void {
    this.#options.table.put(delivery.id, delivery, { owner: delivery.payment_id });
    this.#events.emit("change", delivery);
  }
}
