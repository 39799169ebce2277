import { createHmac, createSecretKey } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";

/**
 * URLs of our buyer-facing pages for one session. The signature keeps link ids from being
 * enumerated: only Shopify (given the URL in our answer) and the buyer it redirects know it.
 */
export function pageLinks(options: { publicUrl: string; signingKey: string }) {
  // Made once: createHmac otherwise derives key material from the string on every call.
  const key = createSecretKey(Buffer.from(options.signingKey, "utf8"));
  const signFor = (page: "checkout" | "cancel", tenantId: string, linkId: string) =>
    createHmac("sha256", key).update(`${page}:${tenantId}:${linkId}`).digest("base64url").slice(0, 32);
  const sign = (tenantId: string, linkId: string) => signFor("checkout", tenantId, linkId);
  return {
    checkoutUrl(tenantId: string, linkId: string): string {
      return `${options.publicUrl}/shopify/checkout/${tenantId}/${linkId}?s=${sign(tenantId, linkId)}`;
    },
    /**
     * Alma's `customer_cancel_url`. The signature sits in the path because Alma appends
     * `?pid=…` to this URL; without it anyone holding a pid could cancel the buyer's payment.
     */
    cancelUrl(tenantId: string, linkId: string): string {
      return `${options.publicUrl}/shopify/cancel/${tenantId}/${linkId}/${signFor("cancel", tenantId, linkId)}`;
    },
    signature: sign,
    verify(tenantId: string, linkId: string, signature: unknown): boolean {
      return typeof signature === "string" && constantTimeEqual(signature, sign(tenantId, linkId));
    },
    verifyCancel(tenantId: string, linkId: string, signature: unknown): boolean {
      return (
        typeof signature === "string" && constantTimeEqual(signature, signFor("cancel", tenantId, linkId))
      );
    },
  };
}

export type PageLinks = ReturnType<typeof pageLinks>;
