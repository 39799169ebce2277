import type { z } from "zod";
import { amountSessionRequestSchema } from "../amount-session-request-schema.ts";

/** Body of Shopify's refund session request (reference §3). */
export const refundSessionRequestSchema = amountSessionRequestSchema("RefundSession");
export type RefundSessionRequest = z.output<typeof refundSessionRequestSchema>;
