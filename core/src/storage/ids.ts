import { randomBytes } from "node:crypto";

/** Opaque, prefixed, URL-safe ids (`ten_…`, `pay_…`): the prefix makes logs and support tickets readable. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString("hex")}`;
}
