import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE, sessionCookies } from "./session-cookie.ts";

const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("settings session cookie near misses", () => {
  const cookies = sessionCookies({ appSecret: "app-secret", secure: false, now: () => 1_000_000 });
  const headers: string[] = [];
  cookies.issue({ append: (_n: string, v: string) => headers.push(v) } as unknown as Response, {
    tenantId: "ten_1",
    shop: "a.myshopify.com",
  });
  const [payload = "", signature = ""] = (headers[0] ?? "").split(";")[0]!.split("=")[1]!.split(".");
  const read = (sig: string) =>
    cookies.read({
      get: (name: string) => (name === "cookie" ? `${SESSION_COOKIE}=${payload}.${sig}` : undefined),
    } as unknown as Request);

  it("refuses a cookie whose signature is one character off at its start and at its end", () => {
    expect(read(signature)).toEqual({ tenantId: "ten_1", shop: "a.myshopify.com" });
    expect(read(flip(signature, 0))).toBeNull();
    expect(read(flip(signature, signature.length - 1))).toBeNull();
  });
});
