import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
const value = (toml: string, key: string) =>
  new RegExp(`^\\s*${key}\\s*=\\s*(.+)$`, "m").exec(toml)?.[1]?.trim();

/** The deploy files must point Shopify at the routes this plugin serves, with the promised abilities. */
describe("Shopify app and extension configuration", () => {
  const app = read("shopify.app.toml");
  const extension = read("extensions/alma-payments/shopify.extension.toml");

  it("declares a standalone app installed by OAuth, with the compliance webhooks", () => {
    expect(value(app, "embedded")).toBe("false");
    expect(value(app, "use_legacy_install_flow")).toBe("true");
    expect(value(app, "application_url")).toMatch(/\/shopify\/settings"$/);
    expect(value(app, "redirect_urls")).toMatch(/\/shopify\/auth\/callback"\]$/);
    expect(app).toMatch(
      /compliance_topics = \["customers\/data_request", "customers\/redact", "shop\/redact"\]/,
    );
    expect(app).toMatch(/topics = \["app\/uninstalled"\]/);
    expect([...app.matchAll(/uri = "([^"]+)"/g)].map((m) => new URL(m[1]!).pathname)).toEqual([
      "/shopify/webhooks",
      "/shopify/webhooks",
    ]);
  });

  it("declares an offsite payments extension on the session routes, pinned to the coded API version", () => {
    expect(value(extension, "type")).toBe('"payments_extension"');
    expect(value(extension, "target")).toBe('"payments.offsite.render"');
    expect(value(extension, "api_version")).toBe('"2026-07"');
    for (const [key, path] of [
      ["payment_session_url", "/shopify/payment-sessions"],
      ["refund_session_url", "/shopify/refund-sessions"],
      ["capture_session_url", "/shopify/capture-sessions"],
      ["void_session_url", "/shopify/void-sessions"],
    ] as const)
      expect(new URL(JSON.parse(value(extension, key) ?? '""')).pathname).toBe(path);
    expect(value(extension, "supports_installments")).toBe("true");
    expect(value(extension, "supports_deferred_payments")).toBe("true");
    expect(value(extension, "supports_3ds")).toBe("false");
    expect(value(extension, "test_mode_available")).toBe("true");
    expect(JSON.parse(value(extension, "merchant_label") ?? '""').length).toBeLessThanOrEqual(50);
  });
});
