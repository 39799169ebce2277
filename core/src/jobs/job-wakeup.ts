/**
 * Tells a process's workers that jobs became due, so they lease them now instead of at their next
 * poll: the storage wakes them after committing an enqueue, and on PostgreSQL when another
 * instance announces one. A listener must be cheap and must not throw; a wake-up is only a hint
 * (the poll still finds what a lost one would have).
 */
export class JobWakeup {
  readonly #listeners = new Set<() => void>();

  get size(): number {
    return this.#listeners.size;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const entry = () => listener();
    this.#listeners.add(entry);
    return () => void this.#listeners.delete(entry);
  }

  wake(): void {
    for (const listener of this.#listeners) {
      try {
        listener();
      } catch {
        // A hint: a listener failing must not stop the others or the commit that woke them.
      }
    }
  }
}
