import { expect, it } from "vitest";
import { CHECK_DELAYS_MS } from "../check-schedule.ts";
import type { StorageHarness } from "./storage-harness.ts";

/** The Alma mode each link keeps, and the payment watch's schedule columns. */
export function paymentWatchContract(h: () => StorageHarness): void {
  it("keeps the mode a link was created in, the tenant's by default, whatever the tenant switches to", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({
      platform: "testagency",
      externalId: `m${Math.random()}`,
      name: "M",
      almaMode: "test",
    });
    const { link: inTest } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "o-1",
      amountCents: 100,
      currency: "EUR",
      almaPaymentId: "payment_mode1",
    });
    expect(inTest.almaMode).toBe("test");
    await storage.updateTenant(tenant.id, { almaMode: "live" });
    expect((await storage.getPaymentLink(tenant.id, inTest.id))?.almaMode).toBe("test");
    expect(await storage.findPaymentModeByAlmaId(tenant.id, "payment_mode1")).toEqual({
      id: inTest.id,
      almaMode: "test",
    });
    expect(await storage.findPaymentModeByAlmaId(tenant.id, "payment_other")).toBeNull();
    const { link: inLive } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "o-2",
      amountCents: 100,
      currency: "EUR",
    });
    expect(inLive.almaMode).toBe("live");
    const { link: given } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "o-3",
      amountCents: 100,
      currency: "EUR",
      almaMode: "test",
    });
    expect(given.almaMode).toBe("test");
    const moved = await storage.updatePaymentLink(tenant.id, given.id, {
      almaPaymentId: "payment_mode3",
      almaMode: "live",
    });
    expect(moved?.almaMode).toBe("live");
  });

  it("schedules the first check of an open link, lists due ones across tenants, stops at a final state", async () => {
    const { storage } = h();
    const before = Date.now();
    const tenants = await Promise.all(
      ["a", "b"].map(async (name) => {
        const { tenant } = await storage.createTenant({
          platform: "otherstore",
          externalId: `https://${name}${Math.random()}`,
          name,
        });
        return tenant;
      }),
    );
    const [a, b] = tenants as [(typeof tenants)[0], (typeof tenants)[0]];
    const { link: open } = await storage.createPaymentLink({
      tenantId: a.id,
      platformOrderRef: "1",
      amountCents: 100,
      currency: "EUR",
    });
    const { link: other } = await storage.createPaymentLink({
      tenantId: b.id,
      platformOrderRef: "1",
      amountCents: 100,
      currency: "EUR",
    });
    const { link: done } = await storage.createPaymentLink({
      tenantId: a.id,
      platformOrderRef: "2",
      amountCents: 100,
      currency: "EUR",
      state: "paid",
    });
    const first = CHECK_DELAYS_MS[0] ?? 0;
    expect(open.nextCheckAt).toBeGreaterThanOrEqual(before + first);
    expect(open.checkAttempts).toBe(0);
    expect(done.nextCheckAt).toBeNull();

    const ids = async (dueBy: number) =>
      (await storage.listDuePaymentChecks(dueBy, 100)).map((link) => link.id).sort();
    expect(await ids(before)).toEqual([]);
    expect(await ids(Date.now() + first)).toEqual([open.id, other.id].sort());

    const later = Date.now() + 10 * first;
    expect(await storage.schedulePaymentCheck(a.id, open.id, { nextCheckAt: later, checkAttempts: 1 })).toBe(
      true,
    );
    expect(await ids(Date.now() + first)).toEqual([other.id]);
    const rescheduled = await storage.getPaymentLink(a.id, open.id);
    expect(rescheduled).toMatchObject({ checkAttempts: 1, nextCheckAt: later, updatedAt: open.updatedAt });
    // A final link is never re-armed, and another tenant's id changes nothing.
    expect(await storage.schedulePaymentCheck(a.id, done.id, { nextCheckAt: later })).toBe(false);
    expect(await storage.schedulePaymentCheck(b.id, open.id, { nextCheckAt: 1 })).toBe(false);

    // Authorized is still open (Alma may still cancel or charge it); expired is final.
    expect(await storage.transitionPayment(b.id, other.id, ["pending"], "authorized")).toBe(true);
    expect((await storage.getPaymentLink(b.id, other.id))?.nextCheckAt).not.toBeNull();
    expect(await storage.transitionPayment(b.id, other.id, ["authorized"], "expired")).toBe(true);
    expect((await storage.getPaymentLink(b.id, other.id))?.nextCheckAt).toBeNull();
    expect(await ids(later)).toEqual([open.id]);
  });
}
