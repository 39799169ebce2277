// @vitest-environment happy-dom
import { cleanup, screen, waitFor } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DashboardApp } from "../dashboard-app.tsx";
import type { PaymentDetail } from "../dashboard-types.ts";
import { fakeDashboardApi, paidPayment } from "../testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "../testing/render-with-polaris.tsx";
import { PaymentsPage } from "./payments-page.tsx";

beforeEach(() => {
  window.location.hash = "";
});
afterEach(cleanup);

function payments(count: number): Map<string, PaymentDetail> {
  return new Map(
    Array.from({ length: count }, (_, i) => {
      const detail = paidPayment({
        id: `pay_${i}`,
        platformOrderRef: `PS-${1000 + i}`,
        state: i % 2 ? "paid" : "refunded",
      });
      return [detail.payment.id, detail] as const;
    }),
  );
}

describe("payments page", () => {
  it("pages through the list with the server's cursor and back", async () => {
    const fake = fakeDashboardApi({
      session: { role: "operator", tenantId: null },
      data: { payments: payments(53) },
    });
    const user = userEvent.setup();
    renderWithPolaris(<PaymentsPage api={fake.api} tenantId="t_bridge" notify={() => {}} states={[]} q="" />);
    await screen.findByRole("link", { name: "PS-1000" });
    expect(screen.getAllByRole("link", { name: /^PS-/ })).toHaveLength(50);
    await user.click(screen.getByRole("button", { name: "Next" }));
    await screen.findByRole("link", { name: "PS-1050" });
    expect(screen.getAllByRole("link", { name: /^PS-/ }).map((a) => a.textContent)).toEqual([
      "PS-1050",
      "PS-1051",
      "PS-1052",
    ]);
    await user.click(screen.getByRole("button", { name: "Previous" }));
    await screen.findByRole("link", { name: "PS-1000" });
  });

  it("puts the state filter and the order reference search in the URL, and lists what they select", async () => {
    const fake = fakeDashboardApi({
      session: { role: "operator", tenantId: null },
      data: { payments: payments(4) },
    });
    const user = userEvent.setup();
    window.location.hash = "#/tenants/t_bridge/payments";
    renderWithPolaris(<DashboardApp api={fake.api} />);
    await screen.findByRole("link", { name: "PS-1000" });
    await user.selectOptions(screen.getByLabelText("State"), "refunded");
    expect(window.location.hash).toBe("#/tenants/t_bridge/payments?state=refunded");
    await waitFor(() => expect(screen.queryByRole("link", { name: "PS-1001" })).toBeNull());
    await user.type(screen.getByLabelText("Order reference"), "PS-1002");
    await user.click(screen.getByRole("button", { name: "Search" }));
    expect(window.location.hash).toBe("#/tenants/t_bridge/payments?state=refunded&q=PS-1002");
    await waitFor(() => expect(screen.queryByRole("link", { name: "PS-1000" })).toBeNull());
    expect(screen.getAllByRole("link", { name: /^PS-/ }).map((a) => a.textContent)).toEqual(["PS-1002"]);
    expect(fake.calls.filter((c) => c.method === "payments").at(-1)?.args[1]).toMatchObject({
      states: ["refunded"],
      q: "PS-1002",
    });
  });
});
