import type { KeyObject } from "node:crypto";
import { CallBatcher, type JobDefinition, newId } from "@alma-suite/core/storage";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { type AttemptOutcome, abandonDelivery, recordAttempts } from "../events/delivery-store.ts";
import { type DeliverPayload, deliverJobType, scheduleDelivery } from "../events/schedule-delivery.ts";
import { appendMerchantLog } from "../merchants/merchant-log.ts";
import { type DeliveryContext, loadDeliveryContexts } from "./delivery-context.ts";
import {
  disableEndpoint,
  noteEndpointFailure,
  noteEndpointSuccess,
  previousSecretName,
  secretName,
} from "./endpoint-store.ts";
import { type PostResult, postWebhook } from "./post-webhook.ts";
import { retryDelayMs } from "./retry-schedule.ts";
import { webhookHeaders, webhookKey } from "./webhook-signature.ts";

/** An endpoint failing every attempt for this long is disabled (Svix's rule). */
export const FAILING_ENDPOINT_DISABLE_MS = 5 * 24 * 3_600_000;

/**
 * Runs attempt n of one delivery: sign with the endpoint's secret(s), POST, record the attempt and
 * schedule attempt n+1 on the retry schedule, all fenced on the attempt number so a re-run after a
 * crash never records twice (it may send twice: at-least-once, the receiver dedupes on webhook-id).
 */
export function deliverJob(ctx: BridgeContext): JobDefinition<DeliverPayload> {
  const secrets = new EndpointSecrets(ctx);
  // Deliveries share database round trips: the jobs of one lease read their contexts in one
  // statement, and successes finishing together are recorded in one. On this project's VMs each
  // round trip to PostgreSQL cost more of the bridge's CPU than everything else of a delivery.
  const contexts = new CallBatcher<string, DeliveryContext | null>({
    maxBatch: 64,
    gatherTurn: true,
    run: async (ids) => {
      const found = await loadDeliveryContexts(dbOf(ctx.storage), ids);
      return ids.map((id) => found.get(id) ?? null);
    },
  });
  const successes = new CallBatcher<AttemptOutcome, boolean>({
    maxBatch: 64,
    // On PostgreSQL the group is one atomic statement: no transaction, no BEGIN and COMMIT round trips.
    run: (outcomes) => {
      const db = dbOf(ctx.storage);
      if (db.dialect === "postgres") return recordAttempts(db, outcomes);
      return ctx.storage.transaction((tx) => recordAttempts(dbOf(tx), outcomes));
    },
  });
  return deliverJobType.define(async (payload) => {
    await ctx.ready;
    const db = dbOf(ctx.storage);
    const loaded = await contexts.call(payload.deliveryId);
    if (loaded?.delivery.status !== "pending" || loaded.delivery.attempts >= payload.attempt) return;
    const { delivery, endpoint, message } = loaded;
    const isTest = delivery.originKey === "test";
    if (endpoint.deleted || (!endpoint.enabled && !isTest)) {
      const reason = endpoint.deleted ? "endpoint deleted" : "endpoint disabled";
      await abandonDelivery(db, delivery.id, reason, ctx.now());
      return;
    }
    const signingSecrets = await secrets.of(endpoint);

    const startedAt = ctx.now();
    const verdict = await ctx.guard.check(endpoint.url);
    const result: PostResult = verdict.ok
      ? await postWebhook({
          url: verdict.url,
          address: verdict.address,
          family: verdict.family,
          headers: webhookHeaders({
            id: message.id,
            timestampMs: startedAt,
            body: message.body,
            secrets: signingSecrets,
          }),
          body: message.body,
          timeoutMs: ctx.config.deliveryTimeoutMs,
        })
      : { status: null, body: "", error: `destination refused: ${verdict.reason}`, latencyMs: 0 };
    const finishedAt = ctx.now();
    const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
    const gone = result.status === 410;
    const delay = succeeded || gone ? null : retryDelayMs(payload.attempt, ctx.random);

    const outcome: AttemptOutcome = {
      attempt: {
        id: newId("atp", startedAt),
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        messageId: message.id,
        endpointId: endpoint.id,
        attempt: payload.attempt,
        status: succeeded ? "succeeded" : "failed",
        responseStatus: result.status,
        responseBody: result.body === "" ? null : result.body,
        error: result.error,
        latencyMs: result.latencyMs,
        startedAt,
      },
      status: succeeded ? "succeeded" : delay === null ? "failed" : "pending",
      nextAttemptAt: delay === null ? null : finishedAt + delay,
      now: finishedAt,
    };
    // The common case (a success on a healthy endpoint) writes nothing but the attempt, grouped with
    // the other successes of the moment.
    if (succeeded && endpoint.failingSince === null) {
      await successes.call(outcome);
      ctx.logger.debug(logEntryOf(delivery, message, endpoint, payload.attempt, result), "webhook delivered");
      return;
    }
    await ctx.storage.transaction(async (tx) => {
      const tdb = dbOf(tx);
      const [recorded] = await recordAttempts(tdb, [outcome]);
      if (!recorded) return;
      if (succeeded) {
        if (endpoint.failingSince !== null) await noteEndpointSuccess(tdb, endpoint.id);
        return;
      }
      if (delay !== null) await scheduleDelivery(tx, delivery, payload.attempt + 1, finishedAt + delay);
      const log = (code: string, text: string) =>
        appendMerchantLog(tdb, {
          tenantId: delivery.tenantId,
          level: "warn",
          code,
          message: text,
          data: { endpoint_id: endpoint.id, url: endpoint.url, message_id: message.id },
          now: finishedAt,
        });
      if (gone) {
        if (await disableEndpoint(tdb, endpoint.id, "the endpoint answered 410 Gone", finishedAt)) {
          await log("endpoint.disabled", `Endpoint ${endpoint.url} answered 410 Gone and was disabled`);
        }
        return;
      }
      if (delay === null) {
        await log(
          "message.attempts_exhausted",
          `Message ${message.id} failed ${payload.attempt} attempts to ${endpoint.url}`,
        );
      }
      if (!endpoint.enabled) return;
      const failingSince = await noteEndpointFailure(tdb, endpoint.id, finishedAt);
      if (finishedAt - failingSince >= FAILING_ENDPOINT_DISABLE_MS) {
        const reason = "every delivery failed for 5 days";
        if (await disableEndpoint(tdb, endpoint.id, reason, finishedAt)) {
          await log("endpoint.disabled", `Endpoint ${endpoint.url} was disabled: ${reason}`);
        }
      }
    });
    const logEntry = logEntryOf(delivery, message, endpoint, payload.attempt, result);
    if (succeeded) ctx.logger.debug(logEntry, "webhook delivered");
    else ctx.logger.warn({ ...logEntry, error: result.error, retryInMs: delay }, "webhook delivery failed");
  });
}

