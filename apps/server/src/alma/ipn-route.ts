import { readBody } from "@alma-suite/core";
import { Router } from "express";
import type { IpnIntake } from "./ipn-intake.ts";

/**
 * `GET /alma/ipn/:tenantId?pid=…`, Alma's notification, through the same Express app as every
 * other request: its rate limits, access log, metrics and error answers are the app's.
 */
export function ipnRoute(intake: IpnIntake): Router {
  const router = Router();
  // Alma's notification has no body: anything over a few bytes is refused (413) before any lookup.
  router.get(
    "/alma/ipn/:tenantId",
    readBody({ types: [], limitBytes: 1024, as: "raw" }),
    async (req, res) => {
      const answer = await intake.receive(
        req.params.tenantId,
        req.query.pid ?? "",
        req.get("x-alma-signature") ?? "",
      );
      // Sent as is, not through res.json: a notification's answer is never cached nor asked for
      // again with If-None-Match, so hashing its body into an ETag would be work for nobody.
      res.statusCode = answer.status;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(JSON.stringify(answer.body));
    },
  );
  return router;
}
