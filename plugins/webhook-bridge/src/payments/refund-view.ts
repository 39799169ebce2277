import type { Refund } from "@alma-suite/core/storage";
import { z } from "zod";
import { isoTime } from "../http/views.ts";

export const refundViewSchema = z.object({
  object: z.literal("refund"),
  id: z.string(),
  reference: z.string().describe("Yours, or generated; Alma's merchant_reference"),
  amount: z.int().describe("Cents"),
  status: z.enum(["pending", "succeeded", "failed"]),
  origin: z.enum(["platform", "alma"]).describe("platform: through this API; alma: made in Alma's dashboard"),
  alma_refund_id: z.string().nullable(),
  created_at: z.string(),
});

export function refundView(refund: Refund): z.infer<typeof refundViewSchema> {
  return {
    object: "refund",
    id: refund.id,
    reference: refund.platformRefundRef,
    amount: refund.amountCents,
    status: refund.state,
    origin: refund.origin,
    alma_refund_id: refund.almaRefundId,
    created_at: isoTime(refund.createdAt) ?? "",
  };
}
