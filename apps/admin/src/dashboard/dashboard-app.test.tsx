// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DashboardApp } from "./dashboard-app.tsx";
import type { Session } from "./dashboard-types.ts";
import { fakeDashboardApi } from "./testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "./testing/render-with-polaris.tsx";

beforeEach(() => {
  window.location.hash = "";
});
afterEach(cleanup);

function open(session: Session | null) {
  const fake = fakeDashboardApi({ session, adminToken: "the-admin-token" });
  renderWithPolaris(<DashboardApp api={fake.api} />);
  return { fake, user: userEvent.setup() };
}

async function go(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent("hashchange"));
  });
}

describe("dashboard shell", () => {
  it("asks for the admin token, refuses a wrong one, then lists the tenants", async () => {
    const { user } = open(null);
    const token = await screen.findByLabelText("Admin token");
    await user.type(token, "not-it");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("This token is not the admin token.");
    await user.clear(token);
    await user.type(token, "the-admin-token");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { name: "Tenants", level: 1 });
    expect(window.location.hash).toBe("#/tenants");
    expect(screen.getByRole("link", { name: "Boutique Lyon" }).getAttribute("href")).toBe(
      "#/tenants/t_bridge",
    );
  });

  it("after signing in goes back to the screen the expired session was on", async () => {
    window.location.hash = "#/login?next=%23%2Ftenants%2Ft_bridge%2Fjobs";
    const { user } = open(null);
    await user.type(await screen.findByLabelText("Admin token"), "the-admin-token");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("heading", { name: "Jobs", level: 1 });
    expect(window.location.hash).toBe("#/tenants/t_bridge/jobs");
  });

  it("follows the hash to a payment and moves focus to its heading", async () => {
    open({ role: "operator", tenantId: null });
    await screen.findByRole("heading", { name: "Tenants", level: 1 });
    await go("#/tenants/t_bridge/payments/pay_1");
    const heading = await screen.findByRole("heading", { name: "Order PS-2026-000451", level: 1 });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it("keeps a merchant on its own tenant: home is its payments, other tenants are not found", async () => {
    open({ role: "merchant", tenantId: "t_shop" });
    await screen.findByRole("heading", { name: "Payments", level: 1 });
    await screen.findByRole("link", { name: "PS-2026-000451" });
    expect(screen.queryByLabelText("Tenant")).toBeNull();
    await go("#/tenants/t_bridge/payments/pay_1");
    await screen.findByText("Not found.");
  });

  it("shows webhook deliveries in the menu only for webhook-bridge tenants", async () => {
    open({ role: "operator", tenantId: null });
    await go("#/tenants/t_bridge/jobs");
    await screen.findByRole("link", { name: "Webhook deliveries" });
    await go("#/tenants/t_shop/jobs");
    await screen.findByRole("heading", { name: "Jobs", level: 1 });
    await waitFor(() => expect(screen.queryByRole("link", { name: "Webhook deliveries" })).toBeNull());
  });
});
