import { randomFillSync } from "node:crypto";

/**
 * Random bytes drawn in blocks: one call into the CSPRNG per 409 ids instead of one per id (the
 * same trick as crypto.randomUUID's cache), which counts when every notification writes a job.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

/** Opaque, prefixed, URL-safe ids (`ten_…`, `pay_…`): the prefix makes logs and support tickets readable. */
export function newId(prefix: string): string {
  if (offset + 10 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = `${prefix}_${pool.toString("hex", offset, offset + 10)}`;
  offset += 10;
  return id;
}
