import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Serialises async critical sections on one SQLite connection. node:sqlite is synchronous, but a
 * transaction spans awaits, and any statement issued meanwhile on the same connection would silently
 * join (and roll back with) it. The holder is tracked per async context so a re-entrant call, which
 * would otherwise wait for itself forever, fails with an explanation instead.
 */
export class AsyncMutex {
  #tail: Promise<void> = Promise.resolve();
  readonly #holder = new AsyncLocalStorage<AsyncMutex>();

  /** True inside a critical section of this mutex (including async work started from it). */
  get heldHere(): boolean {
    return this.#holder.getStore() === this;
  }

  async run<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.heldHere) {
      throw new Error(
        "storage used re-entrantly inside its own transaction: use the transaction handle passed to fn",
      );
    }
    const previous = this.#tail;
    const { promise, resolve } = Promise.withResolvers<void>();
    this.#tail = promise;
    await previous;
    try {
      return await this.#holder.run(this, fn);
    } finally {
      resolve();
    }
  }
}
