// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AdminProviders } from "../i18n/admin-providers.tsx";
import { chosenLanguage, LANGUAGE_STORAGE_KEY } from "../i18n/chosen-language.ts";
import { DashboardApp } from "./dashboard-app.tsx";
import { PaymentLinkPage } from "./pages/payment-link-page.tsx";
import { fakeDashboardApi } from "./testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "./testing/render-with-polaris.tsx";

beforeEach(() => {
  window.location.hash = "";
  window.localStorage.clear();
});
afterEach(cleanup);

describe("the dashboard's language", () => {
  it("is French by default", async () => {
    const fake = fakeDashboardApi({ session: null });
    render(
      <AdminProviders language={chosenLanguage("", window.localStorage)}>
        <DashboardApp api={fake.api} />
      </AdminProviders>,
    );
    await screen.findByRole("heading", { name: "Connexion au tableau de bord Alma", level: 1 });
    expect(screen.getByLabelText("Jeton d'administration")).toBeTruthy();
    expect(document.documentElement.lang).toBe("fr");
  });

  it("changes from the menu's selector at once, Polaris' own words included, and is remembered", async () => {
    const fake = fakeDashboardApi({ session: { role: "operator", tenantId: null } });
    const user = userEvent.setup();
    render(
      <AdminProviders language={chosenLanguage("", window.localStorage)}>
        <DashboardApp api={fake.api} />
      </AdminProviders>,
    );
    await screen.findByRole("heading", { name: "Marchands", level: 1 });
    expect(screen.getByRole("button", { name: "Activer le menu" })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText("Langue"), "en");
    await screen.findByRole("heading", { name: "Tenants", level: 1 });
    expect(screen.getByRole("button", { name: "Toggle menu" })).toBeTruthy();
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(chosenLanguage("", window.localStorage)).toBe("en");
  });

  it("shows the page's title in the top bar, for phone width where the name plate has no room", async () => {
    const fake = fakeDashboardApi({ session: { role: "operator", tenantId: null } });
    window.location.hash = "#/tenants/t_bridge/payments/pay_1";
    renderWithPolaris(<DashboardApp api={fake.api} />);
    await screen.findByRole("heading", { name: "Order PS-2026-000451", level: 1 });
    const topBar = document.querySelector(".Polaris-TopBar") as HTMLElement;
    await waitFor(() => expect(within(topBar).getByText("Order PS-2026-000451")).toBeTruthy());
    expect(document.title).toBe("Order PS-2026-000451 · Alma");
    // The heading takes focus for screen readers without being a Tab stop of its own.
    expect(screen.getByRole("heading", { level: 1 }).getAttribute("tabindex")).toBe("-1");
  });
});

describe("the payment link page", () => {
  it("says what Alma refused in a sentence, without Alma's field path", async () => {
    const fake = fakeDashboardApi({ session: { role: "operator", tenantId: null } });
    const api = {
      ...fake.api,
      createPaymentLink: async () => ({
        ok: false as const,
        status: 422,
        error: "Alma refused: payment.purchase_amount: must be between 50,00\u202f€ and 2\u202f000,00\u202f€",
      }),
    };
    const user = userEvent.setup();
    renderWithPolaris(<PaymentLinkPage api={api} tenantId="t_bridge" notify={() => {}} />);
    await user.type(await screen.findByLabelText("Amount (EUR)"), "20");
    await user.type(screen.getByLabelText("Reference"), "SHOP-POS-001");
    await user.type(screen.getByLabelText("Customer e-mail"), "claire@example.fr");
    await user.click(screen.getByRole("button", { name: "Send the payment link" }));
    await screen.findByText("Alma refused: the amount must be between €50.00 and €2,000.00 for this plan.");
    expect(document.body.textContent).not.toContain("payment.purchase_amount");
  });
});
