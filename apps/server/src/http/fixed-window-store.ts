import { startHeartbeat } from "@alma-suite/core/storage";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";

interface Window {
  totalHits: number;
  resetTime: Date;
}

/**
 * express-rate-limit's in-memory fixed windows, with one difference that matters for bursts:
 * `increment` answers with the count as it stood after this call. The bundled MemoryStore
 * answers with its live counter object, so calls made in the same tick all read the final count
 * once they resume (60 at once against a limit of 30: all 60 refused). Every mounted limiter
 * uses one.
 */
export class FixedWindowStore implements Store {
  readonly localKeys = true;
  #windowMs = 60_000;
  readonly #windows = new Map<string, Window>();
  #sweeper: { stop(): Promise<void> } | undefined;

  init(options: Options): void {
    this.#windowMs = options.windowMs;
    void this.#sweeper?.stop();
    // Expired windows would otherwise stay in memory for every IP that ever called once. An
    // in-process timer: these windows are this process's memory.
    this.#sweeper = startHeartbeat(this.#windowMs, async () => {
      this.#sweep();
      return undefined;
    });
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const window = this.#live(key, Date.now());
    return window && { totalHits: window.totalHits, resetTime: window.resetTime };
  }

  increment(key: string): ClientRateLimitInfo {
    const now = Date.now();
    let window = this.#live(key, now);
    if (!window) {
      window = { totalHits: 0, resetTime: new Date(now + this.#windowMs) };
      this.#windows.set(key, window);
    }
    window.totalHits += 1;
    return { totalHits: window.totalHits, resetTime: window.resetTime };
  }

  decrement(key: string): void {
    const window = this.#live(key, Date.now());
    if (window && window.totalHits > 0) window.totalHits -= 1;
  }

  resetKey(key: string): void {
    this.#windows.delete(key);
  }

  resetAll(): void {
    this.#windows.clear();
  }

  shutdown(): void {
    void this.#sweeper?.stop();
  }

  #live(key: string, now: number): Window | undefined {
    const window = this.#windows.get(key);
    if (window && window.resetTime.getTime() <= now) {
      this.#windows.delete(key);
      return undefined;
    }
    return window;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.#windows)
      if (window.resetTime.getTime() <= now) this.#windows.delete(key);
  }
}
