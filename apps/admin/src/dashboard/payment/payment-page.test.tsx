// @vitest-environment happy-dom
import { cleanup, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fakeDashboardApi, paidPayment } from "../testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "../testing/render-with-polaris.tsx";
import { PaymentPage } from "./payment-page.tsx";

afterEach(cleanup);

function openPayment() {
  const fake = fakeDashboardApi({ session: { role: "operator", tenantId: null } });
  const notices: string[] = [];
  renderWithPolaris(
    <PaymentPage api={fake.api} tenantId="t_bridge" paymentId="pay_1" notify={(m) => notices.push(m)} />,
  );
  return { fake, notices, user: userEvent.setup() };
}

describe("payment page", () => {
  it("shows amounts to the cent, the plan, the schedule with paid and pending instalments, and the order link", async () => {
    openPayment();
    await screen.findByRole("heading", { name: "Order PS-2026-000451", level: 1 });
    expect(screen.getAllByText("€450.00").length).toBeGreaterThan(0);
    expect(screen.getByText("3 instalments")).toBeTruthy();
    expect(screen.getByText("1 of 3 instalments paid")).toBeTruthy();
    const rows = screen.getAllByRole("row").filter((r) => within(r).queryAllByText("€150.00").length > 0);
    expect(rows.map((r) => within(r).queryByText(/^(Paid|Pending)$/)?.textContent)).toEqual([
      "Paid",
      "Pending",
      "Pending",
    ]);
    expect(screen.getByRole("link", { name: /Open the order/ }).getAttribute("href")).toBe(
      "https://shop.example/admin/orders/451",
    );
    expect(screen.getByText("payment.paid")).toBeTruthy();
    // Where the payment lives at Alma, and the server's checks of it (none left: it is paid).
    expect(screen.getByText("Test")).toBeTruthy();
    expect(screen.getByText("None (0 check(s) made)")).toBeTruthy();
  });

  it("refuses an amount above what is refundable or with three decimals before sending anything", async () => {
    const { fake, user } = openPayment();
    const field = await screen.findByLabelText("Amount to refund (EUR)");
    await user.type(field, "450.01");
    await user.click(screen.getByRole("button", { name: "Refund…" }));
    expect(screen.getByText("At most €450.00 can be refunded.")).toBeTruthy();
    await user.clear(field);
    await user.type(field, "12.345");
    await user.click(screen.getByRole("button", { name: "Refund…" }));
    expect(screen.getByText(/at most two decimals/)).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fake.calls.filter((c) => c.method === "refund")).toEqual([]);
  });

  it("confirms a partial refund in a dialog, sends it in cents and shows the new refundable amount", async () => {
    const { fake, notices, user } = openPayment();
    await user.type(await screen.findByLabelText("Amount to refund (EUR)"), "12.3");
    await user.click(screen.getByRole("button", { name: "Refund…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Refund €12.30 of €450.00 refundable?")).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Refund €12.30" }));
    await screen.findByText("€437.70");
    const sent = fake.calls.filter((c) => c.method === "refund");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args[2]).toMatchObject({
      amountCents: 1230,
      idempotencyKey: expect.stringMatching(/^dashboard-/),
    });
    expect(notices).toEqual(["Refund of €12.30 requested"]);
    // The new refund's row: recorded at Alma with a dashboard reference, it reads as the dashboard's.
    expect(screen.getByText("dashboard")).toBeTruthy();
    expect(screen.getByText("Requested in this dashboard")).toBeTruthy();
  });

  it("sends nothing when the dialog is cancelled, and an empty field refunds everything left", async () => {
    const { fake, user } = openPayment();
    await user.click(await screen.findByRole("button", { name: "Refund…" }));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText("Refund €450.00 of €450.00 refundable?")).toBeTruthy();
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(fake.calls.filter((c) => c.method === "refund")).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Refund…" }));
    await user.click(
      within(await screen.findByRole("dialog")).getByRole("button", { name: "Refund €450.00" }),
    );
    await screen.findByText("Nothing is left to refund on this payment.");
    expect(fake.calls.filter((c) => c.method === "refund")[0]?.args[2]).toMatchObject({ amountCents: 45000 });
  });

  it("offers no refund on a payment that is not paid yet", async () => {
    const fake = fakeDashboardApi({
      session: { role: "operator", tenantId: null },
      data: { payments: new Map([["pay_1", paidPayment({ state: "pending" })]]) },
    });
    renderWithPolaris(<PaymentPage api={fake.api} tenantId="t_bridge" paymentId="pay_1" notify={() => {}} />);
    await screen.findByText("Only a paid payment can be refunded.");
    expect(screen.queryByRole("button", { name: "Refund…" })).toBeNull();
  });

  it("sends the merchant to the platform when its refunds must start there (Shopify)", async () => {
    const where = "Refund this order from your Shopify admin: Shopify then asks Alma through the app.";
    const fake = fakeDashboardApi({
      session: { role: "operator", tenantId: null },
      data: { payments: new Map([["pay_1", paidPayment({ refundElsewhere: where })]]) },
    });
    renderWithPolaris(<PaymentPage api={fake.api} tenantId="t_shop" paymentId="pay_1" notify={() => {}} />);
    await screen.findByText(where);
    expect(screen.queryByLabelText("Amount to refund (EUR)")).toBeNull();
    expect(screen.queryByRole("button", { name: "Refund…" })).toBeNull();
  });
});
