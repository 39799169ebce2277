import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbOf } from "../db/bridge-db.ts";
import {
  type BridgeHarness,
  createAgencyFor,
  OPERATOR_TOKEN,
  startBridgeHarness,
} from "../testing/bridge-harness.ts";
import { BACKENDS } from "../testing/test-storage.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  beforeAll(async () => {
    h = await startBridgeHarness({ postgres });
  });
  afterAll(() => h.close());

  const expectProblem = (
    answer: { status: number; headers: Headers; body: Record<string, unknown> },
    status: number,
    type: string,
  ) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ type: `/bridge/problems/${type}`, status });
    expect(typeof answer.body.title).toBe("string");
    expect(typeof answer.body.detail).toBe("string");
  };

  describe("operator and agency API keys", () => {
    it("onboards an agency with a key shown once and stored only as a hash", async () => {
      const created = await h.api("POST", "/bridge/v1/operator/agencies", {
        key: OPERATOR_TOKEN,
        body: { name: "Agence Nord" },
      });
      expect(created.status).toBe(201);
      const token: string = created.body.api_key.token;
      expect(token).toMatch(/^abk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(created.body.api_key.display).toMatch(/^abk_[0-9a-f]{16}_\*{4}.{4}$/);
      const rows = await dbOf(h.storage).query("SELECT * FROM bridge_api_keys");
      expect(JSON.stringify(rows)).not.toContain(token.slice(21));
      const me = await h.api("GET", "/bridge/v1/agency", { key: token });
      expect(me.body).toMatchObject({ object: "agency", name: "Agence Nord", id: created.body.agency.id });
      const keys = await h.api("GET", "/bridge/v1/api-keys", { key: token });
      expect(JSON.stringify(keys.body)).not.toContain(token.slice(21));
      expect(keys.body.data).toHaveLength(1);
    });

    it("refuses the operator routes without the operator token", async () => {
      expectProblem(
        await h.api("POST", "/bridge/v1/operator/agencies", { body: { name: "X" } }),
        401,
        "unauthorized",
      );
      const { key } = await createAgencyFor(h);
      expectProblem(await h.api("GET", "/bridge/v1/operator/agencies", { key }), 401, "unauthorized");
      expect(h.logs.some((l) => l.level === "warn" && (l.object as { status?: number }).status === 401)).toBe(
        true,
      );
    });

    it("refuses missing, malformed, unknown and revoked keys", async () => {
      const { key } = await createAgencyFor(h);
      expectProblem(await h.api("GET", "/bridge/v1/merchants"), 401, "unauthorized");
      expectProblem(
        await h.api("GET", "/bridge/v1/merchants", { key: "sk_test_notOurs" }),
        401,
        "unauthorized",
      );
      const forged = `${key.slice(0, 21)}${"A".repeat(43)}`;
      expectProblem(await h.api("GET", "/bridge/v1/merchants", { key: forged }), 401, "unauthorized");

      const second = await h.api("POST", "/bridge/v1/api-keys", { key, body: { label: "rotation" } });
      expect(second.status).toBe(201);
      const revoke = await h.api("DELETE", `/bridge/v1/api-keys/${second.body.id}`, { key });
      expect(revoke.status).toBe(204);
      const refused = await h.api("GET", "/bridge/v1/merchants", { key: second.body.token });
      expectProblem(refused, 401, "unauthorized");
      expect(refused.body.detail).toBe("this API key has been revoked");
      expect((await h.api("GET", "/bridge/v1/merchants", { key })).status).toBe(200);
      expectProblem(
        await h.api("DELETE", `/bridge/v1/api-keys/${second.body.id}`, { key }),
        404,
        "not-found",
      );
    });

    it("lets one agency neither see nor revoke another's keys", async () => {
      const a = await createAgencyFor(h, "A");
      const b = await createAgencyFor(h, "B");
      const bKeys = await h.api("GET", "/bridge/v1/api-keys", { key: b.key });
      expectProblem(
        await h.api("DELETE", `/bridge/v1/api-keys/${bKeys.body.data[0].id}`, { key: a.key }),
        404,
        "not-found",
      );
      expect((await h.api("GET", "/bridge/v1/agency", { key: b.key })).status).toBe(200);
    });

    it("answers malformed JSON, wrong media types and unknown routes with problems", async () => {
      const { key } = await createAgencyFor(h);
      expectProblem(
        await h.api("POST", "/bridge/v1/api-keys", { key, body: "{not json" }),
        400,
        "malformed-json",
      );
      expectProblem(
        await h.api("POST", "/bridge/v1/api-keys", {
          key,
          body: "label=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
        415,
        "unsupported-media-type",
      );
      const invalid = await h.api("POST", "/bridge/v1/api-keys", { key, body: { label: 42 } });
      expectProblem(invalid, 422, "validation-error");
      expect(invalid.body).toMatchObject({ field: "label", errors: [{ field: "label", in: "body" }] });
      expectProblem(await h.api("GET", "/bridge/v1/nothing-here", { key }), 404, "not-found");
      const doc = await h.api("GET", "/bridge/problems/validation-error");
      expect(doc.body).toMatchObject({ type: "/bridge/problems/validation-error", status: 422 });
    });

    it("disables the operator routes when no operator token is configured", async () => {
      const bare = await startBridgeHarness({ postgres, env: { BRIDGE_OPERATOR_TOKEN: "" } });
      try {
        expectProblem(
          await bare.api("GET", "/bridge/v1/operator/agencies", { key: "anything-at-all-0123456789" }),
          503,
          "operator-api-disabled",
        );
      } finally {
        await bare.close();
      }
    });
  });
});
