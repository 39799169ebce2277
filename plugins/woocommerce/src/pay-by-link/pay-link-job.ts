import type { JobDefinition } from "@alma-suite/core/storage";
import { type OrderJobPayload, payLinkJobType } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { sendPayLink } from "./send-pay-link.ts";

export function payLinkJob(deps: WooDeps): JobDefinition<OrderJobPayload> {
  return payLinkJobType.define(async ({ tenantId, orderId }) => {
    const result = await sendPayLink(deps, tenantId, orderId);
    deps.logger.info({ tenantId, orderId, result }, "pay-by-link order handled");
  });
}
