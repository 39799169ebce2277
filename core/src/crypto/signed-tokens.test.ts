import { describe, expect, it } from "vitest";
import { signedTokens } from "./signed-tokens.ts";

describe("signedTokens", () => {
  const session = signedTokens("server-secret", "session v1");

  it("gives back what it signed", () => {
    expect(session.verify(session.sign({ t: "tenant-1", e: 42 }))).toEqual({ t: "tenant-1", e: 42 });
  });

  it("refuses a token signed for another purpose or with another secret", () => {
    const data = { t: "tenant-1" };
    expect(session.verify(signedTokens("server-secret", "login link v1").sign(data))).toBeNull();
    expect(session.verify(signedTokens("other-secret", "session v1").sign(data))).toBeNull();
  });

  it("refuses an altered payload, an extra part and an oversized token", () => {
    const [, signature] = session.sign({ t: "tenant-1" }).split(".");
    const forged = `${Buffer.from(JSON.stringify({ t: "tenant-2" })).toString("base64url")}.${signature}`;
    expect(session.verify(forged)).toBeNull();
    expect(session.verify(`${session.sign({ t: "tenant-1" })}.x`)).toBeNull();
    expect(session.verify(session.sign({ pad: "x".repeat(2000) }))).toBeNull();
  });
});
