import { randomBytes } from "node:crypto";
import { signedTokens } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";

export const LOGIN_LINK_LIFETIME_MS = 15 * 60_000;

export type Redeemed =
  | { ok: true; tenantId: string }
  | { ok: false; status: 400 | 410; error: string; reason: "forged" | "expired" | "used" | "unknown_tenant" };

/**
 * Merchant login links: a signed token naming the tenant, a random nonce and an expiry. Redeeming
 * records the nonce (insert-or-ignore in `processed_notifications`), so a link works once even when
 * two clicks race, and on every instance sharing the database.
 */
export function loginLinks(options: {
  secret: string;
  storage: Storage;
  publicUrl: string;
  now: () => number;
}) {
  const tokens = signedTokens(options.secret, "alma-suite dashboard login link v1");
  return {
    mint(tenantId: string): { url: string; expiresAt: number } {
      const expiresAt = options.now() + LOGIN_LINK_LIFETIME_MS;
      const token = tokens.sign({ t: tenantId, n: randomBytes(16).toString("base64url"), e: expiresAt });
      return { url: `${options.publicUrl}/dashboard/login/${token}`, expiresAt };
    },
    async redeem(token: string): Promise<Redeemed> {
      const data = tokens.verify(token);
      if (!data || typeof data.t !== "string" || typeof data.n !== "string" || typeof data.e !== "number") {
        return { ok: false, status: 400, reason: "forged", error: "this login link is not valid" };
      }
      if (data.e <= options.now()) {
        return {
          ok: false,
          status: 410,
          reason: "expired",
          error: "this login link has expired: ask for a new one",
        };
      }
      const tenant = await options.storage.getTenant(data.t);
      if (tenant?.status !== "active") {
        return {
          ok: false,
          status: 410,
          reason: "unknown_tenant",
          error: "this shop is no longer connected",
        };
      }
      if (!(await options.storage.markNotificationProcessed(`dashboard-login:${data.n}`))) {
        return {
          ok: false,
          status: 410,
          reason: "used",
          error: "this login link was already used: ask for a new one",
        };
      }
      return { ok: true, tenantId: tenant.id };
    },
  };
}

export type LoginLinks = ReturnType<typeof loginLinks>;
