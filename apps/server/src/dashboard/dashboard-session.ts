import { readCookie, signedTokens } from "@alma-suite/core";
import { serialize } from "cookie";
import type { Request, Response } from "express";

export const SESSION_COOKIE = "alma_dashboard";
export const SESSION_LIFETIME_MS = 8 * 60 * 60_000;

/** Who is signed in: the operator sees every tenant, a merchant only its own. */
export type DashboardSession = { role: "operator"; tenantId: null } | { role: "merchant"; tenantId: string };

/**
 * The dashboard session: a signed, HttpOnly, SameSite=Strict cookie on `/dashboard`, valid 8 hours.
 * Keyed from the admin token, so rotating that token signs everyone out.
 */
export function dashboardSessions(options: { secret: string; secure: boolean; now: () => number }) {
  const tokens = signedTokens(options.secret, "alma-suite dashboard session v1");
  const cookie = (value: string, maxAgeSeconds: number) =>
    serialize(SESSION_COOKIE, value, {
      path: "/dashboard",
      maxAge: maxAgeSeconds,
      httpOnly: true,
      sameSite: "strict",
      secure: options.secure,
    });
  return {
    issue(res: Response, session: DashboardSession): void {
      const value = tokens.sign({
        r: session.role,
        t: session.tenantId,
        e: options.now() + SESSION_LIFETIME_MS,
      });
      res.append("Set-Cookie", cookie(value, SESSION_LIFETIME_MS / 1000));
    },
    clear(res: Response): void {
      res.append("Set-Cookie", cookie("", 0));
    },
    read(req: Request): DashboardSession | null {
      const raw = readCookie(req.get("cookie"), SESSION_COOKIE);
      const data = raw ? tokens.verify(raw) : null;
      if (!data || typeof data.e !== "number" || data.e <= options.now()) return null;
      if (data.r === "operator") return { role: "operator", tenantId: null };
      if (data.r === "merchant" && typeof data.t === "string") return { role: "merchant", tenantId: data.t };
      return null;
    },
  };
}

export type DashboardSessions = ReturnType<typeof dashboardSessions>;
