import { describe, expect, it } from "vitest";
import type { JobContext } from "../jobs/job-worker.ts";
import { memoryStorage } from "../testing/memory-storage.ts";
import { enqueueDuePosReconciliations, POS_RECONCILE_JOB, posReconcileJobs } from "./pos-reconcile-jobs.ts";

const INTERVAL = 600_000;
const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function setup() {
  let now = 10 * INTERVAL;
  const storage = await memoryStorage({ clock: () => now });
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

describe("the PoS reconciliation sweep", () => {
  it("queues one job per tenant with a PoS link open for a whole interval, once per slot", async () => {
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

    const sweep = { storage, now, intervalMs: INTERVAL };
    expect(await enqueueDuePosReconciliations(sweep)).toBe(1);
    await enqueueDuePosReconciliations(sweep); // a second instance sweeping in the same slot
    const jobs = await storage.listJobs({ type: POS_RECONCILE_JOB });
    expect(jobs.map((j) => j.payload)).toEqual([{ tenantId: shop.id, staleBefore: now() - INTERVAL }]);

    advance(INTERVAL + 1);
    expect(await enqueueDuePosReconciliations(sweep)).toBe(2); // next slot: the fresh link is due too
    expect(await enqueueDuePosReconciliations({ ...sweep, intervalMs: 0 })).toBe(0);
  });

  it("skips a tenant whose Alma client cannot be built instead of retrying", async () => {
    const warnings: string[] = [];
    const { storage } = await setup();
    const jobs = posReconcileJobs({
      storage,
      almaFor: async () => {
        throw new Error("no alma_test_key");
      },
      logger: { ...silent, warn: (_fields: unknown, message: string) => void warnings.push(message) },
    });
    await jobs[POS_RECONCILE_JOB]!({ tenantId: "ten_x", staleBefore: 0 }, {} as JobContext);
    expect(warnings).toEqual(["PoS reconciliation skipped: no Alma client"]);
  });
});
