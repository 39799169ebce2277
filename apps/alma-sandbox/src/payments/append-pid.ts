/**
 * Alma stores the merchant's return, IPN and cancel URLs with `pid=<payment id>` added to the
 * query, keeping any query the merchant already had and any fragment after it.
 */
export function appendPid(url: string, paymentId: string): string {
  const hashAt = url.indexOf("#");
  const base = hashAt === -1 ? url : url.slice(0, hashAt);
  const fragment = hashAt === -1 ? "" : url.slice(hashAt);
  const separator = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return `${base}${separator}pid=${encodeURIComponent(paymentId)}${fragment}`;
}
