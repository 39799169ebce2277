import { signIpn } from "@alma-suite/core";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basket, type FaultStack, startFaultStack } from "../support/fault-stack.ts";
import { type PrivatePostgres, startPrivatePostgres } from "../support/private-postgres.ts";
import { waitFor } from "../support/wait-for.ts";

// PostgreSQL goes away under load (a crash, a failover, a restart for an upgrade) and comes back.
// The server must not hang, must not answer 500 with a stack, must say it is not ready, and must
// recover on its own: the pool reconnects and the job worker picks up again, no restart needed.
const ALMA_KEY = "sk_test_pgRestart00000001";

let pg: PrivatePostgres;
let stack: FaultStack;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  stack = await startFaultStack({ databaseUrl: pg.url, almaKey: ALMA_KEY });
}, 60_000);
afterAll(async () => {
  await stack?.close();
  await pg?.destroy();
});

type Phase = "before" | "down" | "back";
interface Outcome {
  phase: Phase;
  kind: "checkout" | "list" | "ipn";
  status: number;
  ms: number;
  retryAfter: string | null;
  text: string;
  reference?: string;
}

describe("PostgreSQL stopped and started again under load", () => {
  it("fails requests cleanly with 503 while it is down and recovers without restarting the server", async () => {
    const paidPid = await paidPaymentPid("PG-PAID-0");
    let phase: Phase = "before";
    let running = true;
    let counter = 0;
    const outcomes: Outcome[] = [];
    const loop = async (lane: number) => {
      while (running) {
        const kind = (["checkout", "list", "ipn"] as const)[counter++ % 3]!;
        const reference = `PG-LOAD-${lane}-${counter}`;
        const started = Date.now();
        const at = phase;
        const response = await send(kind, reference, paidPid);
        const text = await response.text();
        outcomes.push({
          phase: at,
          kind,
          status: response.status,
          ms: Date.now() - started,
          retryAfter: response.headers.get("retry-after"),
          text,
          ...(kind === "checkout" ? { reference } : {}),
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const lanes = [0, 1, 2].map(loop);
    // Each phase lasts until it has enough answers, not a guessed time: a loaded CI machine may
    // answer a handful of requests in a second or hundreds.
    const answered = (at: Phase, status?: number) =>
      outcomes.filter((o) => o.phase === at && (status === undefined || o.status === status)).length > 3;

    await waitFor("answers before the stop", () => answered("before"), 20_000);
    phase = "down";
    await pg.stop();
    await waitFor("503s while PostgreSQL is down", () => answered("down", 503), 20_000);
    const notReady = await fetch(`${stack.server.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, string> }).checks.database).toMatch(
      /unavailable/,
    );
    await pg.start();
    await waitFor(
      "ready again",
      async () => (await fetch(`${stack.server.url}/readyz`).catch(() => null))?.status === 200,
      20_000,
    );
    phase = "back";
    await waitFor("answers after the restart", () => answered("back"), 20_000);
    running = false;
    await Promise.all(lanes);

    const down = outcomes.filter((o) => o.phase === "down");
    expect(outcomes.filter((o) => o.phase === "before").length).toBeGreaterThan(3);
    expect(down.filter((o) => o.status === 503).length).toBeGreaterThan(3);
    for (const o of outcomes) {
      // Clean answers only: success, or 503 with a retry hint; never a 500, never a stack.
      expect([200, 201, 503], `${o.kind} in ${o.phase}: ${o.status} ${o.text.slice(0, 200)}`).toContain(
        o.status,
      );
      expect(o.ms, `${o.kind} took ${o.ms} ms`).toBeLessThan(8000);
      expect(o.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      if (o.status === 503) {
        expect(o.retryAfter).not.toBeNull();
        expect(() => JSON.parse(o.text)).not.toThrow();
      }
    }
    const back = outcomes.filter((o) => o.phase === "back");
    expect(back.length).toBeGreaterThan(3);
    expect(back.every((o) => o.status === 200 || o.status === 201)).toBe(true);

    // No answered checkout was lost: every 201 is still there.
    for (const o of outcomes.filter((x) => x.kind === "checkout" && x.status === 201)) {
      const again = await stack.api("POST", `${stack.base}/checkouts`, {
        ...basket,
        order_reference: o.reference,
      });
      expect(again.status, `checkout ${o.reference}`).toBe(200);
    }

    // The job worker picked up again by itself: a payment made now is confirmed and the agency told.
    const pid = await paidPaymentPid("PG-AFTER-1");
    const ipn = await fetch(`${stack.server.url}/alma/ipn/${stack.tenantId}?pid=${pid}`, {
      headers: { "x-alma-signature": signIpn(pid, ALMA_KEY) },
    });
    expect(ipn.status).toBe(200);
    await waitFor(
      "the agency told of the payment",
      async () => {
        const messages = await stack.api("GET", `${stack.base}/messages?event_type=payment.accepted`);
        return messages.status === 200 && messages.body.data.length >= 1;
      },
      20_000,
    );
  }, 90_000);
});

function send(kind: "checkout" | "list" | "ipn", reference: string, pid: string): Promise<Response> {
  const auth = { authorization: `Bearer ${stack.agencyKey}`, "content-type": "application/json" };
  if (kind === "checkout")
    return fetch(`${stack.server.url}${stack.base}/checkouts`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ ...basket, order_reference: reference }),
    });
  if (kind === "list") return fetch(`${stack.server.url}${stack.base}/payments?limit=5`, { headers: auth });
  return fetch(`${stack.server.url}/alma/ipn/${stack.tenantId}?pid=${pid}`, {
    headers: { "x-alma-signature": signIpn(pid, ALMA_KEY) },
  });
}

/** A checkout paid at Alma, its customer not back yet: the IPN is what confirms it. */
async function paidPaymentPid(reference: string): Promise<string> {
  const created = await stack.api("POST", `${stack.base}/checkouts`, {
    ...basket,
    order_reference: reference,
  });
  if (created.status !== 201) throw new Error(`checkout ${reference}: ${created.status}`);
  const paid = await payOnHostedPage(created.body.redirect_url);
  if (!("redirect" in paid)) throw new Error("the hosted page stopped");
  return created.body.payment.alma_payment_id;
}
