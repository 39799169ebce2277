// @vitest-environment happy-dom
import { cleanup, screen, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { JobRow } from "../dashboard-types.ts";
import { fakeDashboardApi } from "../testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "../testing/render-with-polaris.tsx";
import { JobsPage } from "./jobs-page.tsx";

afterEach(cleanup);

const job = (id: string, type: string, state: JobRow["state"]): JobRow => ({
  id,
  type,
  state,
  attempts: state === "dead" ? 8 : 1,
  maxAttempts: 8,
  lastError: state === "done" ? null : "Alma answered 503",
  runAt: 0,
  updatedAt: 0,
  paymentId: null,
  orderRef: null,
});

/** The operator's dashboard API, holding `jobs`. */
const withJobs = (jobs: JobRow[]) =>
  fakeDashboardApi({ session: { role: "operator", tenantId: null }, data: { jobs } });

describe("jobs page", () => {
  it("counts jobs by state and offers Retry only on failed and dead jobs", async () => {
    const fake = withJobs([
      job("j1", "alma.refund", "dead"),
      job("j2", "bridge.deliver", "done"),
      job("j3", "ipn.process", "failed"),
    ]);
    const notices: string[] = [];
    renderWithPolaris(<JobsPage api={fake.api} tenantId="t_bridge" notify={(m) => notices.push(m)} />);
    await screen.findByText("alma.refund");
    expect(screen.getByText(/^Dead:/).textContent).toBe("Dead: 1");
    expect(screen.getByText(/^Done:/).textContent).toBe("Done: 1");
    const retries = screen.getAllByRole("button", { name: /^Retry / });
    expect(retries.map((b) => b.getAttribute("aria-label"))).toEqual([
      "Retry alma.refund",
      "Retry ipn.process",
    ]);
    await userEvent.setup().click(retries[0] as HTMLElement);
    const row = (await screen.findByText("alma.refund")).closest("tr") as HTMLElement;
    await within(row).findByText("Pending");
    expect(fake.calls.filter((c) => c.method === "retryJob").map((c) => c.args)).toEqual([
      ["t_bridge", "j1"],
    ]);
    expect(notices).toEqual(["alma.refund will run again"]);
  });
});

describe("jobs page, payment column", () => {
  it("names the payment each job works on and links to it; tenant-wide jobs show none", async () => {
    const fake = withJobs([
      { ...job("j1", "dashboard:refund", "failed"), paymentId: "pay_1", orderRef: "pos:SHOP-POS-001" },
      { ...job("j2", "bridge:reconcile", "done"), paymentId: null, orderRef: null },
    ]);
    renderWithPolaris(<JobsPage api={fake.api} tenantId="t_bridge" notify={() => {}} />);
    const link = await screen.findByRole("link", { name: "SHOP-POS-001" });
    expect(link.getAttribute("href")).toBe("#/tenants/t_bridge/payments/pay_1");
    expect(screen.getByRole("columnheader", { name: "Payment" })).toBeTruthy();
    const row = screen.getByText("Reconciliation").closest("tr") as HTMLElement;
    // The first column is the row header; the payment is the first cell after it.
    expect(within(row).getAllByRole("cell")[0]?.textContent).toBe("–");
    expect(screen.getByText("Dashboard refund")).toBeTruthy();
  });
});
