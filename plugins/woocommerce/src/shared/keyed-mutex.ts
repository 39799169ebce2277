/**
 * Runs functions one at a time per key, within this process. It keeps concurrent requests and
 * jobs for the same WooCommerce order from interleaving their read-then-write steps; what must
 * hold across instances is guaranteed elsewhere (job keys, storage compare-and-set).
 */
export class KeyedMutex {
  readonly #tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(fn, fn);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}
