import type { z } from "zod";
import { amountSessionRequestSchema } from "../amount-session-request-schema.ts";

/** Body of Shopify's capture session request (reference §3); only for `kind: authorization`. */
export const captureSessionRequestSchema = amountSessionRequestSchema("CaptureSession");
export type CaptureSessionRequest = z.output<typeof captureSessionRequestSchema>;
