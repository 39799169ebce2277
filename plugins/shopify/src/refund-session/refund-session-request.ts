import type { z } from "zod";
import { amountSessionRequestSchema } from "../amount-session-request-schema.ts";

/** Body of the refund session request Shopify sends the payments app. */
export const refundSessionRequestSchema = amountSessionRequestSchema("RefundSession");
export type RefundSessionRequest = z.output<typeof refundSessionRequestSchema>;
