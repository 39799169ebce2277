import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { CHECK_PAYMENT_JOB, createPosPaymentLink } from "@alma-suite/core/flows";
import { CHECK_DELAYS_MS, type Tenant } from "@alma-suite/core/storage";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import { jsonAnswer, paymentCheck, paymentChecks } from "./support/json-answers.ts";
import { DATABASES, type DatabaseKind, serverDatabase } from "./support/server-database.ts";
import { type ShiftedClock, shiftedClock } from "./support/shifted-clock.ts";
import { waitFor } from "./support/wait-for.ts";

const silent = createLogger({ level: "silent" });
// Nothing listens there: Alma's notifications for these links are lost, as when our server is down.
const DEAD_PUBLIC_URL = "http://127.0.0.1:9";
const MINUTE = 60_000;

let server: RunningServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.stop();
  await dropDatabase?.();
  server = undefined;
  dropDatabase = undefined;
});

async function start(kind: DatabaseKind, clock: ShiftedClock): Promise<RunningServer> {
  const db = await serverDatabase(kind, "payment_watch");
  dropDatabase = db.drop;
  const env = {
    PORT: "0",
    DATA_DIR: mkdtempSync(join(tmpdir(), "payment-watch-")),
    LOG_LEVEL: "silent",
    PAYMENT_WATCH_INTERVAL_MS: "100",
    ...db.env,
  };
  server = await startServer(loadConfig(env), silent, { plugins: [], now: clock.now });
  return server;
}

async function merchant(s: RunningServer, name: string, key: string) {
  await provisionSandboxKeys(s.almaBaseUrl, key);
  const { tenant } = await s.storage.createTenant({
    platform: "bridge",
    externalId: name,
    name,
    almaMode: "test",
  });
  await s.storage.setSecret(tenant.id, "alma_test_key", key);
  return { tenant, alma: new AlmaClient({ apiKey: key, baseUrl: s.almaBaseUrl }) };
}

async function posLink(s: RunningServer, m: { tenant: Tenant; alma: AlmaClient }, reference: string) {
  const outcome = await createPosPaymentLink(
    {
      storage: s.storage,
      alma: m.alma,
      publicUrl: DEAD_PUBLIC_URL,
      sendEmail: async () => "outbox",
      logger: silent,
    },
    {
      tenant: m.tenant,
      amountCents: 30000,
      reference,
      installmentsCount: 3,
      customer: { email: "lea@example.com" },
    },
  );
  if (outcome.status !== "created") throw new Error(`PoS link not created: ${outcome.status}`);
  return outcome;
}

const linkOf = (s: RunningServer, tenantId: string, id: string) => s.storage.getPaymentLink(tenantId, id);

async function admin(s: RunningServer, method: string, path: string) {
  const response = await fetch(`${s.url}/admin/api${path}`, {
    method,
    headers: { authorization: `Bearer ${s.adminToken}` },
  });
  return jsonAnswer(response);
}

describe.each(DATABASES)("the payment watch (%s)", (kind) => {
  it("confirms a paid link whose IPN was lost and keeps checking an unpaid one on the schedule", async () => {
    const clock = shiftedClock();
    const s = await start(kind, clock);
    const shop = await merchant(s, "boutique", "sk_test_paymentWatchShopA1");
    const other = await merchant(s, "other", "sk_test_paymentWatchShopB1");
    const paid = await posLink(s, shop, "T-1");
    const unpaid = await posLink(s, shop, "T-2");
    const otherPaid = await posLink(s, other, "T-1");
    await pay(paid.url, { card: "4242424242424242" });
    await pay(otherPaid.url, { card: "4242424242424242" });

    // Nothing is asked before the first check is due.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await linkOf(s, shop.tenant.id, paid.link.id))?.state).toBe("pending");
    expect(await s.storage.listJobs({ type: CHECK_PAYMENT_JOB })).toEqual([]);

    clock.advance((CHECK_DELAYS_MS[0] ?? 0) + MINUTE);
    await waitFor("both paid links confirmed", async () => {
      const [a, b] = await Promise.all([
        linkOf(s, shop.tenant.id, paid.link.id),
        linkOf(s, other.tenant.id, otherPaid.link.id),
      ]);
      return a?.state === "paid" && b?.state === "paid";
    });
    const events = await s.storage.listPaymentEvents(shop.tenant.id, paid.link.id);
    expect(events.at(-1)).toMatchObject({ type: "payment.accepted", data: { source: "watch" } });
    expect((await linkOf(s, shop.tenant.id, paid.link.id))?.nextCheckAt).toBeNull();

    const checked = await waitFor("the unpaid link checked once", async () => {
      const link = await linkOf(s, shop.tenant.id, unpaid.link.id);
      return link?.checkAttempts === 1 ? link : null;
    });
    expect(checked.state).toBe("pending");
    // Next: 15 minutes after that check, as the schedule says.
    expect(checked.nextCheckAt).toBeGreaterThanOrEqual(clock.now() + (CHECK_DELAYS_MS[1] ?? 0) - 5_000);
    expect(checked.nextCheckAt).toBeLessThanOrEqual(clock.now() + (CHECK_DELAYS_MS[1] ?? 0));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await linkOf(s, shop.tenant.id, unpaid.link.id))?.checkAttempts).toBe(1);

    clock.advance((CHECK_DELAYS_MS[1] ?? 0) + MINUTE);
    await waitFor(
      "the second check",
      async () => (await linkOf(s, shop.tenant.id, unpaid.link.id))?.checkAttempts === 2,
    );
  }, 30_000);

  it("expires a link Alma reports expired, and lets an operator see and force a check", async () => {
    const clock = shiftedClock();
    const s = await start(kind, clock);
    const shop = await merchant(s, "boutique", "sk_test_paymentWatchExpiry1");
    const link = await posLink(s, shop, "T-3");
    const listed = await admin(s, "GET", "/payment-checks");
    expect(listed.status).toBe(200);
    expect(paymentChecks.parse(listed.body).checks).toEqual([
      expect.objectContaining({
        tenantId: shop.tenant.id,
        paymentId: link.link.id,
        almaMode: "test",
        state: "pending",
        checkAttempts: 0,
        nextCheckAt: link.link.nextCheckAt,
      }),
    ]);
    expect(
      paymentChecks.parse((await admin(s, "GET", `/payment-checks?dueBy=${Date.now()}`)).body).checks,
    ).toEqual([]);

    const forced = await admin(s, "POST", `/tenants/${shop.tenant.id}/payments/${link.link.id}/check`);
    expect(forced).toMatchObject({
      status: 200,
      body: { check: { outcome: "not_decided", checkAttempts: 1 } },
    });

    // The sandbox's own clock: the link's payment expires at Alma (no notification says so).
    const moved = await fetch(`${s.almaBaseUrl}/_clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ days: 8 }),
    });
    expect(moved.status).toBe(200);
    const expired = await admin(s, "POST", `/tenants/${shop.tenant.id}/payments/${link.link.id}/check`);
    expect(paymentCheck.parse(expired.body).check).toMatchObject({ outcome: "released", nextCheckAt: null });
    expect((await linkOf(s, shop.tenant.id, link.link.id))?.state).toBe("expired");
    expect(paymentChecks.parse((await admin(s, "GET", "/payment-checks")).body).checks).toEqual([]);

    const unknown = await admin(s, "POST", `/tenants/${shop.tenant.id}/payments/pay_unknown/check`);
    expect(unknown.status).toBe(404);
  }, 30_000);
});
