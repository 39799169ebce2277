import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { paymentViewSchema } from "../payments/payment-view.ts";
import { loadFixture } from "../testing/fixtures.ts";
import { generateWebhookSecret, isWebhookSecret, signWebhook, webhookHeaders } from "./webhook-signature.ts";

const body = JSON.stringify({
  type: "payment.accepted",
  timestamp: "2026-01-15T10:00:00.000Z",
  data: { amount: 45000 },
});

describe("Standard Webhooks signatures", () => {
  it("verifies with the reference implementation", () => {
    const secret = generateWebhookSecret();
    expect(isWebhookSecret(secret)).toBe(true);
    const headers = webhookHeaders({ id: "msg_1", timestampMs: Date.now(), body, secrets: [secret] });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("matches the specification's example signature", () => {
    // The example of the Standard Webhooks specification (and of its reference libraries' tests).
    const signature = signWebhook({
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
    });
    expect(signature).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("signs with both secrets during a rotation, so either verifies", () => {
    const [previous, current] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = webhookHeaders({
      id: "msg_2",
      timestampMs: Date.now(),
      body,
      secrets: [current, previous],
    });
    expect(headers["webhook-signature"]?.split(" ")).toHaveLength(2);
    expect(new Webhook(previous).verify(body, headers)).toBeTruthy();
    expect(new Webhook(current).verify(body, headers)).toBeTruthy();
  });

  it("fails verification for another secret, a changed body or a changed timestamp", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({ id: "msg_3", timestampMs: Date.now(), body, secrets: [secret] });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(secret).verify(body.replace("45000", "45001"), headers)).toThrow(
      WebhookVerificationError,
    );
    const later = { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) + 1) };
    expect(() => new Webhook(secret).verify(body, later)).toThrow(WebhookVerificationError);
  });

  it("signs a recorded delivery at run time (fixtures keep raw bodies, never signatures)", () => {
    const recorded = loadFixture<{ id: string; body: string }>("bridge", "webhooks/payment-accepted");
    const payload = JSON.parse(recorded.body);
    expect(paymentViewSchema.strict().safeParse(payload.data.payment).success).toBe(true);
    const secret = generateWebhookSecret();
    const headers = webhookHeaders({
      id: recorded.id,
      timestampMs: Date.now(),
      body: recorded.body,
      secrets: [secret],
    });
    expect(new Webhook(secret).verify(recorded.body, headers)).toEqual(payload);
  });

  it("refuses secrets that are not whsec_ + base64 of 24 to 64 bytes", () => {
    expect(isWebhookSecret("whsec_short")).toBe(false);
    expect(isWebhookSecret(`sk_${Buffer.alloc(32).toString("base64")}`)).toBe(false);
  });
});
