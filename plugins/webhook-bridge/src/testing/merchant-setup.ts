import type { Tenant } from "@alma-suite/core/storage";
import { type BridgeHarness, createAgencyFor } from "./bridge-harness.ts";
import { almaKnowsMerchant } from "./fixtures.ts";

export const MERCHANT_KEY = "sk_test_boutiqueLyon0001";

/** An agency and one merchant of it, through the API (Alma's key check answered by nock). */
export async function setupMerchant(
  h: BridgeHarness,
  ref = "boutique-lyon",
): Promise<{ key: string; ref: string; merchant: Tenant; base: string }> {
  const { key } = await createAgencyFor(h);
  almaKnowsMerchant();
  const answer = await h.api("PUT", `/bridge/v1/merchants/${ref}`, {
    key,
    body: { name: ref, alma_test_key: MERCHANT_KEY },
  });
  if (answer.status !== 201) throw new Error(`merchant creation answered ${answer.status}`);
  const merchant = await h.storage.getTenant(answer.body.id);
  if (!merchant) throw new Error("merchant not stored");
  return { key, ref, merchant, base: `/bridge/v1/merchants/${ref}` };
}
