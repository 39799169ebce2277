import type { z } from "zod";
import { amountSessionRequestSchema } from "../amount-session-request-schema.ts";

/** Body of the capture session request Shopify sends the payments app; only for `kind: authorization`. */
export const captureSessionRequestSchema = amountSessionRequestSchema("CaptureSession");
export type CaptureSessionRequest = z.output<typeof captureSessionRequestSchema>;
