import { describe, expect, it } from "vitest";
import { allowSelfWebhooks } from "./allow-self-webhooks.ts";

describe("allowSelfWebhooks", () => {
  it("adds this server's loopback address to the bridge's allow-list, keeping the operator's entries", () => {
    expect(allowSelfWebhooks({}).BRIDGE_WEBHOOK_ALLOWED_HOSTS).toBe("127.0.0.1");
    expect(
      allowSelfWebhooks({ BRIDGE_WEBHOOK_ALLOWED_HOSTS: "10.0.0.0/8, hooks.local" })
        .BRIDGE_WEBHOOK_ALLOWED_HOSTS,
    ).toBe("10.0.0.0/8,hooks.local,127.0.0.1");
    const already = { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", OTHER: "x" };
    expect(allowSelfWebhooks(already)).toBe(already);
  });
});
