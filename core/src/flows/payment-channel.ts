import type { PaymentLink } from "../storage/records.ts";

/**
 * A payment link made by staff for an in-store or phone sale (Alma's PoS): it has no platform order,
 * so its confirmations and refunds are recorded without calling any platform adapter.
 */
export function isPosLink(link: Pick<PaymentLink, "custom">): boolean {
  return link.custom.channel === "pos";
}
