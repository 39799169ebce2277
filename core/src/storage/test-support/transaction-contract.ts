import { expect, it } from "vitest";
import { modifyPaymentLink } from "../modify-payment-link.ts";
import type { StorageHarness } from "./storage-harness.ts";

/** State and the jobs it causes commit together or not at all. */
export function transactionContract(h: () => StorageHarness): void {
  async function setup() {
    const { storage } = h();
    const { tenant } = await storage.createTenant({
      platform: "testshop",
      externalId: "tx.testshop.example",
      name: "T",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "gid-1",
      amountCents: 500,
      currency: "EUR",
    });
    return { storage, tenantId: tenant.id, link };
  }

  it("rolls back the state change and its job when fn throws", async () => {
    const { storage, tenantId, link } = await setup();
    await expect(
      storage.transaction(async (tx) => {
        expect(await tx.transitionPayment(tenantId, link.id, ["pending"], "paid")).toBe(true);
        await tx.enqueue({
          type: "testshop:resolve",
          key: "testshop:resolve:gid-1",
          payload: { id: link.id },
        });
        await tx.appendPaymentEvent({ tenantId, paymentLinkId: link.id, type: "paid" });
        expect((await tx.getPaymentLink(tenantId, link.id))?.state).toBe("paid");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("pending");
    expect(await storage.getJobByKey("testshop:resolve:gid-1")).toBeNull();
    expect(await storage.listPaymentEvents(tenantId, link.id)).toEqual([]);
    expect(await storage.listJobs()).toEqual([]);
  });

  it("commits the state change and its job together, and nested transactions join", async () => {
    const { storage, tenantId, link } = await setup();
    const job = await storage.transaction(async (tx) => {
      await tx.transitionPayment(tenantId, link.id, ["pending"], "paid");
      return tx.transaction((inner) =>
        inner.enqueue({ type: "testshop:resolve", key: "k1", payload: { n: 1 } }),
      );
    });
    expect(job).toMatchObject({ key: "k1", state: "pending", payload: { n: 1 } });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("paid");
    expect((await storage.getJobByKey("k1"))?.id).toBe(job.id);
  });

  it("writes exactly one job when 20 concurrent transactions race for the same transition", async () => {
    const { storage, tenantId, link } = await setup();
    const won = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        storage.transaction(async (tx) => {
          if (!(await tx.transitionPayment(tenantId, link.id, ["pending"], "paid"))) return false;
          await tx.enqueue({ type: "order:paid", key: `order:paid:${i}`, payload: {} });
          return true;
        }),
      ),
    );
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await storage.listJobs({ type: "order:paid" })).toHaveLength(1);
  });

  it("keeps every field when concurrent writers merge into custom through modifyPaymentLink", async () => {
    const { storage, tenantId, link } = await setup();
    // Each writer reads, takes a moment (as a caller computing its patch would) and writes back:
    // without the row lock, PostgreSQL's read committed lets every writer overwrite the others.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        modifyPaymentLink(storage, tenantId, link.id, async (current) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { custom: { ...current.custom, [`field${i}`]: i } };
        }),
      ),
    );
    const custom = (await storage.getPaymentLink(tenantId, link.id))!.custom;
    expect(Object.keys(custom).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `field${i}`).sort());
    expect(await modifyPaymentLink(storage, tenantId, "pay_unknown", () => ({ custom: {} }))).toBeNull();
    expect(await modifyPaymentLink(storage, tenantId, link.id, () => null)).toBeNull();
  });

  it("refuses a transaction handle used after its transaction ended", async () => {
    const { storage, tenantId } = await setup();
    let leaked: Parameters<Parameters<typeof storage.transaction>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.getTenant(tenantId)).rejects.toThrow(/after its transaction ended/);
  });
}
