import { CHECK_PAYMENT_JOB } from "@alma-suite/core/flows";
import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { paymentsCommand } from "./payments-command.ts";

describe("alma-suite payments", () => {
  it("lists the open payments with their next check, and queues a forced check for the worker", async () => {
    const storage = await memoryStorage();
    const { tenant } = await storage.createTenant({
      platform: "bridge",
      externalId: "m",
      name: "M",
      almaMode: "test",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "o-1",
      amountCents: 100,
      currency: "EUR",
      almaPaymentId: "payment_11cliCheck",
    });
    await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "o-2",
      amountCents: 100,
      currency: "EUR",
      state: "paid",
    });

    const list = captureIo();
    expect(await paymentsCommand(storage, ["checks"], {}, list.io)).toBe(0);
    expect(list.out).toEqual([
      `${tenant.id}  ${link.id}  pending     test  next check ${new Date(link.nextCheckAt ?? 0).toISOString()}  checks made 0`,
    ]);

    const check = captureIo();
    expect(await paymentsCommand(storage, ["check", tenant.id, link.id], {}, check.io, () => 42)).toBe(0);
    const [job] = await storage.listJobs({ type: CHECK_PAYMENT_JOB });
    expect(job).toMatchObject({
      key: `${CHECK_PAYMENT_JOB}:${link.id}:forced:42`,
      payload: { tenantId: tenant.id, paymentLinkId: link.id },
    });
    expect(check.out[0]).toContain(job?.id);

    const unknown = captureIo();
    expect(await paymentsCommand(storage, ["check", tenant.id, "pay_nope"], {}, unknown.io)).toBe(1);
    expect(unknown.err[0]).toBe(`no payment pay_nope for tenant ${tenant.id}`);
    const usage = captureIo();
    expect(await paymentsCommand(storage, ["check"], {}, usage.io)).toBe(1);
    expect(await paymentsCommand(storage, ["frob"], {}, usage.io)).toBe(1);
  });
});
