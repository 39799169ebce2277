/**
 * A fresh key per confirmed refund, so a double click or a retried request refunds once.
 * getRandomValues works outside secure contexts too (a dashboard on a LAN address over http).
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `dashboard-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
