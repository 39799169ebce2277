import { describe, expect, it } from "vitest";
import type { AlmaClient } from "../alma/alma-client.ts";
import { SecretBox } from "../crypto/secret-box.ts";
import type { JobContext } from "../jobs/job-worker.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import {
  POS_RECONCILE_JOB,
  POS_RECONCILE_TENANT_JOB,
  posReconcileJobs,
  schedulePosReconciliation,
} from "./pos-reconcile-jobs.ts";

const INTERVAL = 600_000;
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const noCtx = {} as JobContext;

async function setup() {
  let now = 10 * INTERVAL;
  const storage = new SqliteStorage({
    path: ":memory:",
    secretBox: new SecretBox(SecretBox.generateKey()),
    clock: () => now,
  });
  await storage.migrate();
  const tenant = async (externalId: string) =>
    (await storage.createTenant({ platform: "bridge", externalId, name: externalId })).tenant;
  const link = (tenantId: string, ref: string, custom: Record<string, unknown>) =>
    storage.createPaymentLink({
      tenantId,
      platformOrderRef: ref,
      amountCents: 100,
      currency: "EUR",
      almaPaymentId: `payment_${ref}`,
      custom,
    });
  return { storage, tenant, link, advance: (ms: number) => (now += ms), now: () => now };
}

describe("the PoS reconciliation chain", () => {
  it("queues one tenant job per tenant with a PoS link open for a whole interval, then the next slot", async () => {
    const { storage, tenant, link, advance, now } = await setup();
    const shop = await tenant("shop");
    const web = await tenant("web-only");
    const gone = await tenant("gone");
    await link(shop.id, "pos-1", { channel: "pos" });
    await link(web.id, "order-1", {});
    await link(gone.id, "pos-2", { channel: "pos" });
    await storage.updateTenant(gone.id, { status: "uninstalled" });
    const fresh = await tenant("fresh");
    advance(INTERVAL + 1);
    await link(fresh.id, "pos-3", { channel: "pos" }); // created just now: not due yet

    await schedulePosReconciliation(storage, now(), INTERVAL);
    await schedulePosReconciliation(storage, now(), INTERVAL); // a second instance starting: same key
    const [slotJob, ...others] = await storage.listJobs({ type: POS_RECONCILE_JOB });
    expect(others).toEqual([]);
    const jobs = posReconcileJobs({
      storage,
      almaFor: async () => ({}) as AlmaClient,
      logger: silent,
      now,
      intervalMs: INTERVAL,
    });
    await jobs[POS_RECONCILE_JOB]!(slotJob!.payload, noCtx);

    const perTenant = await storage.listJobs({ type: POS_RECONCILE_TENANT_JOB });
    expect(perTenant.map((j) => (j.payload as { tenantId: string }).tenantId)).toEqual([shop.id]);
    const slots = await storage.listJobs({ type: POS_RECONCILE_JOB });
    expect(slots.map((j) => j.runAt).sort()).toEqual([slotJob!.runAt, 12 * INTERVAL]);
  });

  it("does nothing when turned off, and skips a tenant whose Alma client cannot be built", async () => {
    const { storage, now } = await setup();
    await schedulePosReconciliation(storage, now(), 0);
    expect(await storage.listJobs({})).toEqual([]);
    const off = posReconcileJobs({
      storage,
      almaFor: async () => ({}) as AlmaClient,
      logger: silent,
      now,
      intervalMs: 0,
    });
    await off[POS_RECONCILE_JOB]!({ slot: 10 }, noCtx);
    expect(await storage.listJobs({})).toEqual([]);
    const warnings: string[] = [];
    const noKey = posReconcileJobs({
      storage,
      almaFor: async () => {
        throw new Error("no alma_test_key");
      },
      logger: { ...silent, warn: (_fields: unknown, message: string) => void warnings.push(message) },
      now,
      intervalMs: INTERVAL,
    });
    await noKey[POS_RECONCILE_TENANT_JOB]!({ tenantId: "ten_x", staleBefore: now() }, noCtx);
    expect(warnings).toEqual(["PoS reconciliation skipped: no Alma client"]);
  });
});
