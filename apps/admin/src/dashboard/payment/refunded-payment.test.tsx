// @vitest-environment happy-dom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { PaymentDetail } from "../dashboard-types.ts";
import { fakeDashboardApi, paidPayment } from "../testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "../testing/render-with-polaris.tsx";
import { PaymentPage } from "./payment-page.tsx";

afterEach(cleanup);

const T = Date.UTC(2026, 11, 1, 10, 0);

/**
 * A €300.00 payment in three instalments, refunded in full after the first was paid: Alma closes
 * instalments 2 and 3 as "paid" for nothing. Its timeline as the server sends it (with `data`).
 */
function refundedPayment(): PaymentDetail {
  const base = paidPayment({
    id: "pay_9",
    platformOrderRef: "pos:SHOP-POS-001",
    amountCents: 30000,
    refundedCents: 30000,
    state: "refunded",
    channel: "pos",
  });
  return {
    ...base,
    refundableCents: 0,
    schedule: [10000, 0, 0].map((cents, i) => ({
      dueDate: T + i * 30 * 86_400_000,
      amountCents: cents,
      customerFeeCents: 0,
      totalCents: cents,
      state: "paid" as const,
      paidAt: T,
    })),
    refunds: [
      {
        id: "ref_1",
        amountCents: 30000,
        state: "succeeded",
        origin: "platform",
        platformRefundRef: "dashboard:pay_9:dashboard-7f3c2a",
        createdAt: T,
      },
    ],
    timeline: [
      {
        at: T,
        kind: "event",
        type: "refund.succeeded",
        detail: "refundId=ref_1, almaRefundId=refund_1, amountCents=30000",
        data: { refundId: "ref_1", almaRefundId: "refund_1", amountCents: 30000 },
      },
      {
        at: T + 1,
        kind: "event",
        type: "platform.recordRefund",
        detail: 'outcome={"status":"refunded","alreadyDone":false}',
        data: { outcome: { status: "refunded", alreadyDone: false } },
      },
      {
        at: T + 2,
        kind: "event",
        type: "refund.refused",
        detail:
          "amountCents=10000, reason=Alma refused the refund: payment.purchase_amount: must be between…",
        data: {
          amountCents: 10000,
          reason: "Alma refused the refund: payment.purchase_amount: must be between 50,00 € and 2 000,00 €",
        },
      },
    ],
  };
}

function open(language: "en" | "fr" = "en") {
  const fake = fakeDashboardApi({
    session: { role: "operator", tenantId: null },
    data: { payments: new Map([["pay_9", refundedPayment()]]) },
  });
  renderWithPolaris(
    <PaymentPage api={fake.api} tenantId="t_bridge" paymentId="pay_9" notify={() => {}} />,
    language,
  );
}

describe("a fully refunded payment", () => {
  it("shows the instalments the refund closed as cancelled, not as paid for €0.00", async () => {
    open();
    await screen.findByRole("heading", { name: "Order SHOP-POS-001", level: 1 });
    const rows = within(screen.getAllByRole("table")[0] as HTMLElement)
      .getAllByRole("row")
      .slice(1);
    // A badge's text starts with its tone for screen readers ("Success", "Info"…).
    expect(rows.map((r) => within(r).getAllByRole("cell").at(-1)?.textContent)).toEqual([
      expect.stringMatching(/Paid$/),
      expect.stringMatching(/Cancelled by the refund$/),
      expect.stringMatching(/Cancelled by the refund$/),
    ]);
    expect(rows.slice(1).map((r) => r.textContent)).toEqual([
      expect.not.stringContaining("€0.00"),
      expect.not.stringContaining("€0.00"),
    ]);
    expect(screen.getByText("1 of 3 instalments paid, 2 cancelled by the refund")).toBeTruthy();
    expect(screen.queryByText(/3 of 3/)).toBeNull();
  });

  it("says nothing is left to refund, not that only paid payments can be refunded", async () => {
    open();
    await screen.findByText("Nothing is left to refund on this payment.");
    expect(screen.queryByText("Only a paid payment can be refunded.")).toBeNull();
  });

  it("writes the timeline as sentences with money formatted, never key=value pairs or JSON", async () => {
    open();
    await screen.findByText("Alma refunded €300.00.");
    expect(screen.getByText("Recording the refund on the platform: done (refunded).")).toBeTruthy();
    expect(
      screen.getByText(
        "Alma refused the refund of €100.00. Reason: Alma refused: the amount must be between €50.00 and €2,000.00 for this plan.",
      ),
    ).toBeTruthy();
    const page = document.body.textContent ?? "";
    expect(page).not.toMatch(/amountCents|=\d|\{"|payment\.purchase_amount/);
  });

  it("names a dashboard refund's reference in words and hides the pos: prefix of in-store sales", async () => {
    open();
    await screen.findByText("Requested in this dashboard");
    const page = document.body.textContent ?? "";
    expect(page).not.toContain("dashboard:pay_9");
    expect(page).not.toContain("pos:");
  });

  it("reads in French with French money", async () => {
    open("fr");
    await screen.findByRole("heading", { name: "Commande SHOP-POS-001", level: 1 });
    expect(screen.getByText("Alma a remboursé 300,00 €.")).toBeTruthy();
    expect(screen.getAllByText("Annulée par le remboursement")).toHaveLength(2);
    expect(screen.getByText("Demandé depuis ce tableau de bord")).toBeTruthy();
    // French writes a (narrow) no-break space before "€"; compared here as plain spaces.
    const page = (document.body.textContent ?? "").replace(/\s/g, " ");
    // Never the English "€100.00" (cells run together in textContent, so "… €0,00 €" is French).
    expect(page).not.toMatch(/€\d+\.\d\d/);
    expect(page).toContain("100,00 €");
  });
});
