import { signIpn } from "@alma-suite/core";
import { CONFIRM_PAYMENT_JOB, PLATFORM_CALL_JOB } from "@alma-suite/core/flows";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basket, type FaultStack, startFaultStack } from "../support/fault-stack.ts";
import { createTestDatabase } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

// Alma retries its notification and a busy merchant's proxy may replay it: 50 copies of the same
// signed IPN arriving together must move the order once and call the platform once.
const ALMA_KEY = "sk_test_ipnFlood0000001";
const COPIES = 50;

const backends: [string, () => Promise<{ url?: string; drop(): Promise<void> }>][] = [
  ["sqlite", async () => ({ drop: async () => {} })],
  ["postgres", () => createTestDatabase("ipn_flood")],
];

describe.each(backends)(
  "%d identical IPNs at once, on %s".replace("%d", String(COPIES)),
  (_name, database) => {
    let stack: FaultStack;
    let db: { url?: string; drop(): Promise<void> };
    beforeAll(async () => {
      db = await database();
      stack = await startFaultStack({ almaKey: ALMA_KEY, ...(db.url ? { databaseUrl: db.url } : {}) });
    });
    afterAll(async () => {
      await stack?.close();
      await db?.drop();
    });

    it("give one order transition, one platform call and one agency webhook message", async () => {
      const created = await stack.api("POST", `${stack.base}/checkouts`, {
        ...basket,
        order_reference: "FLOOD-1",
      });
      expect(created.status).toBe(201);
      const paid = await payOnHostedPage(created.body.redirect_url);
      expect("redirect" in paid).toBe(true); // paid at Alma; the customer does not come back
      const pid: string = created.body.payment.alma_payment_id;
      const linkId: string = created.body.payment.id;

      const url = `${stack.server.url}/alma/ipn/${stack.tenantId}?pid=${pid}`;
      const answers = await Promise.all(
        Array.from({ length: COPIES }, () =>
          fetch(url, { headers: { "x-alma-signature": signIpn(pid, ALMA_KEY) } }).then((r) => r.status),
        ),
      );
      expect(answers).toEqual(Array(COPIES).fill(200));

      // Every confirmation the flood queued, and the platform call it led to, has run.
      await waitFor(
        "the confirmations and the platform call run",
        async () => {
          const jobs = await stack.server.storage.listJobs({ limit: 1000 });
          const relevant = jobs.filter((j) => j.type === PLATFORM_CALL_JOB || j.type === CONFIRM_PAYMENT_JOB);
          return (
            relevant.some((j) => j.type === PLATFORM_CALL_JOB) && relevant.every((j) => j.state === "done")
          );
        },
        15_000,
      );
      const link = await stack.server.storage.getPaymentLink(stack.tenantId, linkId);
      expect(link?.state).toBe("paid");
      const events = await stack.server.storage.listPaymentEvents(stack.tenantId, linkId);
      expect(events.filter((e) => e.type === "payment.accepted")).toHaveLength(1);
      const calls = (await stack.server.storage.listJobs({ type: PLATFORM_CALL_JOB, limit: 1000 })).filter(
        (j) => (j.payload as { paymentLinkId?: string }).paymentLinkId === linkId,
      );
      expect(calls).toHaveLength(1);
      const messages = await stack.api("GET", `${stack.base}/messages?event_type=payment.accepted`);
      expect(messages.body.data).toHaveLength(1);
    });
  },
);
