import { describe, expect, it } from "vitest";
import { loadConfig } from "./load-config.ts";

describe("loadConfig", () => {
  it("defaults to the embedded SQLite and the sandbox", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: "./data",
      databaseUrl: undefined,
      alma: { mode: "sandbox" },
    });
  });
  it("reads the Alma mode from the key prefix", () => {
    expect(loadConfig({ ALMA_API_KEY: "sk_live_abc123" }).alma).toMatchObject({ mode: "live" });
    expect(
      loadConfig({ ALMA_API_KEY: "sk_test_abc123", ALMA_API_URL: "http://127.0.0.1:4010" }).alma,
    ).toEqual({
      mode: "test",
      apiKey: "sk_test_abc123",
      baseUrl: "http://127.0.0.1:4010",
    });
  });
  it("looks for due payment checks every minute unless told otherwise (0 = off)", () => {
    expect(loadConfig({}).paymentWatchIntervalMs).toBe(60_000);
    expect(loadConfig({ PAYMENT_WATCH_INTERVAL_MS: "0" }).paymentWatchIntervalMs).toBe(0);
    expect(() => loadConfig({ PAYMENT_WATCH_INTERVAL_MS: "-5" })).toThrow(/PAYMENT_WATCH_INTERVAL_MS/);
  });
  it("runs the sandbox with every notification unless asked to behave like Alma", () => {
    expect(loadConfig({}).sandbox).toEqual({
      notifications: "all",
      ipnDelayMs: undefined,
      triggerState: "scored_yes",
    });
    expect(
      loadConfig({
        ALMA_SANDBOX_NOTIFICATIONS: "like_alma",
        ALMA_SANDBOX_IPN_DELAY_MS: "200",
        ALMA_SANDBOX_TRIGGER_STATE: "in_progress",
      }).sandbox,
    ).toEqual({ notifications: "like_alma", ipnDelayMs: 200, triggerState: "in_progress" });
    expect(() => loadConfig({ ALMA_SANDBOX_NOTIFICATIONS: "some" })).toThrow(/ALMA_SANDBOX_NOTIFICATIONS/);
  });
  it("treats blank variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: " " }).port).toBe(3000);
  });
  it("names every bad variable", () => {
    expect(() => loadConfig({ PORT: "http", ALMA_API_KEY: "pk_123", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*ALMA_API_KEY|PORT[\s\S]*ALMA_API_KEY[\s\S]*DATABASE_URL/,
    );
    const error = (() => {
      try {
        loadConfig({ ALMA_API_KEY: "sk_nope_secret" });
      } catch (caught) {
        return String(caught);
      }
      return "did not throw";
    })();
    expect(error).toContain("ALMA_API_KEY: must be an Alma secret key");
    expect(error).not.toContain("sk_nope_secret");
  });
  it("reads rate limits as rates per second over a window, 0 turning one off", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      windowMs: 10_000,
      ipnPerSecond: 50,
      platformPerSecond: 50,
      ipPerSecond: 100,
    });
    expect(
      loadConfig({ RATE_LIMIT_IPN_PER_SECOND: "0", RATE_LIMIT_WINDOW_SECONDS: "60" }).rateLimits,
    ).toMatchObject({
      windowMs: 60_000,
      ipnPerSecond: 0,
    });
    expect(() => loadConfig({ RATE_LIMIT_IP_PER_SECOND: "-1" })).toThrow(/RATE_LIMIT_IP_PER_SECOND/);
  });
});
