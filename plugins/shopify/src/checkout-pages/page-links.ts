import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";

/**
 * URLs of our buyer-facing pages for one session. The signature keeps link ids from being
 * enumerated: only Shopify (given the URL in our answer) and the buyer it redirects know it.
 */
export function pageLinks(options: { publicUrl: string; signingKey: string }) {
  const sign = (tenantId: string, linkId: string) =>
    createHmac("sha256", options.signingKey)
      .update(`checkout:${tenantId}:${linkId}`)
      .digest("base64url")
      .slice(0, 32);
  return {
    checkoutUrl(tenantId: string, linkId: string): string {
      return `${options.publicUrl}/shopify/checkout/${tenantId}/${linkId}?s=${sign(tenantId, linkId)}`;
    },
    signature: sign,
    verify(tenantId: string, linkId: string, signature: unknown): boolean {
      return typeof signature === "string" && constantTimeEqual(signature, sign(tenantId, linkId));
    },
  };
}

export type PageLinks = ReturnType<typeof pageLinks>;
