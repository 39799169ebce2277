import type { RequestHandler, Response } from "express";
import type { MerchantRecord } from "../merchants/merchant-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import { CREDENTIALS_INVALID, resolveMerchant } from "./resolve-merchant.ts";

/**
 * `Authorization: Alma-Auth <key>` with a key the sandbox issued (test or live: each opens its own
 * environment). On paths matching `merchantIdAllowedOn`, `Alma-Merchant-Auth merchant_…` is accepted
 * too (browser widgets call eligibility that way). Anything else: 401 with Alma's message.
 */
export function authenticate(
  ctx: SandboxContext,
  options: { merchantIdAllowedOn?: RegExp } = {},
): RequestHandler {
  return (req, res, next) => {
    const allowMerchantId = options.merchantIdAllowedOn?.test(req.path) ?? false;
    const result = resolveMerchant(ctx, req.get("authorization"), allowMerchantId);
    if (!result.ok) {
      res.status(401).json({ message: CREDENTIALS_INVALID });
      return;
    }
    res.locals.merchant = result.merchant;
    next();
  };
}

export function merchantOf(res: Response): MerchantRecord {
  const merchant = res.locals.merchant as MerchantRecord | undefined;
  if (!merchant) throw new Error("merchantOf used on a route without authenticate()");
  return merchant;
}
