import { randomBytes } from "node:crypto";
import type { Client } from "pg";
import { loadPg } from "./load-pg.ts";
import type { SqlExecutor } from "./sql/sql-executor.ts";

export interface PostgresJobChannelOptions {
  connectionString: string;
  /** Instances of other schemas in the same database share the channel; the payload tells them apart. */
  schema: string;
  /** Where announcements are sent from (the storage's pool). */
  exec: SqlExecutor;
  /** Another instance committed a due job. */
  onAnnounced: () => void;
  /** Wait before listening again after the connection dropped; doubles up to 30 s. Default 500 ms. */
  retryMs?: number;
}

const CHANNEL = "jobs";
const MAX_RETRY_MS = 30_000;
const ANNOUNCE_SPACING_MS = 10;

/**
 * The `jobs` notification channel between instances sharing a PostgreSQL database: each announces
 * the due jobs it commits, and listens (on a connection of its own, outside the pool) for the
 * others', so a job enqueued by one instance starts on another's idle worker without waiting for
 * its poll. Announcements are coalesced: one in flight at a time, and one more after it (and a
 * short pause) for all that came meanwhile. A lost notification costs only the wait for the next poll.
 */
export class PostgresJobChannel {
  readonly #options: PostgresJobChannelOptions;
  /** `<schema> <instance token>`: listeners skip their own announcements and other schemas'. */
  readonly #payload: string;
  readonly #prefix: string;
  #sending = false;
  #again = false;
  #listening = false;
  /** Bumped by `stopListening`: a connection begun before it is closed instead of kept. */
  #generation = 0;
  #client: Client | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #retryMs: number;

  constructor(options: PostgresJobChannelOptions) {
    this.#options = options;
    this.#prefix = `${options.schema} `;
    this.#payload = `${this.#prefix}${randomBytes(8).toString("hex")}`;
    this.#retryMs = options.retryMs ?? 500;
  }

  /** NOTIFY after a commit that enqueued a due job; never throws (the others' polls are the fallback). */
  announce(): void {
    if (this.#sending) {
      this.#again = true;
      return;
    }
    this.#sending = true;
    void this.#send();
  }

  async #send(): Promise<void> {
    for (;;) {
      this.#again = false;
      try {
        await this.#options.exec.query("SELECT pg_notify($1, $2)", [CHANNEL, this.#payload]);
      } catch {
        // The database is unreachable: the enqueue that announced committed before, and the
        // other instances find its job at their next poll.
        this.#again = false;
      }
      if (!this.#again) break;
      // Under a flood, one announcement per spacing is enough to keep the others' workers busy
      // (each lease takes all it can); one per commit would be a statement per job on each side.
      await new Promise((resolve) => setTimeout(resolve, ANNOUNCE_SPACING_MS).unref());
    }
    this.#sending = false;
  }

  /** Starts listening (idempotent); reconnects on its own until `stopListening`. */
  listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    void this.#connect();
  }

  async stopListening(): Promise<void> {
    this.#listening = false;
    this.#generation += 1;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  /** Whether the listening connection is up and subscribed (for tests and health). */
  get listening(): boolean {
    return this.#client !== undefined;
  }

  async #connect(): Promise<void> {
    const generation = this.#generation;
    const client = new (loadPg().Client)({
      connectionString: this.#options.connectionString,
      connectionTimeoutMillis: 5_000,
      // Names the connection in pg_stat_activity, where an operator (or a test) finds it.
      application_name: `alma-suite jobs ${this.#options.schema}`.slice(0, 63),
    });
    let dropped = false;
    const drop = () => {
      if (dropped) return;
      dropped = true;
      client.removeAllListeners("notification");
      void client.end().catch(() => {});
      if (this.#client === client) this.#client = undefined;
      this.#scheduleReconnect();
    };
    // Unheard, a connection error on an idle client would crash the process.
    client.on("error", drop);
    client.on("end", drop);
    client.on("notification", (message) => {
      const payload = message.payload ?? "";
      if (message.channel === CHANNEL && payload.startsWith(this.#prefix) && payload !== this.#payload)
        this.#options.onAnnounced();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch {
      drop();
      return;
    }
    if (!this.#listening || generation !== this.#generation || dropped) {
      dropped = true;
      await client.end().catch(() => {});
      return;
    }
    this.#client = client;
    this.#retryMs = this.#options.retryMs ?? 500;
    // Jobs announced while the connection was down were missed: look once now rather than at the poll.
    this.#options.onAnnounced();
  }

  #scheduleReconnect(): void {
    if (!this.#listening || this.#retry) return;
    const wait = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    const generation = this.#generation;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#listening && generation === this.#generation) void this.#connect();
    }, wait);
    this.#retry.unref();
  }
}
