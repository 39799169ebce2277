import { isPermanentJobError, type PaymentLink } from "@alma-suite/core/storage";
import type { SessionRecord } from "../payment-session/session-record.ts";
import { mutationJobType, mutationKey, resolveKey } from "./mutation-job.ts";
import { latestNextAction } from "./next-action.ts";
import { type MutationDeps, runMutation } from "./run-mutation.ts";

/**
 * Where to send the buyer now: the `nextAction` of the session's final mutation, running its
 * queued job inline when Shopify has not answered it yet (the worker would too; Shopify answers a
 * repeated mutation with the first result). Null while nothing is decided or Shopify is
 * unreachable: the caller shows a page that checks again.
 */
export async function settleSession(
  deps: MutationDeps,
  link: PaymentLink,
  session: SessionRecord,
): Promise<string | null> {
  const latest = await latestNextAction(deps.storage, link.tenantId, link.id);
  if (latest?.final) return latest.url;
  const runQueued = async (key: string): Promise<string | null> => {
    const job = await deps.storage.getJobByKey(key);
    const payload = mutationJobType.read(job);
    if (!payload || payload.paymentLinkId !== link.id) return null;
    try {
      const outcome = await runMutation(deps, payload);
      return outcome.status === "accepted" ? outcome.nextActionUrl : null;
    } catch (error) {
      // A refused document was logged as an error where it was sent; its job dies on its own run.
      if (!isPermanentJobError(error))
        deps.logger.warn(
          { tenantId: link.tenantId, key, err: String(error) },
          "inline mutation failed; the job retries",
        );
      return null;
    }
  };
  const final =
    (await runQueued(resolveKey(link.tenantId, session.group))) ??
    (await runQueued(mutationKey("paymentSessionReject", session.gid)));
  if (final) return final;
  return latest?.url ?? (await runQueued(mutationKey("paymentSessionPending", session.gid)));
}
