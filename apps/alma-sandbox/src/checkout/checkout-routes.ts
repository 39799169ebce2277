import express, { type Request, type Response, Router } from "express";
import type { PaymentRecord } from "../payments/payment-record.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import {
  type StepResult,
  showCheckout,
  showConfirm,
  showThreeDs,
  submitCard,
  submitConfirm,
  submitThreeDs,
} from "./checkout-steps.ts";
import { checkoutText } from "./checkout-text.ts";
import { renderMessagePage } from "./render-step-pages.ts";

// No scripts at all; forms may post back here and redirect to the merchant's (any) origin.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'";

/**
 * The hosted payment page, `/checkout/:id`. Plain HTML forms with POST-redirect-GET between the
 * steps: card → 3-D Secure → confirm → 303 to the merchant's return_url.
 */
export function checkoutRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.use("/checkout", express.urlencoded({ extended: false, limit: "16kb" }));

  const step =
    (run: (record: PaymentRecord, req: Request, base: string) => StepResult) =>
    (req: Request, res: Response) => {
      res
        .set("Content-Security-Policy", CSP)
        .set("Cache-Control", "no-store")
        .set("Referrer-Policy", "no-referrer");
      const id = String(req.params.id);
      const record = ctx.payments.get(id);
      if (!record) {
        const text = checkoutText(typeof req.query.lang === "string" ? req.query.lang : null);
        res
          .status(404)
          .type("html")
          .send(
            renderMessagePage(
              text,
              text.t("outcome.notFoundTitle"),
              "not_found",
              text.t("outcome.notFound", { id }),
              [],
            ),
          );
        return;
      }
      const result = run(record, req, req.baseUrl);
      if ("redirect" in result) res.redirect(303, result.redirect);
      else res.status(result.status).type("html").send(result.html);
    };

  router.get(
    "/checkout/:id",
    step((record, _req, base) => showCheckout(ctx, record, base)),
  );
  router.post(
    "/checkout/:id/card",
    step((record, req, base) => submitCard(ctx, record, req.body, base)),
  );
  router.get(
    "/checkout/:id/3ds",
    step((record, _req, base) => showThreeDs(record, base)),
  );
  router.post(
    "/checkout/:id/3ds",
    step((record, req, base) => submitThreeDs(ctx, record, req.body, base)),
  );
  router.get(
    "/checkout/:id/confirm",
    step((record, _req, base) => showConfirm(ctx, record, base)),
  );
  router.post(
    "/checkout/:id/confirm",
    step((record, _req, base) => submitConfirm(ctx, record, base)),
  );
  return router;
}
