/**
 * Sandbox time = a base source (real time unless the caller pins one) + an offset that only grows
 * when someone advances the clock. Everything the sandbox stamps (created, due dates, date_paid)
 * reads from here, so tests can move weeks ahead in one call.
 */
export class SandboxClock {
  readonly #base: () => number;
  #offsetMs: number;
  readonly #onChange: (offsetMs: number) => void;

  constructor(options: {
    now?: Date | (() => Date);
    offsetMs?: number;
    onChange?: (offsetMs: number) => void;
  }) {
    this.#base = baseSource(options.now);
    this.#offsetMs = options.offsetMs ?? 0;
    this.#onChange = options.onChange ?? (() => {});
  }

  now(): Date {
    return new Date(this.#base() + this.#offsetMs);
  }

  /** Unix seconds, the unit of every Alma timestamp. */
  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  nowMs(): number {
    return this.#base() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the sandbox clock only moves forward");
    this.#offsetMs += ms;
    this.#onChange(this.#offsetMs);
  }
}

// A fixed Date starts the clock at that instant and lets it run with real time, so that short
// real-time delays (expires_after in minutes) still elapse; a function gives full control.
function baseSource(now: Date | (() => Date) | undefined): () => number {
  if (now === undefined) return () => Date.now();
  if (typeof now === "function") return () => now().getTime();
  const start = now.getTime();
  const realStart = Date.now();
  return () => start + (Date.now() - realStart);
}
