import type { Request, Response } from "express";

/**
 * The sandbox's root (the base URL given to Alma clients): what a developer opening it in a
 * browser needs, instead of a 404. Alma's own API root has no such page; this one points at the
 * sandbox's tools.
 */
export function sandboxIndex(req: Request, res: Response): void {
  const base = req.baseUrl;
  res.json({
    name: "Alma sandbox",
    description: "Alma's API for tests: test keys (sk_test_…) only, no real money moves.",
    api: { v1: `${base}/v1`, v2: `${base}/v2`, auth: "Authorization: Alma-Auth sk_test_…" },
    hosted_page: `${base}/checkout/:payment_id`,
    tools: {
      test_cards: `${base}/_admin/test-cards`,
      ipns: `${base}/_admin/ipns`,
      sms: `${base}/_admin/sms`,
    },
  });
}
