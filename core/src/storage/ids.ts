import { randomFillSync } from "node:crypto";

/**
 * Random bytes drawn in blocks: one call into the CSPRNG per 512 ids instead of one per id (the
 * same trick as crypto.randomUUID's cache), which counts when every notification writes a job.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;
let counter = 0;

/**
 * Opaque, prefixed, URL-safe ids (`ten_…`, `pay_…`, `dlv_…`): the prefix makes logs and support
 * tickets readable. The first 12 hex digits are the creation millisecond (as in UUIDv7), then a
 * per-process counter, then 64 random bits.
 * - Time first matters for the database: a random id lands on a random page of the primary-key
 *   index, so every insert dirties a different page and each commit writes them all to the WAL
 *   and again at checkpoint; ids that grow with time append to the same few pages instead, which
 *   counts where every notification Alma sends writes a job.
 * - The counter keeps ids made in one millisecond in the order they were made, so lists sorted
 *   by (created_at, id) show events in the order they happened.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  counter = (counter + 1) % 0x10000;
  const time = Math.max(0, Math.trunc(now)).toString(16).padStart(12, "0");
  const id = `${prefix}_${time}${counter.toString(16).padStart(4, "0")}${pool.toString("hex", offset, offset + 8)}`;
  offset += 8;
  return id;
}
