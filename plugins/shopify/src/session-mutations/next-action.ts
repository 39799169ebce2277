import type { Storage } from "@alma-suite/core/storage";

const SESSION_MUTATIONS = new Set([
  "shopify.paymentSessionResolve",
  "shopify.paymentSessionReject",
  "shopify.paymentSessionPending",
]);
const FINAL = new Set(["shopify.paymentSessionResolve", "shopify.paymentSessionReject"]);

/**
 * Where Shopify told us to send the buyer, from the latest accepted payment-session mutation:
 * a final answer (resolve, reject) beats a pending one whatever their order.
 */
export async function latestNextAction(
  storage: Storage,
  tenantId: string,
  linkId: string,
): Promise<{ url: string; final: boolean } | null> {
  const events = await storage.listPaymentEvents(tenantId, linkId, { limit: 1000 });
  const accepted = events.filter(
    (e) => SESSION_MUTATIONS.has(e.type) && typeof e.data.nextActionUrl === "string",
  );
  const final = accepted.filter((e) => FINAL.has(e.type)).at(-1);
  const chosen = final ?? accepted.at(-1);
  return chosen ? { url: String(chosen.data.nextActionUrl), final: FINAL.has(chosen.type) } : null;
}
