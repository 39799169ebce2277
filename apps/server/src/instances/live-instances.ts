import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Storage, startHeartbeat } from "@alma-suite/core/storage";

/** How often a running server says it is alive. */
export const INSTANCE_HEARTBEAT_MS = 10_000;
/** An instance silent this long no longer counts (three missed heartbeats). */
export const INSTANCE_ALIVE_MS = 30_000;

/**
 * How many server instances share this database, as each one records itself every few seconds:
 * shown in `/metrics`, and what `master-key rotate` checks before it replaces the key.
 */
export class LiveInstances {
  /** Unique per process, even where containers all run as pid 1. */
  readonly id = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  readonly #storage: Storage;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  #count = 1;
  #heartbeat: { stop(): Promise<void> } | undefined;

  constructor(storage: Storage, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}) {
    this.#storage = storage;
    this.#intervalMs = options.intervalMs ?? INSTANCE_HEARTBEAT_MS;
    this.#onError = options.onError ?? (() => {});
  }

  /** Instances alive, this one included; the last known figure while the database is unreachable. */
  get count(): number {
    return this.#count;
  }

  /** Records this instance at once (the limits are right from the first request), then on every beat. */
  async start(): Promise<void> {
    await this.#beat();
    this.#heartbeat = startHeartbeat(this.#intervalMs, async () => {
      await this.#beat();
      return true;
    });
  }

  async stop(): Promise<void> {
    await this.#heartbeat?.stop();
    try {
      await this.#storage.forgetInstance(this.id);
    } catch (error) {
      this.#onError(error);
    }
  }

  async #beat(): Promise<void> {
    try {
      // Alive within three beats, or within the fixed window when beats are slower than usual.
      const within = Math.max(INSTANCE_ALIVE_MS, 3 * this.#intervalMs);
      this.#count = await this.#storage.recordInstanceAlive(this.id, within);
    } catch (error) {
      this.#onError(error);
    }
  }
}
