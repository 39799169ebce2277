import { createHash } from "node:crypto";

/**
 * The n-th benchmark payment's Alma id. Alma's ids are random base62 (`payment_11…`), so these are
 * too: sequential ids (`payment_11bench1`, `…2`) would sort together and flatter any index on them.
 */
export function benchPaymentId(n: number): string {
  const digest = createHash("sha256").update(String(n)).digest("base64url").replace(/[-_]/g, "");
  return `payment_11${digest.slice(0, 32)}`;
}
