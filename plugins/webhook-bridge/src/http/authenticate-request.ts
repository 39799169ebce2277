import { constantTimeEqual } from "@alma-suite/core";
import type { Request } from "express";
import { authenticateAgency } from "../agencies/authenticate-agency.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import type { Auth } from "./operation.ts";
import type { Problem } from "./problem.ts";

export interface Principal {
  agencyId: string | null;
  apiKeyId: string | null;
}

/** Authenticates before the body is even parsed, so an anonymous caller costs us no parsing. */
export async function authenticateRequest(
  ctx: BridgeContext,
  auth: Auth,
  req: Request,
): Promise<{ ok: true; principal: Principal } | { ok: false; problem: Problem }> {
  if (auth === "public") return { ok: true, principal: { agencyId: null, apiKeyId: null } };
  const header = req.get("authorization");
  if (auth === "operator") {
    const expected = ctx.config.operatorToken;
    if (!expected) {
      return {
        ok: false,
        problem: { slug: "operator_api_disabled", detail: "set BRIDGE_OPERATOR_TOKEN or ADMIN_TOKEN" },
      };
    }
    const presented = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? "")?.[1] ?? "";
    if (!constantTimeEqual(presented, expected)) {
      return {
        ok: false,
        problem: { slug: "unauthorized", detail: "a valid operator bearer token is required" },
      };
    }
    return { ok: true, principal: { agencyId: null, apiKeyId: null } };
  }
  const result = await authenticateAgency(dbOf(ctx.storage), header, ctx.now());
  if (!result.ok) {
    const detail =
      result.reason === "missing"
        ? "send the agency API key as `Authorization: Bearer abk_…`"
        : result.reason === "revoked"
          ? "this API key has been revoked"
          : "this API key is not valid";
    return { ok: false, problem: { slug: "unauthorized", detail } };
  }
  return { ok: true, principal: { agencyId: result.agencyId, apiKeyId: result.apiKeyId } };
}
