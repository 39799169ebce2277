import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";
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
  const key = createHmac("sha256", options.appSecret).update("alma-suite admin session v1").digest();
  const sign = (payload: string) => createHmac("sha256", key).update(payload).digest("base64url");
  return {
    issue(res: Response, session: AdminSession): void {
      const expires = options.now() + LIFETIME_MS;
      const payload = Buffer.from(
        JSON.stringify({ t: session.tenantId, s: session.shop, e: expires }),
      ).toString("base64url");
      const attributes = [
        `${SESSION_COOKIE}=${payload}.${sign(payload)}`,
        "Path=/shopify",
        `Max-Age=${LIFETIME_MS / 1000}`,
        "HttpOnly",
        "SameSite=Lax",
        ...(options.secure ? ["Secure"] : []),
      ];
      res.append("Set-Cookie", attributes.join("; "));
    },
    read(req: Request): AdminSession | null {
      const raw = readCookie(req.get("cookie") ?? "", SESSION_COOKIE);
      const [payload, signature] = raw?.split(".") ?? [];
      if (!payload || !signature || !constantTimeEqual(signature, sign(payload))) return null;
      try {
        const data = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
          t?: unknown;
          s?: unknown;
          e?: unknown;
        };
        if (typeof data.t !== "string" || typeof data.s !== "string" || typeof data.e !== "number")
          return null;
        return data.e > options.now() ? { tenantId: data.t, shop: data.s } : null;
      } catch {
        return null;
      }
    },
  };
}

export type SessionCookies = ReturnType<typeof sessionCookies>;

function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=");
  }
  return undefined;
}
