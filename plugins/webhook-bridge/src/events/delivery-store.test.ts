import type { Tenant } from "@alma-suite/core/storage";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Db, dbOf } from "../db/bridge-db.ts";
import { type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { seedEndpoint, seedEvent, seedMerchant } from "../testing/seed.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { loadDeliveryContexts } from "../webhooks/delivery-context.ts";
import { type AttemptOutcome, getDelivery, listAttempts, recordAttempts } from "./delivery-store.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let merchant: Tenant;

  beforeEach(async () => {
    h = await startBridgeHarness({ postgres });
    merchant = await seedMerchant(h.bridge.ctx);
    await seedEndpoint(h.bridge.ctx, merchant, "http://127.0.0.1:9/hook");
  });
  afterEach(async () => {
    await h.close();
  });

  /** Publishes `count` events; the endpoint gets one pending delivery for each. */
  async function pendingDeliveries(count: number): Promise<{ id: string; messageId: string }[]> {
    const out: { id: string; messageId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const { message } = await seedEvent(h.bridge.ctx, merchant, "payment.accepted", `k${i}`);
      const rows = await dbOf(h.storage).query(
        "SELECT id, endpoint_id FROM bridge_deliveries WHERE message_id = $1",
        [message.id],
      );
      out.push({ id: String(rows[0]?.id), messageId: message.id });
    }
    return out;
  }

  function outcome(
    delivery: { id: string; messageId: string },
    attempt: number,
    succeeded: boolean,
    attemptId: string,
  ): AttemptOutcome {
    return {
      attempt: {
        id: attemptId,
        tenantId: merchant.id,
        deliveryId: delivery.id,
        messageId: delivery.messageId,
        endpointId: "unused-by-the-fence",
        attempt,
        status: succeeded ? "succeeded" : "failed",
        responseStatus: succeeded ? 204 : 500,
        responseBody: succeeded ? null : "down",
        error: null,
        latencyMs: 12,
        startedAt: 1_000,
      },
      status: succeeded ? "succeeded" : "pending",
      nextAttemptAt: succeeded ? null : 61_000,
      now: 1_050,
    };
  }

  const record = (outcomes: AttemptOutcome[]) =>
    h.storage.transaction((tx) => recordAttempts(dbOf(tx), outcomes));

  it("records a group of attempts at once, each once, fenced on its attempt number", async () => {
    const [a, b, c] = await pendingDeliveries(3);
    if (!a || !b || !c) throw new Error("seeding failed");
    // The fourth outcome repeats attempt 1 of `a` (a job re-run after a crash, in the same group).
    const answers = await record([
      outcome(a, 1, true, "atp_a1"),
      outcome(b, 1, true, "atp_b1"),
      outcome(c, 1, false, "atp_c1"),
      outcome(a, 1, true, "atp_a1_again"),
    ]);
    expect(answers).toEqual([true, true, true, false]);
    const attempts = await listAttempts(dbOf(h.storage), merchant.id, { limit: 10 });
    expect(attempts.map((x) => x.id).sort()).toEqual(["atp_a1", "atp_b1", "atp_c1"]);
    expect(await getDelivery(dbOf(h.storage), a.id)).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await getDelivery(dbOf(h.storage), c.id)).toMatchObject({
      status: "pending",
      attempts: 1,
      nextAttemptAt: 61_000,
      lastResponseStatus: 500,
    });

    // Again: attempt 1 of `c` is recorded already, attempt 2 of a succeeded delivery has no place,
    // attempt 2 of `c` is the next one.
    expect(
      await record([
        outcome(c, 1, true, "atp_c1_late"),
        outcome(a, 2, true, "atp_a2"),
        outcome(c, 2, true, "atp_c2"),
      ]),
    ).toEqual([false, false, true]);
    expect(await getDelivery(dbOf(h.storage), c.id)).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await listAttempts(dbOf(h.storage), merchant.id, { limit: 10 })).toHaveLength(4);
  });

  it("reads the contexts of a group of deliveries, and leaves out the ones that do not exist", async () => {
    const [a, b] = await pendingDeliveries(2);
    if (!a || !b) throw new Error("seeding failed");
    const contexts = await loadDeliveryContexts(dbOf(h.storage), [a.id, "dlv_gone", b.id]);
    expect([...contexts.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(contexts.get(a.id)).toMatchObject({
      delivery: { id: a.id, status: "pending" },
      endpoint: { url: "http://127.0.0.1:9/hook", enabled: true, deleted: false },
      message: { id: a.messageId },
    });
  });

  it("finds a group's deliveries by primary key, never by scanning the table", async () => {
    const [a] = await pendingDeliveries(1);
    if (!a) throw new Error("seeding failed");
    // A table of a few thousand deliveries, enough for a planner to prefer an index to a scan.
    const db = dbOf(h.storage);
    const endpoint = await db.query("SELECT endpoint_id FROM bridge_deliveries WHERE id = $1", [a.id]);
    const series = "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 4000)";
    await db.execute(
      `${series} INSERT INTO bridge_messages (id, tenant_id, event_type, event_key, body, created_at)
       SELECT 'msg_bulk' || n, $1, 'payment.accepted', 'bulk' || n, '{}', 0 FROM g`,
      [merchant.id],
    );
    await db.execute(
      `${series} INSERT INTO bridge_deliveries (id, tenant_id, message_id, endpoint_id, origin_key, status,
         attempts, created_at, updated_at)
       SELECT 'dlv_bulk' || n, $1, 'msg_bulk' || n, $2, 'event', 'pending', 0, 0, 0 FROM g`,
      [merchant.id, String(endpoint[0]?.endpoint_id)],
    );
    if (postgres) await db.execute("ANALYZE bridge_deliveries");

    const plans = explaining(db);
    await loadDeliveryContexts(plans.db, [a.id, "dlv_bulk7"]);
    await recordAttempts(plans.db, [outcome(a, 1, true, "atp_plan")]);
    expect(plans.seen).toHaveLength(2);
    for (const plan of plans.seen) {
      expect(plan).toMatch(
        postgres
          ? /Index.*bridge_deliveries_pkey/
          : /SEARCH d USING INDEX|SEARCH bridge_deliveries USING INDEX/,
      );
      expect(plan).not.toMatch(
        postgres ? /Seq Scan on bridge_deliveries/ : /SCAN (d|bridge_deliveries)\b(?! USING)/,
      );
    }
  });
});

/** A Db that answers each statement with nothing and keeps the database's plan of it instead. */
function explaining(db: Db): { db: Db; seen: string[] } {
  const seen: string[] = [];
  const explain = async (sql: string, params?: readonly (string | number | null)[]) => {
    const rows = await db.query(
      `${db.dialect === "postgres" ? "EXPLAIN" : "EXPLAIN QUERY PLAN"} ${sql}`,
      params,
    );
    seen.push(rows.map((row) => String(row["QUERY PLAN"] ?? row.detail)).join("\n"));
  };
  return {
    seen,
    db: {
      dialect: db.dialect,
      query: async (sql, params) => {
        await explain(sql, params);
        return [];
      },
      execute: async (sql, params) => {
        await explain(sql, params);
        return 0;
      },
    },
  };
}
