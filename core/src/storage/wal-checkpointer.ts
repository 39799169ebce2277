import { Worker } from "node:worker_threads";

/**
 * The thread's whole program. Its timer is the one recurring thing not run by core's in-process
 * timer (jobs/heartbeat.ts): it lives on the checkpoint thread, which has only this source, and it
 * is not a job, since a checkpoint concerns this process's own database file. A PASSIVE checkpoint copies what it can from the WAL into the
 * database file without waiting for, or blocking, the writer; SQLITE_BUSY (another checkpoint
 * under way, e.g. the CLI's) only means this round is skipped.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { DatabaseSync } = require("node:sqlite");
const db = new DatabaseSync(workerData.path);
const timer = setInterval(() => {
  try { db.exec("PRAGMA wal_checkpoint(PASSIVE)"); } catch {}
}, workerData.intervalMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Runs SQLite's WAL checkpoints on a thread of their own, as SQLite's documentation suggests for
 * busy writers. Left to the writing connection, a checkpoint runs inside whichever COMMIT crosses
 * the WAL's size threshold: it copies every page changed since the last one into the database
 * file and fsyncs it, on the event loop, while every request waits (a large share of what a
 * commit costs, paid by whichever request is unlucky). The writer keeps a much higher threshold
 * of its own, so the WAL stays bounded even if this thread stopped.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  constructor(path: string, intervalMs = 200) {
    this.#worker = new Worker(THREAD_SOURCE, { eval: true, workerData: { path, intervalMs } });
    // A storage nobody closed must not keep the process alive for its checkpoints.
    this.#worker.unref();
    this.#exited = new Promise((resolve) => this.#worker.once("exit", () => resolve()));
    // An error in the thread ends it; the writer's own threshold then takes over.
    this.#worker.on("error", () => {});
  }

  /** Asks the thread to close its connection, and waits until it has. */
  async stop(): Promise<void> {
    // Referenced again while it winds down: an unreferenced thread's exit would not keep the
    // process alive, and a caller awaiting it at the end of a script would never see it.
    this.#worker.ref();
    this.#worker.postMessage("stop");
    await this.#exited;
  }
}
