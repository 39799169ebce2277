import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { sessionCookies } from "./session-cookie.ts";

function issued(secure: boolean, now = 1_000_000) {
  const cookies = sessionCookies({ appSecret: "app-secret", secure, now: () => now });
  const headers: string[] = [];
  cookies.issue({ append: (_n: string, v: string) => headers.push(v) } as unknown as Response, {
    tenantId: "ten_1",
    shop: "a.myshopify.com",
  });
  return headers[0]!;
}
const request = (cookie: string) =>
  ({ get: (name: string) => (name === "cookie" ? cookie : undefined) }) as unknown as Request;

describe("settings session cookie", () => {
  it("is HttpOnly, SameSite=Lax, scoped to /shopify, Secure on https", () => {
    expect(issued(true)).toMatch(
      /^alma_shopify_session=[\w-]+\.[\w-]+; Max-Age=28800; Path=\/shopify; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(issued(false)).not.toContain("Secure");
  });

  it("reads back what it signed, and nothing forged, tampered or expired", () => {
    const value = issued(false).split(";")[0]!;
    const cookies = sessionCookies({ appSecret: "app-secret", secure: false, now: () => 1_000_000 });
    expect(cookies.read(request(`other=1; ${value}`))).toEqual({
      tenantId: "ten_1",
      shop: "a.myshopify.com",
    });
    const [name, token] = value.split("=");
    const [payload, signature] = token!.split(".");
    const forged = Buffer.from(JSON.stringify({ t: "ten_2", s: "b.myshopify.com", e: 9e15 })).toString(
      "base64url",
    );
    expect(cookies.read(request(`${name}=${forged}.${signature}`))).toBeNull();
    expect(cookies.read(request(`${name}=${payload}.${signature!.slice(1)}x`))).toBeNull();
    expect(
      sessionCookies({ appSecret: "other", secure: false, now: () => 1_000_000 }).read(request(value)),
    ).toBeNull();
    expect(
      sessionCookies({ appSecret: "app-secret", secure: false, now: () => 1_000_000 + 9 * 3600_000 }).read(
        request(value),
      ),
    ).toBeNull();
    expect(cookies.read(request(""))).toBeNull();
  });
});
