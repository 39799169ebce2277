import type { AddressInfo } from "node:net";
import type { Storage } from "@alma-suite/core/storage";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminApi } from "./admin-api.ts";

const TOKEN = "admin-token-near-miss-000000001";
const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("admin API token near misses", () => {
  let url: string;
  let close: () => void;
  beforeAll(async () => {
    const storage = { listTenants: async () => [] } as unknown as Storage;
    const app = express().use(
      "/admin/api",
      adminApi({ storage, adminToken: TOKEN, checkPayment: async () => null }),
    );
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/api/tenants`;
    close = () => server.close();
  });
  afterAll(() => close());

  const status = async (token: string) =>
    (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;

  it("refuses a token one character off at its start and at its end", async () => {
    expect(await status(TOKEN)).toBe(200);
    expect(await status(flip(TOKEN, 0))).toBe(401);
    expect(await status(flip(TOKEN, TOKEN.length - 1))).toBe(401);
    expect(await status(TOKEN.slice(0, -1))).toBe(401);
  });
});
