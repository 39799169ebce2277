// @vitest-environment happy-dom
import { cleanup, screen } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { fakeDashboardApi } from "../testing/fake-dashboard-api.ts";
import { renderWithPolaris } from "../testing/render-with-polaris.tsx";
import { PaymentLinkPage } from "./payment-link-page.tsx";

afterEach(cleanup);

describe("payment link page", () => {
  it("checks the form, sends the link and says where it went, with a way to follow the payment", async () => {
    const fake = fakeDashboardApi({ session: { role: "merchant", tenantId: "t_shop" } });
    const user = userEvent.setup();
    renderWithPolaris(<PaymentLinkPage api={fake.api} tenantId="t_shop" notify={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Send the payment link" }));
    expect(screen.getByText("Enter the customer's phone or e-mail.")).toBeTruthy();
    expect(fake.calls.filter((c) => c.method === "createPaymentLink")).toEqual([]);

    await user.type(screen.getByLabelText("Amount (EUR)"), "1299.9");
    await user.type(screen.getByLabelText("Reference"), "STORE-PARIS-0042");
    await user.selectOptions(screen.getByLabelText("Instalments"), "10");
    await user.type(screen.getByLabelText("Customer phone"), "+33 6 12 34 56 78");
    // The customer's language is French unless staff choose otherwise, whatever the dashboard's.
    expect((screen.getByLabelText("Customer's language") as HTMLSelectElement).value).toBe("fr");
    await user.selectOptions(screen.getByLabelText("Customer's language"), "en");
    await user.click(screen.getByRole("button", { name: "Send the payment link" }));
    await screen.findByText("Link sent by SMS to +33 6** ** ** 78");
    expect(fake.calls.find((c) => c.method === "createPaymentLink")?.args[1]).toEqual({
      amountCents: 129990,
      reference: "STORE-PARIS-0042",
      installmentsCount: 10,
      customer: { phone: "+33612345678" },
      locale: "en",
    });
    expect(screen.getByRole("link", { name: "Follow the payment" }).getAttribute("href")).toBe(
      "#/tenants/t_shop/payments/pay_2",
    );
  });
});
