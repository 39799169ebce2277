import { findUnstorableText, parseJsonText, readBody, UNSTORABLE_TEXT } from "@alma-suite/core";
import { type Request, type Response, Router } from "express";
import type { z } from "zod";
import { loadStore, type StoreContext } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyGatewaySignature } from "./gateway-signature.ts";

export type GatewayHandler<T> = (input: { store: StoreContext; body: T; res: Response }) => Promise<void>;

/**
 * `POST /woocommerce/gateway/:storeId/<action>`: a call from our WordPress gateway. The raw body is
 * verified with the store's gateway secret before it is parsed; then validated with `schema`.
 */
export function gatewayRoute<T>(
  deps: WooDeps,
  action: string,
  schema: z.ZodType<T>,
  handler: GatewayHandler<T>,
): Router {
  const router = Router();
  router.post(
    `/gateway/:storeId/${action}`,
    readBody({ types: ["application/json"], limitBytes: 256 * 1024, as: "raw" }),
    async (req: Request, res) => {
      const tenantId = String(req.params.storeId);
      const tenant = await deps.storage.getTenant(tenantId);
      const secret =
        tenant?.platform === "woocommerce" && tenant.status === "active"
          ? await deps.storage.getSecret(tenantId, "gateway_secret")
          : null;
      if (!secret) {
        deps.logger.warn({ tenantId, action }, "gateway call for an unknown store");
        res.status(404).json({ error: "unknown store" });
        return;
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const verdict = verifyGatewaySignature({
        secret,
        action,
        rawBody,
        timestamp: req.get(TIMESTAMP_HEADER),
        signature: req.get(SIGNATURE_HEADER),
        nowSeconds: Math.floor(deps.now() / 1000),
        toleranceSeconds: deps.config.gatewayToleranceSeconds,
      });
      if (!verdict.ok) {
        deps.logger.warn({ tenantId, action, reason: verdict.error }, "gateway call refused");
        res.status(401).json({ error: verdict.error });
        return;
      }
      let json: unknown;
      try {
        json = parseJsonText(rawBody.toString("utf8"));
      } catch (error) {
        deps.logger.warn({ tenantId, action, reason: (error as Error).message }, "gateway call refused");
        res.status(400).json({ error: (error as Error).message });
        return;
      }
      const parsed = schema.safeParse(json);
      const unstorable = findUnstorableText(json);
      if (unstorable) {
        deps.logger.warn({ tenantId, action, field: unstorable }, "gateway call refused: unstorable text");
        res.status(400).json({ error: `${unstorable} ${UNSTORABLE_TEXT}`, fields: [unstorable] });
        return;
      }
      if (!parsed.success) {
        deps.logger.warn({ tenantId, action }, "gateway call refused: invalid body");
        res
          .status(400)
          .json({ error: "invalid body", fields: parsed.error.issues.map((i) => i.path.join(".")) });
        return;
      }
      const store = await loadStore(deps, tenantId);
      if (!store) {
        res.status(404).json({ error: "unknown store" });
        return;
      }
      await handler({ store, body: parsed.data, res });
    },
  );
  return router;
}
