import type { JobHandler } from "@alma-suite/core/storage";
import { orderJobPayload } from "../jobs/job-types.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { sendPayLink } from "./send-pay-link.ts";

export function payLinkJob(deps: WooDeps): JobHandler {
  return async (payload) => {
    const { tenantId, orderId } = orderJobPayload.parse(payload);
    const result = await sendPayLink(deps, tenantId, orderId);
    deps.logger.info({ tenantId, orderId, result }, "pay-by-link order handled");
  };
}
