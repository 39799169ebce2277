import { type JobDefinition, jobType, newId, type Tenant } from "@alma-suite/core/storage";
import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { type Db, dbOf } from "../db/bridge-db.ts";
import { insertDelivery } from "../events/delivery-store.ts";
import { listMessages } from "../events/message-store.ts";
import { scheduleDelivery } from "../events/schedule-delivery.ts";
import { problem } from "../http/problem.ts";
import { getEndpoint, getEndpointForDelivery } from "./endpoint-store.ts";
import { isFor } from "./replay-messages.ts";

export const REPLAY_JOB = "bridge:replay";
const BATCH = 200;

const replayJob = jobType(
  REPLAY_JOB,
  z.object({
    replayId: z.string(),
    tenantId: z.string(),
    endpointId: z.string(),
    since: z.int(),
    onlyFailed: z.boolean(),
    after: z.object({ createdAt: z.int(), id: z.string() }).nullable(),
    batch: z.int(),
  }),
);
type ReplayPayload = z.infer<typeof replayJob.payload>;

/**
 * Replays everything since a time to one endpoint (Svix's "recover"): by default only messages it
 * never received (failed, still retrying, or sent while it was disabled), now rather than at their
 * next retry; `onlyFailed: false` resends all. Receivers dedupe on webhook-id. Done by
 * a durable job, one batch at a time, so a long backlog survives restarts and holds no request.
 */
export async function startReplaySince(
  ctx: Pick<BridgeContext, "storage" | "now">,
  merchant: Tenant,
  input: { endpointId: string; since: number; onlyFailed: boolean },
): Promise<{ ok: true; replayId: string } | ReturnType<typeof problem>> {
  const endpoint = await getEndpoint(dbOf(ctx.storage), merchant.id, input.endpointId);
  if (!endpoint)
    return problem("endpoint_not_found", `no endpoint ${input.endpointId}`, { field: "endpointId" });
  if (!endpoint.enabled) return problem("invalid_state", "the endpoint is disabled; enable it first");
  const replayId = newId("rpl");
  const payload: ReplayPayload = { replayId, tenantId: merchant.id, ...input, after: null, batch: 0 };
  await replayJob.enqueue(ctx.storage, { key: `${REPLAY_JOB}:${replayId}:0`, payload });
  return { ok: true, replayId };
}

async function alreadyReceived(db: Db, messageId: string, endpointId: string): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 AS hit FROM bridge_deliveries WHERE message_id = $1 AND endpoint_id = $2 AND status = 'succeeded' LIMIT 1",
    [messageId, endpointId],
  );
  return rows.length > 0;
}

export function replaySinceJob(ctx: BridgeContext): JobDefinition<ReplayPayload> {
  return replayJob.define(async (p) => {
    await ctx.ready;
    const db = dbOf(ctx.storage);
    const endpoint = await getEndpointForDelivery(db, p.endpointId);
    if (!endpoint || endpoint.deleted || endpoint.tenantId !== p.tenantId) return;
    const messages = await listMessages(db, p.tenantId, {
      since: p.since,
      after: p.after ?? undefined,
      order: "asc",
      limit: BATCH,
    });
    await ctx.storage.transaction(async (tx) => {
      for (const message of messages) {
        if (!isFor(endpoint, message)) continue;
        if (p.onlyFailed && (await alreadyReceived(dbOf(tx), message.id, endpoint.id))) continue;
        const delivery = await insertDelivery(dbOf(tx), {
          id: newId("dlv"),
          tenantId: p.tenantId,
          messageId: message.id,
          endpointId: endpoint.id,
          originKey: `replay:${p.replayId}`,
          now: ctx.now(),
        });
        if (delivery) await scheduleDelivery(tx, delivery, 1, ctx.now());
      }
      const last = messages.at(-1);
      if (messages.length === BATCH && last) {
        const next: ReplayPayload = {
          ...p,
          after: { createdAt: last.createdAt, id: last.id },
          batch: p.batch + 1,
        };
        await replayJob.enqueue(tx, {
          key: `${REPLAY_JOB}:${p.replayId}:${next.batch}`,
          payload: next,
        });
      }
    });
  });
}
