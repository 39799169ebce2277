import { describe, expect, it } from "vitest";
import { parseAmount, parseRefundAmount } from "./amount-check.ts";

describe("parseRefundAmount", () => {
  it("reads euros into exact integer cents", () => {
    expect(parseRefundAmount("12.3", 45000, "EUR")).toEqual({ ok: true, cents: 1230 });
    expect(parseRefundAmount("12,30", 45000, "EUR")).toEqual({ ok: true, cents: 1230 });
    expect(parseRefundAmount("0.29", 45000, "EUR")).toEqual({ ok: true, cents: 29 });
    expect(parseRefundAmount(" 150 ", 45000, "EUR")).toEqual({ ok: true, cents: 15000 });
  });

  it("treats an empty field as a full refund of what is left", () => {
    expect(parseRefundAmount("", 22500, "EUR")).toEqual({ ok: true, cents: 22500 });
  });

  it("rejects more than two decimals, non-amounts and zero", () => {
    expect(parseRefundAmount("12.345", 45000, "EUR")).toMatchObject({ ok: false });
    expect(parseRefundAmount("-5", 45000, "EUR")).toMatchObject({ ok: false });
    expect(parseRefundAmount("abc", 45000, "EUR")).toMatchObject({ ok: false });
    expect(parseRefundAmount("0", 45000, "EUR")).toMatchObject({
      ok: false,
      error: "Enter an amount above zero.",
    });
  });

  it("rejects an amount above what is refundable before anything is sent", () => {
    expect(parseRefundAmount("225.01", 22500, "EUR")).toEqual({
      ok: false,
      error: "At most €225.00 can be refunded.",
    });
    expect(parseRefundAmount("225", 22500, "EUR")).toEqual({ ok: true, cents: 22500 });
    expect(parseRefundAmount("", 0, "EUR")).toMatchObject({ ok: false });
  });
});

describe("parseAmount", () => {
  it("requires a positive amount with at most two decimals", () => {
    expect(parseAmount("149.9")).toEqual({ ok: true, cents: 14990 });
    expect(parseAmount("")).toMatchObject({ ok: false });
    expect(parseAmount("1.999")).toMatchObject({ ok: false });
  });
});
