import { z } from "zod";

/**
 * The parts of JSON answers that the journey tests read, checked as they are read: a test reading
 * a field the API no longer sends fails on the shape, not on an `undefined` further on.
 */
export const agencyCreated = z.object({ api_key: z.object({ token: z.string() }) });
export const checkoutCreated = z.object({ payment: z.object({ id: z.string() }), redirect_url: z.string() });
export const messageList = z.object({ data: z.array(z.object({ payment_id: z.string() })) });
export const paymentShown = z.object({ status: z.string() });
export const paymentChecks = z.object({ checks: z.array(z.unknown()) });
export const paymentCheck = z.object({ check: z.unknown() });

/** One HTTP answer: its status and its JSON body, left unknown until a schema above reads it. */
export async function jsonAnswer(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}
