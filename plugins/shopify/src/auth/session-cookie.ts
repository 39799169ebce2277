import { readCookie, signedTokens } from "@alma-suite/core";
import { serialize } from "cookie";
import type { Request, Response } from "express";

export const SESSION_COOKIE = "alma_shopify_session";
const LIFETIME_MS = 8 * 60 * 60_000;

export interface AdminSession {
  tenantId: string;
  shop: string;
}

/**
 * The merchant's session on the settings page after OAuth: a signed, HttpOnly, SameSite=Lax
 * cookie scoped to our paths. It names the tenant; the signature (HMAC with a key derived from the
 * app secret) is what makes it trustworthy, never a shop query parameter.
 */
export function sessionCookies(options: { appSecret: string; secure: boolean; now: () => number }) {
  const tokens = signedTokens(options.appSecret, "alma-suite admin session v1");
  return {
    issue(res: Response, session: AdminSession): void {
      const value = tokens.sign({ t: session.tenantId, s: session.shop, e: options.now() + LIFETIME_MS });
      res.append(
        "Set-Cookie",
        serialize(SESSION_COOKIE, value, {
          path: "/shopify",
          maxAge: LIFETIME_MS / 1000,
          httpOnly: true,
          sameSite: "lax",
          secure: options.secure,
        }),
      );
    },
    read(req: Request): AdminSession | null {
      const raw = readCookie(req.get("cookie"), SESSION_COOKIE);
      const data = raw ? tokens.verify(raw) : null;
      if (!data || typeof data.t !== "string" || typeof data.s !== "string" || typeof data.e !== "number")
        return null;
      return data.e > options.now() ? { tenantId: data.t, shop: data.s } : null;
    },
  };
}

export type SessionCookies = ReturnType<typeof sessionCookies>;
