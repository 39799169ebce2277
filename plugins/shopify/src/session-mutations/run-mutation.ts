import type { PluginLogger } from "@alma-suite/core";
import { PermanentJobError, type Storage, type Tenant } from "@alma-suite/core/storage";
import {
  MUTATIONS,
  type MutationName,
  type MutationResult,
  readMutationResult,
} from "../payments-api/mutations.ts";
import type { PaymentsAppsClient } from "../payments-api/payments-apps-client.ts";
import { ShopifyAuthError, ShopifyGraphqlError } from "../payments-api/shopify-errors.ts";
import type { AccessTokens } from "../tenants/access-token.ts";
import type { MutationPayload } from "./mutation-job.ts";

export interface MutationDeps {
  storage: Storage;
  client: PaymentsAppsClient;
  tokens: AccessTokens;
  logger: PluginLogger;
  /** Mutations being sent by this process, by tenant, name and id (one per plugin instance). */
  inFlight: Map<string, Promise<MutationOutcome>>;
}

/**
 * Sends one mutation to the shop's Payments Apps API with a fresh token. Transport failures throw;
 * so does a document Shopify refused (`ShopifyGraphqlError`), logged here with the operation name.
 */
export async function sendMutation(
  deps: Pick<MutationDeps, "client" | "tokens" | "logger">,
  tenant: Tenant,
  name: MutationName,
  variables: Record<string, unknown>,
): Promise<MutationResult> {
  const token = await deps.tokens.tokenFor(tenant);
  try {
    const data = await deps.client.request(tenant.externalId, token, MUTATIONS[name], variables);
    return readMutationResult(name, data);
  } catch (error) {
    if (error instanceof ShopifyAuthError) deps.tokens.markRejected(tenant.id);
    if (error instanceof ShopifyGraphqlError)
      deps.logger.error(
        { tenantId: tenant.id, shop: tenant.externalId, mutation: name, shopifyMessage: error.message },
        "Shopify refused the document of the mutation; sending it again cannot help",
      );
    throw error;
  }
}

export type MutationOutcome =
  | { status: "accepted"; nextActionUrl: string | null }
  | { status: "refused"; messages: string[] }
  | { status: "skipped"; why: string };

/**
 * The `shopify:mutation` job and its inline twin (the customer's return runs it at once to learn
 * where to send the buyer). Shopify applies a mutation once per id and operation and answers a
 * repeat with the first result, so running it twice is harmless. User errors are Shopify's final
 * word (the session is already final, not found…): recorded, not retried.
 */
export function runMutation(deps: MutationDeps, payload: MutationPayload): Promise<MutationOutcome> {
  // Concurrent runs of one mutation in this process (returns racing the worker) share one call.
  const key = `${payload.tenantId}:${payload.name}:${String(payload.variables.id ?? "")}`;
  const running = deps.inFlight.get(key);
  if (running) return running;
  const started = runOnce(deps, payload).finally(() => deps.inFlight.delete(key));
  deps.inFlight.set(key, started);
  return started;
}

async function runOnce(deps: MutationDeps, payload: MutationPayload): Promise<MutationOutcome> {
  const tenant = await deps.storage.getTenant(payload.tenantId);
  if (tenant?.status !== "active") {
    deps.logger.warn(
      { tenantId: payload.tenantId, mutation: payload.name },
      "mutation dropped: shop uninstalled",
    );
    return { status: "skipped", why: "shop uninstalled" };
  }
  const gid = String(payload.variables.id ?? "");
  const base = { tenantId: tenant.id, paymentLinkId: payload.paymentLinkId };
  const events = await deps.storage.listPaymentEvents(tenant.id, payload.paymentLinkId, { limit: 1000 });
  const done = events.find((e) => e.type === `shopify.${payload.name}` && e.data.gid === gid);
  // Already answered (the buyer's return ran it inline): Shopify would only repeat its answer.
  if (done) return { status: "accepted", nextActionUrl: (done.data.nextActionUrl as string | null) ?? null };
  let result: MutationResult;
  try {
    result = await sendMutation(deps, tenant, payload.name, payload.variables);
  } catch (error) {
    if (!(error instanceof ShopifyGraphqlError)) throw error;
    // The job dies now with Shopify's words as its last error, for the dashboard's jobs page.
    throw new PermanentJobError(`Shopify refused ${payload.name}: ${error.message}`, { cause: error });
  }
  if (!result.ok) {
    const messages = result.userErrors.map((e) => `${e.code ?? "ERROR"}: ${e.message}`);
    // A refused resolve means Alma took the money but Shopify made no order: someone must act.
    const log = payload.name === "paymentSessionResolve" ? deps.logger.error : deps.logger.warn;
    log.call(deps.logger, { ...base, gid, mutation: payload.name, messages }, "Shopify refused the mutation");
    await deps.storage.appendPaymentEvent({
      ...base,
      type: `shopify.${payload.name}.refused`,
      data: { gid, messages },
    });
    return { status: "refused", messages };
  }
  await deps.storage.appendPaymentEvent({
    ...base,
    type: `shopify.${payload.name}`,
    data: { gid, nextActionUrl: result.nextActionUrl },
  });
  deps.logger.info({ ...base, gid, mutation: payload.name }, "Shopify accepted the mutation");
  return { status: "accepted", nextActionUrl: result.nextActionUrl };
}
