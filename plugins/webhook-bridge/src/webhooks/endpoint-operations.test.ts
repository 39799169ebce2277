import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { seedEvent } from "../testing/seed.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.ts";
import { attemptViewSchema, endpointViewSchema, messageViewSchema } from "./webhook-views.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let receiver: WebhookReceiver;
  let key: string;
  let base: string;
  let merchantId: string;

  beforeAll(async () => {
    h = await startBridgeHarness({ postgres });
    receiver = await startWebhookReceiver();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.respond = () => ({ status: 204 });
    const setup = await setupMerchant(h, `m-${Math.random().toString(36).slice(2, 8)}`);
    ({ key, base } = setup);
    merchantId = setup.merchant.id;
  });
  afterAll(async () => {
    await h.close();
    await receiver.close();
  });

  async function createEndpoint(body: Record<string, unknown> = {}) {
    const answer = await h.api("POST", `${base}/endpoints`, { key, body: { url: receiver.url, ...body } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body as { id: string; secret: string };
  }

  describe("webhook endpoints", () => {
    it("creates an endpoint with a whsec_ secret, lists, updates and deletes it", async () => {
      const created = await createEndpoint({
        description: "ERP",
        event_types: ["payment.accepted", "payment.refunded"],
      });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
      endpointViewSchema.extend({ secret: endpointViewSchema.shape.id }).strict().parse(created);
      expect((await h.api("GET", `${base}/endpoints/${created.id}/secret`, { key })).body.secret).toBe(
        created.secret,
      );
      const patched = await h.api("PATCH", `${base}/endpoints/${created.id}`, {
        key,
        body: { enabled: false, event_types: null },
      });
      expect(patched.body).toMatchObject({ enabled: false, event_types: null });
      expect((await h.api("GET", `${base}/endpoints`, { key })).body.data).toHaveLength(1);
      expect((await h.api("DELETE", `${base}/endpoints/${created.id}`, { key })).status).toBe(204);
      expect((await h.api("GET", `${base}/endpoints/${created.id}`, { key })).body.type).toBe(
        "/bridge/problems/endpoint-not-found",
      );
    });

    it("refuses private, loopback and link-local destinations that are not allow-listed", async () => {
      for (const url of [
        "http://10.0.0.5/hook",
        "http://169.254.169.254/latest",
        "http://[::1]:8080/",
        "http://127.0.0.2/x",
      ]) {
        const answer = await h.api("POST", `${base}/endpoints`, { key, body: { url } });
        expect(answer.status, url).toBe(422);
        expect(answer.body).toMatchObject({ type: "/bridge/problems/destination-not-allowed", field: "url" });
      }
      const created = await createEndpoint();
      const moved = await h.api("PATCH", `${base}/endpoints/${created.id}`, {
        key,
        body: { url: "http://192.168.1.1/x" },
      });
      expect(moved.body.type).toBe("/bridge/problems/destination-not-allowed");
      const unknownType = await h.api("POST", `${base}/endpoints`, {
        key,
        body: { url: receiver.url, event_types: ["payment.exploded"] },
      });
      expect(unknownType.body).toMatchObject({ status: 422, field: "event_types.0" });
    });

    it("sends a test event that verifies with the endpoint's secret", async () => {
      const endpoint = await createEndpoint({ event_types: ["payment.paid"] });
      const sent = await h.api("POST", `${base}/endpoints/${endpoint.id}/test`, { key });
      expect(sent.status).toBe(202);
      await h.worker.drain();
      const [delivery] = await receiver.waitFor(1);
      expect(delivery?.headers["webhook-id"]).toBe(sent.body.message_id);
      expect(
        new Webhook(endpoint.secret).verify(delivery?.body ?? "", delivery?.headers ?? {}),
      ).toMatchObject({
        type: "webhook.test",
        data: { endpoint_id: endpoint.id },
      });
      const message = await h.api("GET", `${base}/messages/${sent.body.message_id}`, { key });
      expect(message.body.deliveries).toMatchObject([{ origin: "test", status: "succeeded", attempts: 1 }]);
      expect(message.body.attempts).toMatchObject([
        { attempt: 1, status: "succeeded", response_status: 204 },
      ]);
      attemptViewSchema.strict().parse(message.body.attempts[0]);
    });

    it("signs with both secrets during a rotation, then with the new one only", async () => {
      const endpoint = await createEndpoint();
      const rotated = await h.api("POST", `${base}/endpoints/${endpoint.id}/secret/rotate`, { key });
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      await h.api("POST", `${base}/endpoints/${endpoint.id}/test`, { key });
      await h.worker.drain();
      const [during] = await receiver.waitFor(1);
      expect(during?.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
      expect(new Webhook(endpoint.secret).verify(during?.body ?? "", during?.headers ?? {})).toBeTruthy();
      expect(new Webhook(rotated.body.secret).verify(during?.body ?? "", during?.headers ?? {})).toBeTruthy();
      // The agency lost the answer and retries: refused, since that would drop the old secret
      // before its promised end; reading the secret gives the new one and the overlap's end.
      const again = await h.api("POST", `${base}/endpoints/${endpoint.id}/secret/rotate`, { key });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/previous secret still signs until/);
      const read = await h.api("GET", `${base}/endpoints/${endpoint.id}/secret`, { key });
      expect(read.body).toEqual({
        secret: rotated.body.secret,
        previous_valid_until: rotated.body.previous_valid_until,
      });

      const fast = await startBridgeHarness({ postgres, env: { BRIDGE_SECRET_OVERLAP_MS: "0" } });
      try {
        const other = await setupMerchant(fast);
        const created = await fast.api("POST", `${other.base}/endpoints`, {
          key: other.key,
          body: { url: receiver.url },
        });
        // A delivery with the old secret first: the worker keeps the secrets it read, and the
        // first delivery after the rotation must still sign with the new one.
        await fast.api("POST", `${other.base}/endpoints/${created.body.id}/test`, { key: other.key });
        await fast.worker.drain();
        const [before] = (await receiver.waitFor(2)).slice(1);
        expect(
          new Webhook(created.body.secret).verify(before?.body ?? "", before?.headers ?? {}),
        ).toBeTruthy();
        const next = await fast.api("POST", `${other.base}/endpoints/${created.body.id}/secret/rotate`, {
          key: other.key,
        });
        await fast.api("POST", `${other.base}/endpoints/${created.body.id}/test`, { key: other.key });
        await fast.worker.drain();
        const [after] = (await receiver.waitFor(3)).slice(2);
        expect(after?.headers["webhook-signature"]?.split(" ")).toHaveLength(1);
        expect(new Webhook(next.body.secret).verify(after?.body ?? "", after?.headers ?? {})).toBeTruthy();
        expect(() =>
          new Webhook(created.body.secret).verify(after?.body ?? "", after?.headers ?? {}),
        ).toThrow();
      } finally {
        await fast.close();
      }
    });

    it("replays one message with the same webhook-id, and everything a failing endpoint missed", async () => {
      receiver.respond = () => ({ status: 500 });
      const endpoint = await createEndpoint();
      const merchant = await h.storage.getTenant(merchantId);
      if (!merchant) throw new Error("no merchant");
      const first = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", "r1");
      await seedEvent(h.bridge.ctx, merchant, "payment.paid", "r2");
      await h.worker.drain();
      expect(receiver.received).toHaveLength(2);

      receiver.respond = () => ({ status: 200 });
      const replay = await h.api("POST", `${base}/messages/${first.message.id}/replay`, { key, body: {} });
      expect(replay.status).toBe(202);
      expect(replay.body.deliveries).toMatchObject([
        { endpoint_id: endpoint.id, origin: "replay", status: "pending" },
      ]);
      await h.worker.drain();
      expect(receiver.received.at(-1)?.headers["webhook-id"]).toBe(first.message.id);

      const since = await h.api("POST", `${base}/endpoints/${endpoint.id}/replay`, {
        key,
        body: { since: new Date(Date.now() - 60_000).toISOString() },
      });
      expect(since.status).toBe(202);
      await h.worker.drain();
      // Only the message it never received (r2) went again: r1 had just been delivered by its replay.
      // (The first two went out concurrently, in either order.)
      const types = receiver.received.map((r) => JSON.parse(r.body).type);
      expect([...types.slice(0, 2).sort(), ...types.slice(2)]).toEqual([
        "payment.accepted",
        "payment.paid",
        "payment.accepted",
        "payment.paid",
      ]);
      const all = await h.api("POST", `${base}/endpoints/${endpoint.id}/replay`, {
        key,
        body: { since: new Date(Date.now() - 60_000).toISOString(), only_failed: false },
      });
      expect(all.status).toBe(202);
      await h.worker.drain();
      expect(receiver.received).toHaveLength(6);

      const attempts = await h.api("GET", `${base}/endpoints/${endpoint.id}/attempts?limit=3`, { key });
      expect(attempts.body.data).toHaveLength(3);
      expect(attempts.body.has_more).toBe(true);
      const next = await h.api(
        "GET",
        `${base}/endpoints/${endpoint.id}/attempts?limit=3&cursor=${attempts.body.next_cursor}`,
        { key },
      );
      expect(next.body.data).toHaveLength(3);
      expect(next.body.has_more).toBe(false);
      const failed = await h.api("GET", `${base}/endpoints/${endpoint.id}/attempts?status=failed`, { key });
      expect(failed.body.data.map((a: { response_status: number }) => a.response_status)).toEqual([500, 500]);

      const messages = await h.api("GET", `${base}/messages?event_type=payment.paid`, { key });
      expect(messages.body.data).toHaveLength(1);
      messageViewSchema.strict().parse(messages.body.data[0]);
    });

    it("refuses replays to a disabled endpoint and cannot reach another merchant's endpoint", async () => {
      const endpoint = await createEndpoint({ enabled: false });
      const replay = await h.api("POST", `${base}/endpoints/${endpoint.id}/replay`, {
        key,
        body: { since: new Date().toISOString() },
      });
      expect(replay.body.type).toBe("/bridge/problems/invalid-state");
      const other = await setupMerchant(h, "someone-else");
      const foreign = await h.api("GET", `${other.base}/endpoints/${endpoint.id}`, { key: other.key });
      expect(foreign.body.type).toBe("/bridge/problems/endpoint-not-found");
      const badSince = await h.api("POST", `${base}/endpoints/${endpoint.id}/replay`, {
        key,
        body: { since: "yesterday" },
      });
      expect(badSince.body).toMatchObject({ status: 422, field: "since" });
    });
  });
});
