import type { Tenant } from "@alma-suite/core/storage";
import { newId } from "@alma-suite/core/storage";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { problem } from "../http/problem.ts";
import {
  type Endpoint,
  type EndpointPatch,
  getEndpoint,
  insertEndpoint,
  previousSecretName,
  secretName,
  startSecretOverlap,
  updateEndpoint,
} from "./endpoint-store.ts";
import { generateWebhookSecret } from "./webhook-signature.ts";

type Ctx = Pick<BridgeContext, "storage" | "guard" | "now" | "config" | "logger">;

/** Refuses a destination the delivery job would refuse anyway, so the agency hears it when it types it. */
async function checkUrl(ctx: Ctx, url: string) {
  const verdict = await ctx.guard.check(url);
  return verdict.ok ? undefined : problem("destination_not_allowed", verdict.reason, { field: "url" });
}

export async function createEndpoint(
  ctx: Ctx,
  merchant: Tenant,
  input: { url: string; description: string; eventTypes: string[] | null; enabled: boolean; secret?: string },
): Promise<{ ok: true; endpoint: Endpoint; secret: string } | ReturnType<typeof problem>> {
  const refused = await checkUrl(ctx, input.url);
  if (refused) return refused;
  const secret = input.secret ?? generateWebhookSecret();
  const endpoint = await ctx.storage.transaction(async (tx) => {
    const created = await insertEndpoint(dbOf(tx), {
      id: newId("ep"),
      tenantId: merchant.id,
      ...input,
      now: ctx.now(),
    });
    await tx.setSecret(merchant.id, secretName(created.id), secret);
    return created;
  });
  ctx.logger.info(
    { tenantId: merchant.id, endpointId: endpoint.id, url: endpoint.url },
    "webhook endpoint created",
  );
  return { ok: true, endpoint, secret };
}

export async function patchEndpoint(
  ctx: Ctx,
  merchant: Tenant,
  endpointId: string,
  patch: EndpointPatch,
): Promise<{ ok: true; endpoint: Endpoint } | ReturnType<typeof problem>> {
  if (patch.url !== undefined) {
    const refused = await checkUrl(ctx, patch.url);
    if (refused) return refused;
  }
  const endpoint = await updateEndpoint(dbOf(ctx.storage), merchant.id, endpointId, patch, ctx.now());
  if (!endpoint) return problem("endpoint_not_found", `no endpoint ${endpointId}`, { field: "endpointId" });
  return { ok: true, endpoint };
}

/**
 * New secret now; the previous one keeps signing beside it (two `v1,` signatures) until the
 * overlap ends, so receivers can switch without missing a delivery.
 */
export async function rotateEndpointSecret(
  ctx: Ctx,
  merchant: Tenant,
  endpointId: string,
  input: { secret?: string },
): Promise<{ ok: true; secret: string; previousValidUntil: number } | ReturnType<typeof problem>> {
  return ctx.storage.transaction(async (tx) => {
    const endpoint = await getEndpoint(dbOf(tx), merchant.id, endpointId);
    if (!endpoint) return problem("endpoint_not_found", `no endpoint ${endpointId}`, { field: "endpointId" });
    const until = ctx.now() + ctx.config.secretOverlapMs;
    // One overlap at a time: rotating again would drop the secret the first rotation promised
    // until its end, while receivers may still verify with it (or the agency lost the new one:
    // GET …/secret shows it).
    if (!(await startSecretOverlap(dbOf(tx), endpoint.id, until, ctx.now()))) {
      const running =
        (await getEndpoint(dbOf(tx), merchant.id, endpointId))?.previousSecretUntil ?? ctx.now();
      return problem(
        "invalid_state",
        `the previous secret still signs until ${new Date(running).toISOString()}; rotate again after that (GET the secret to read the current one)`,
      );
    }
    const current = await tx.getSecret(merchant.id, secretName(endpoint.id));
    if (!current) throw new Error(`endpoint ${endpoint.id} has no secret`);
    const secret = input.secret ?? generateWebhookSecret();
    await tx.setSecret(merchant.id, previousSecretName(endpoint.id), current);
    await tx.setSecret(merchant.id, secretName(endpoint.id), secret);
    ctx.logger.info({ tenantId: merchant.id, endpointId }, "webhook endpoint secret rotated");
    return { ok: true as const, secret, previousValidUntil: until };
  });
}

export async function readEndpointSecret(
  ctx: Ctx,
  merchant: Tenant,
  endpointId: string,
): Promise<{ ok: true; secret: string; previousValidUntil: number | null } | ReturnType<typeof problem>> {
  const endpoint = await getEndpoint(dbOf(ctx.storage), merchant.id, endpointId);
  if (!endpoint) return problem("endpoint_not_found", `no endpoint ${endpointId}`, { field: "endpointId" });
  const secret = await ctx.storage.getSecret(merchant.id, secretName(endpoint.id));
  if (!secret) throw new Error(`endpoint ${endpoint.id} has no secret`);
  const until = endpoint.previousSecretUntil;
  return { ok: true, secret, previousValidUntil: until !== null && until > ctx.now() ? until : null };
}
