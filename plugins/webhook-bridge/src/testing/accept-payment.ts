import type { PlatformAdapter } from "@alma-suite/core";
import { callPlatform, confirmPayment, platformCallJob } from "@alma-suite/core/flows";
import { JobWorker } from "@alma-suite/core/storage";
import nock from "nock";
import { ALMA_URL, type BridgeHarness } from "./bridge-harness.ts";
import { almaFeePlans, almaPayment } from "./fixtures.ts";

/** What the server's worker does with core's platform calls: hand them to the bridge's adapter. */
export async function runPlatformCalls(h: BridgeHarness): Promise<number> {
  const adapter: PlatformAdapter = h.bridge.adapter;
  const worker = new JobWorker({
    storage: h.storage,
    workerId: "platform-calls",
    handlers: {
      [platformCallJob.type]: platformCallJob.define(async (p) => {
        await callPlatform(adapter, p);
      }),
    },
  });
  return worker.drain();
}

/**
 * A checkout through the API, then Alma's acceptance the way an IPN brings it: the shared
 * confirmation, core's platform call, our adapter. Returns our payment id and Alma's.
 */
export async function acceptedPayment(
  h: BridgeHarness,
  setup: { key: string; base: string; merchant: { id: string } },
  options: {
    orderReference: string;
    amount?: number;
    almaState?: string;
    trigger?: boolean;
    /** false: leave core's platform call queued, as right after the customer's return. */
    runCalls?: boolean;
  },
): Promise<{ paymentId: string; almaId: string }> {
  const amount = options.amount ?? 45000;
  const almaId = `payment_11${options.orderReference.replace(/[^A-Za-z0-9]/g, "")}`;
  almaFeePlans();
  nock(ALMA_URL)
    .post("/v1/payments")
    .reply(
      200,
      almaPayment({
        id: almaId,
        state: "not_started",
        purchase_amount: amount,
        url: `https://checkout.test/${almaId}`,
      }),
    );
  const checkout = await h.api("POST", `${setup.base}/checkouts`, {
    key: setup.key,
    body: {
      order_reference: options.orderReference,
      amount,
      currency: "EUR",
      plan: "general_3_0_0",
      payment_upon_trigger: options.trigger ?? false,
      return_url: "https://shop.test/ok",
      cancel_url: "https://shop.test/ko",
    },
  });
  if (checkout.status !== 201)
    throw new Error(`checkout answered ${checkout.status}: ${JSON.stringify(checkout.body)}`);
  if (options.almaState !== "not_started") {
    const state = options.almaState ?? (options.trigger ? "scored_yes" : "in_progress");
    nock(ALMA_URL)
      .get(`/v1/payments/${almaId}`)
      .reply(
        200,
        almaPayment({
          id: almaId,
          state,
          purchase_amount: amount,
          deferred_trigger: options.trigger ?? false,
        }),
      );
    const alma = await h.bridge.ctx.almaFor(setup.merchant.id);
    await confirmPayment(
      { storage: h.storage, alma },
      { tenantId: setup.merchant.id, almaPaymentId: almaId, source: "ipn" },
    );
    if (options.runCalls !== false) await runPlatformCalls(h);
  }
  return { paymentId: checkout.body.payment.id, almaId };
}
