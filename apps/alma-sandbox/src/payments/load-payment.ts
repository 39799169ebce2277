import type { Request, Response } from "express";
import { merchantOf } from "../auth/authenticate.ts";
import { sendNotFound } from "../http/send-error.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { PaymentRecord } from "./payment-record.ts";

/** The payment named by `:id` if the caller owns it; otherwise answers 404 and returns undefined. */
export function loadPayment(ctx: SandboxContext, req: Request, res: Response): PaymentRecord | undefined {
  const id = String(req.params.id ?? "");
  const record = ctx.payments.getOwned(merchantOf(res).id, id);
  if (!record) sendNotFound(res, "payment", id);
  return record;
}
