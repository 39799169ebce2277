import type { AddressInfo } from "node:net";
import type { Storage } from "@alma-suite/core/storage";
import express from "express";
import { describe, expect, it } from "vitest";
import { adminApi } from "./admin-api.ts";

describe("admin API root", () => {
  it("says what is there and how to authenticate, without a token and without secrets", async () => {
    const storage = {} as unknown as Storage;
    const app = express().use(
      "/admin/api",
      adminApi({ storage, adminToken: "admin-token-root-000000000001", checkPayment: async () => null }),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api`);
    server.close();
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { routes: string[] };
    expect(body.routes).toContain("GET /admin/api/jobs?state=&type=&limit=");
    expect(JSON.stringify(body)).not.toContain("admin-token-root");
  });
});
