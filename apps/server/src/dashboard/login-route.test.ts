import type { AddressInfo } from "node:net";
import { memoryStorage } from "@alma-suite/core/testing";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import type { DashboardContext } from "./dashboard-context.ts";
import { dashboardSessions } from "./dashboard-session.ts";
import { loginLinks } from "./login-links.ts";
import { loginRoute } from "./session-routes.ts";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function serve() {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "m", name: "M" });
  let now = 1_800_000_000_000;
  const warnings: unknown[] = [];
  const links = loginLinks({
    secret: "s".repeat(32),
    storage,
    publicUrl: "https://x.example",
    now: () => now,
  });
  const ctx = {
    links,
    sessions: dashboardSessions({ secret: "t".repeat(32), secure: false, now: () => now }),
    logger: {
      info: () => {},
      warn: (data: unknown) => warnings.push(data),
      error: () => {},
      debug: () => {},
    },
  } as unknown as DashboardContext;
  const app = express();
  app.use("/dashboard", loginRoute(ctx));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const path = (url: string) => `${base}${new URL(url).pathname}`;
  return {
    mint: () => path(links.mint(tenant.id).url),
    advance: (ms: number) => {
      now += ms;
    },
    warnings,
  };
}

const open = (url: string, headers: Record<string, string>) => fetch(url, { headers, redirect: "manual" });

describe("a login link that no longer works", () => {
  it("shows a browser a French page saying it was already used and how to get a new one", async () => {
    const { mint, warnings } = await serve();
    const url = mint();
    expect((await open(url, { accept: BROWSER_ACCEPT })).status).toBe(303);
    const reused = await open(url, { accept: BROWSER_ACCEPT, "accept-language": "fr-FR,fr;q=0.9" });
    expect(reused.status).toBe(410);
    expect(reused.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await reused.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain("Ce lien de connexion a déjà servi.");
    expect(page).toContain("npx alma-suite tenants login-link");
    expect(page).not.toContain('"error"');
    expect(warnings).toHaveLength(1);
  });

  it("is French when the browser names no language, English when it prefers English", async () => {
    const { mint, advance } = await serve();
    const first = mint();
    const second = mint();
    advance(16 * 60_000);
    const plain = await (await open(first, { accept: BROWSER_ACCEPT })).text();
    expect(plain).toContain("Ce lien de connexion a expiré");
    const english = await open(second, {
      accept: BROWSER_ACCEPT,
      "accept-language": "en-GB,en;q=0.9,fr;q=0.5",
    });
    expect(english.status).toBe(410);
    const page = await english.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("This login link has expired");
    expect(page).toContain("administrator or your Alma operator for a new link.");
  });

  it("keeps the JSON answer for clients asking for JSON", async () => {
    const { mint } = await serve();
    const url = mint();
    await open(url, { accept: "application/json" });
    const reused = await open(url, { accept: "application/json" });
    expect(reused.status).toBe(410);
    expect(await reused.json()).toEqual({
      error: "this login link was already used: ask for a new one",
      reason: "used",
    });
  });
});
