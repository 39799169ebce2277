import { Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendValidationError } from "../http/send-error.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { IntegrationConfiguration } from "./integration-configuration.ts";

const bodySchema = z.object({
  collect_data_url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
});

/**
 * `PUT /v1/integration-configuration/api {collect_data_url}`: the shop URL Alma would call to
 * collect CMS data. Recorded (readable at `/_admin/integrations`), never called; 204.
 */
export function integrationConfigurationRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.put("/v1/integration-configuration/api", (req, res) => {
    const parsed = parseWith(bodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const merchantId = merchantOf(res).id;
    const record: IntegrationConfiguration = {
      merchant_id: merchantId,
      collect_data_url: parsed.value.collect_data_url,
      updated: ctx.clock.nowSeconds(),
    };
    ctx.store.integrations.put(merchantId, record, { owner: merchantId });
    res.status(204).end();
  });

  return router;
}