function logEntryOf(
  delivery: { tenantId: string },
  message: { id: string },
  endpoint: { id: string },
  attempt: number,
  result: PostResult,
) {
  return {
    tenantId: delivery.tenantId,
    messageId: message.id,
    endpointId: endpoint.id,
    attempt,
    status: result.status,
    latencyMs: result.latencyMs,
  };
}

/**
 * An endpoint's signing keys, read and prepared once per endpoint and secret generation instead of
 * once per delivery: on PostgreSQL that read was one of the four round trips of a delivery. A
 * rotation always writes a new `previous_secret_until`, which every delivery reads fresh with its
 * context, so the first delivery after a rotation (on any instance) reads the new secrets.
 */
class EndpointSecrets {
  readonly #ctx: BridgeContext;
  readonly #read = new Map<string, { current: KeyObject; previous: KeyObject | null }>();

  constructor(ctx: BridgeContext) {
    this.#ctx = ctx;
  }

  async of(endpoint: {
    id: string;
    tenantId: string;
    previousSecretUntil: number | null;
  }): Promise<KeyObject[]> {
    const generation = `${endpoint.id}:${endpoint.previousSecretUntil ?? "none"}`;
    let read = this.#read.get(generation);
    if (!read) {
      const { storage } = this.#ctx;
      const current = await storage.getSecret(endpoint.tenantId, secretName(endpoint.id));
      if (!current) throw new Error(`endpoint ${endpoint.id} has no signing secret`);
      const previous =
        endpoint.previousSecretUntil === null
          ? null
          : await storage.getSecret(endpoint.tenantId, previousSecretName(endpoint.id));
      read = { current: webhookKey(current), previous: previous === null ? null : webhookKey(previous) };
      if (this.#read.size >= 10_000) this.#read.clear();
      this.#read.set(generation, read);
    }
    // The overlap ends by the clock, not by a write: checked at every delivery.
    const overlapping =
      endpoint.previousSecretUntil !== null && endpoint.previousSecretUntil > this.#ctx.now();
    return overlapping && read.previous ? [read.current, read.previous] : [read.current];
  }
}
