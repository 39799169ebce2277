import { describe, expect, it } from "vitest";
import { demoText } from "../demo-text.ts";
import { canMove, ORDER_STATUSES, statusNotice } from "./order-status.ts";

const en = demoText("en");
const fr = demoText("fr");

describe("canMove", () => {
  it("moves forward through payment and refunds", () => {
    expect(canMove("pending", "paid")).toBe(true);
    expect(canMove("paid", "partially_refunded")).toBe(true);
    expect(canMove("partially_refunded", "refunded")).toBe(true);
    expect(canMove("pending", "refused")).toBe(true);
  });

  it("ignores news that is out of date: a late acceptance after a refund, a refusal after payment", () => {
    expect(canMove("refunded", "paid")).toBe(false);
    expect(canMove("paid", "refused")).toBe(false);
    expect(canMove("refused", "paid")).toBe(false);
    expect(canMove("paid", "paid")).toBe(false);
  });

  it("has a message for every status", () => {
    for (const status of ORDER_STATUSES) expect(statusNotice(status, en).message.length).toBeGreaterThan(10);
    expect(statusNotice("refused", en)).toMatchObject({ tone: "bad", label: "Payment refused" });
  });

  it("says every status in French too, and never shows a message key", () => {
    for (const status of ORDER_STATUSES) {
      const notice = statusNotice(status, fr);
      expect(notice.label).not.toContain("status.");
      expect(notice.message).not.toBe(statusNotice(status, en).message);
    }
    expect(statusNotice("paid", fr).label).toBe("Payée");
  });
});
