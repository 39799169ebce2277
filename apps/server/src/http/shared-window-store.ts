import type { RateWindows } from "@alma-suite/core/storage";
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";

/**
 * express-rate-limit's store over the database's shared windows (PostgreSQL), so that N
 * instances enforce one limit between them rather than one each. Every count is one statement
 * answering the count after it, so bursts across instances are counted exactly.
 */
export class SharedWindowStore implements Store {
  readonly localKeys = false;
  #windowMs = 60_000;
  readonly #windows: RateWindows;

  constructor(windows: RateWindows) {
    this.#windows = windows;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.#windows.increment(key, this.#windowMs);
  }

  decrement(key: string): Promise<void> {
    return this.#windows.decrement(key);
  }

  resetKey(key: string): Promise<void> {
    return this.#windows.reset(key);
  }
}
