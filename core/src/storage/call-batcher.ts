export interface CallBatcherOptions<I, O> {
  /**
   * Runs one group and answers one result per item, in the items' order. An `Error` in the answer
   * fails that item alone; a thrown error fails the whole group.
   */
  run: (items: I[]) => Promise<readonly (O | Error)[]>;
  /** At most this many items per group. */
  maxBatch: number;
  /**
   * Waits for the end of the current event-loop turn before starting a group, so that every call
   * made in the same turn joins it. For callers that all wake up together (jobs leased at once) or
   * for synchronous drivers (node:sqlite), where a group started at once would run alone.
   */
  gatherTurn?: boolean;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: Error) => void;
}

/**
 * Turns many single calls into few grouped ones (group commit): a group starts as soon as one call
 * waits (or at the end of the turn, with `gatherTurn`), and every call arriving while that group is
 * on its way joins the next. Each database round trip is a system call and a wake-up of the
 * database; on this project's VMs they cost more CPU than the statement itself. Each caller still
 * gets its own answer, and nothing is answered before its group has run.
 */
export class CallBatcher<I, O> {
  readonly #options: CallBatcherOptions<I, O>;
  #waiting: Waiting<I, O>[] = [];
  #running = false;
  #scheduled = false;

  constructor(options: CallBatcherOptions<I, O>) {
    if (!(options.maxBatch >= 1)) throw new RangeError("maxBatch must be >= 1");
    this.#options = options;
  }

  call(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ item, resolve, reject });
      if (this.#running || this.#scheduled) return;
      if (!this.#options.gatherTurn) {
        void this.#drain();
        return;
      }
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        void this.#drain();
      });
    });
  }

  async #drain(): Promise<void> {
    this.#running = true;
    while (this.#waiting.length > 0) {
      const group = this.#waiting.splice(0, this.#options.maxBatch);
      try {
        const results = await this.#options.run(group.map((w) => w.item));
        for (const [i, w] of group.entries()) {
          const result = results[i];
          if (result instanceof Error) w.reject(result);
          else if (i >= results.length) w.reject(new Error("the grouped call gave no answer for this item"));
          else w.resolve(result as O);
        }
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const w of group) w.reject(failure);
      }
    }
    this.#running = false;
  }
}
