import type { PlatformAdapter } from "@alma-suite/core";
import type { JobDefinition } from "@alma-suite/core/storage";
import { type RefundJobPayload, refundJobType } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { refundAtAlma } from "./refund-at-alma.ts";

export function refundJob(deps: WooDeps, adapter: PlatformAdapter): JobDefinition<RefundJobPayload> {
  return refundJobType.define(async ({ tenantId, refundId }, ctx) => {
    // Never two at once in this process for the same refund; across processes the job's lease does it.
    const result = await deps.locks.run(`${tenantId}:refund:${refundId}`, () =>
      refundAtAlma(deps, adapter, tenantId, refundId, ctx.renewLease),
    );
    if (result.status === "skipped")
      deps.logger.warn({ tenantId, refundId, why: result.message }, "refund skipped");
  });
}
