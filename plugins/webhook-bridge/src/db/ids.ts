import { randomBytes } from "node:crypto";

/** Opaque prefixed ids (`ep_…`, `agy_…`): the prefix makes logs and support tickets readable. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

let counter = 0;

/**
 * Ids that sort by creation time (like Svix's KSUIDs): milliseconds, then a per-process counter,
 * then randomness. Lists ordered by (created_at, id) then keep the order events happened in, even
 * within one millisecond.
 */
export function newSortableId(prefix: string, now: number): string {
  counter = (counter + 1) % 0x10000;
  const time = Math.max(0, Math.trunc(now)).toString(16).padStart(12, "0");
  return `${prefix}_${time}${counter.toString(16).padStart(4, "0")}${randomBytes(6).toString("hex")}`;
}
