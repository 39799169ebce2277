import type { AddressInfo } from "node:net";
import express, { type Response } from "express";
import { describe, expect, it } from "vitest";
import { sessionCookies } from "../auth/session-cookie.ts";
import { dashboardRoute } from "./dashboard-route.ts";

const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function serve(loginLink: ((tenantId: string) => Promise<string>) | undefined) {
  const cookies = sessionCookies({ appSecret: "app-secret", secure: false, now: Date.now });
  const app = express();
  app.use("/shopify", dashboardRoute({ cookies, loginLink, logger: silent }));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const headers: string[] = [];
  cookies.issue({ append: (_n: string, v: string) => headers.push(v) } as unknown as Response, {
    tenantId: "ten_shop1",
    shop: "shop1.myshopify.com",
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/shopify/dashboard`,
    cookie: headers[0]?.split(";")[0] ?? "",
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe("GET /shopify/dashboard", () => {
  it("hands the signed-in shop over to a fresh login link for its own tenant", async () => {
    const asked: string[] = [];
    const { url, cookie, close } = await serve(async (tenantId) => {
      asked.push(tenantId);
      return `https://suite.example/dashboard/login/token-for-${tenantId}`;
    });
    try {
      const answer = await fetch(url, { headers: { cookie }, redirect: "manual" });
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe(
        "https://suite.example/dashboard/login/token-for-ten_shop1",
      );
      expect(asked).toEqual(["ten_shop1"]);
      // No cookie, or a tampered one, gets no link at all.
      expect((await fetch(url, { redirect: "manual" })).status).toBe(401);
      const tampered = cookie.replace("alma_shopify_session=", "alma_shopify_session=x");
      expect((await fetch(url, { headers: { cookie: tampered }, redirect: "manual" })).status).toBe(401);
      expect(asked).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("answers 503 when the server does not serve the dashboard", async () => {
    const { url, cookie, close } = await serve(undefined);
    try {
      expect((await fetch(url, { headers: { cookie }, redirect: "manual" })).status).toBe(503);
    } finally {
      await close();
    }
  });
});
