import { describe, expect, it } from "vitest";
import { parseRoute, type Route, routeHash } from "./route.ts";

describe("parseRoute", () => {
  it("reads every screen from its hash", () => {
    expect(parseRoute("")).toEqual({ page: "tenants" });
    expect(parseRoute("#/login")).toEqual({ page: "login", next: null });
    expect(parseRoute("#/tenants")).toEqual({ page: "tenants" });
    expect(parseRoute("#/tenants/t_1")).toEqual({
      page: "section",
      tenantId: "t_1",
      section: "overview",
      states: [],
      q: "",
    });
    expect(parseRoute("#/tenants/t_1/jobs")).toMatchObject({ page: "section", section: "jobs" });
    expect(parseRoute("#/tenants/t_1/payments/pay_9")).toEqual({
      page: "payment",
      tenantId: "t_1",
      paymentId: "pay_9",
    });
  });

  it("keeps the payments filters in the URL", () => {
    expect(parseRoute("#/tenants/t_1/payments?state=paid,refunded&q=PS-12")).toEqual({
      page: "section",
      tenantId: "t_1",
      section: "payments",
      states: ["paid", "refunded"],
      q: "PS-12",
    });
  });

  it("decodes ids and says not-found for anything else", () => {
    expect(parseRoute("#/tenants/shop%2Fa/payments/p%201")).toMatchObject({
      tenantId: "shop/a",
      paymentId: "p 1",
    });
    expect(parseRoute("#/tenants/t_1/nope")).toEqual({ page: "not-found", hash: "#/tenants/t_1/nope" });
    expect(parseRoute("#/elsewhere")).toMatchObject({ page: "not-found" });
    expect(parseRoute("#/tenants/%E0%A4%A")).toMatchObject({ page: "not-found" });
  });

  it("goes back only to a screen of this app after signing in", () => {
    expect(parseRoute("#/login?next=%23%2Ftenants%2Ft_1%2Fjobs")).toEqual({
      page: "login",
      next: "#/tenants/t_1/jobs",
    });
    expect(parseRoute("#/login?next=https%3A%2F%2Fevil.example")).toEqual({ page: "login", next: null });
    expect(parseRoute("#/login?next=%23%2Flogin")).toEqual({ page: "login", next: null });
  });

  it("round-trips through routeHash", () => {
    const routes: Route[] = [
      { page: "login", next: null },
      { page: "login", next: "#/tenants/t/payments?state=paid&q=A" },
      { page: "tenants" },
      { page: "payment", tenantId: "shop/a", paymentId: "p 1" },
      { page: "section", tenantId: "t", section: "overview", states: [], q: "" },
      { page: "section", tenantId: "t", section: "payments", states: ["paid", "in_progress"], q: "A&B" },
      { page: "section", tenantId: "t", section: "outbox", states: [], q: "" },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
