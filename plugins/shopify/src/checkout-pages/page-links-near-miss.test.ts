import { describe, expect, it } from "vitest";
import { pageLinks } from "./page-links.ts";

const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("checkout page link signature near misses", () => {
  const links = pageLinks({ publicUrl: "https://app.example", signingKey: "shpss_secret" });
  const genuine = links.signature("ten_1", "pay_1");
  it("refuses a signature one character off at its start and at its end, or for another link", () => {
    expect(links.verify("ten_1", "pay_1", genuine)).toBe(true);
    expect(links.verify("ten_1", "pay_1", flip(genuine, 0))).toBe(false);
    expect(links.verify("ten_1", "pay_1", flip(genuine, genuine.length - 1))).toBe(false);
    expect(links.verify("ten_1", "pay_2", genuine)).toBe(false);
    expect(links.verify("ten_1", "pay_1", undefined)).toBe(false);
  });
  it("signs cancel URLs apart from checkout links: one cannot stand in for the other", () => {
    const url = links.cancelUrl("ten_1", "pay_1");
    const cancelSignature = url.split("/").pop() ?? "";
    expect(url.startsWith("https://app.example/shopify/cancel/ten_1/pay_1/")).toBe(true);
    expect(links.verifyCancel("ten_1", "pay_1", cancelSignature)).toBe(true);
    expect(links.verifyCancel("ten_1", "pay_1", flip(cancelSignature, 0))).toBe(false);
    expect(links.verifyCancel("ten_1", "pay_1", flip(cancelSignature, cancelSignature.length - 1))).toBe(
      false,
    );
    expect(links.verifyCancel("ten_1", "pay_2", cancelSignature)).toBe(false);
    expect(links.verifyCancel("ten_1", "pay_1", genuine)).toBe(false);
    expect(links.verify("ten_1", "pay_1", cancelSignature)).toBe(false);
  });
});
