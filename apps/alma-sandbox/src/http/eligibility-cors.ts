import type { RequestHandler } from "express";

const ELIGIBILITY = /^\/v[12]\/payments\/eligibility\/?$/;

/**
 * Shops call eligibility from the customer's browser, on their own origin, with the merchant id
 * (Alma's widgets and ours do): the eligibility routes answer any origin, preflight included.
 * No cookie is involved (credentials stay off) and every other route stays closed to browsers.
 */
export function eligibilityCors(): RequestHandler {
  return (req, res, next) => {
    if (!ELIGIBILITY.test(req.path)) return next();
    res.set("access-control-allow-origin", "*");
    if (req.method !== "OPTIONS") return next();
    res
      .set({
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "authorization, content-type",
        "access-control-max-age": "600",
      })
      .status(204)
      .end();
  };
}
