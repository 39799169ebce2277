import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { defineOperation, type Operation, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { getAgency, listAgencies, listApiKeys, revokeApiKey } from "./agency-store.ts";
import {
  agencyView,
  agencyViewSchema,
  apiKeyView,
  apiKeyViewSchema,
  issuedApiKeySchema,
} from "./agency-views.ts";
import { createAgency, issueApiKey } from "./issue-api-key.ts";

const keyBody = z.object({ label: z.string().trim().min(1).max(100).default("default") });

export function agencyOperations(ctx: BridgeContext): Operation[] {
  const issued = (key: Parameters<typeof apiKeyView>[0], token: string) => ({ ...apiKeyView(key), token });
  return [
    defineOperation({
      id: "createAgency",
      method: "post",
      path: "/v1/operator/agencies",
      summary: "Onboard an agency and issue its first API key",
      tag: "Operator",
      auth: "operator",
      body: z.object({
        name: z.string().trim().min(1).max(200),
        key_label: z.string().trim().min(1).max(100).default("default"),
      }),
      responses: {
        201: {
          description: "The agency and its key (token shown once)",
          schema: z.object({ agency: agencyViewSchema, api_key: issuedApiKeySchema }),
        },
      },
      async handle({ body }) {
        const created = await ctx.storage.transaction((tx) =>
          createAgency(tx, { name: body.name, keyLabel: body.key_label, now: ctx.now() }),
        );
        ctx.logger.info({ agencyId: created.agency.id, apiKeyId: created.key.id }, "agency created");
        return ok(201, { agency: agencyView(created.agency), api_key: issued(created.key, created.token) });
      },
    }),
    defineOperation({
      id: "listAgencies",
      method: "get",
      path: "/v1/operator/agencies",
      summary: "List agencies",
      tag: "Operator",
      auth: "operator",
      responses: {
        200: { description: "Every agency", schema: z.object({ data: z.array(agencyViewSchema) }) },
      },
      async handle() {
        return ok(200, { data: (await listAgencies(dbOf(ctx.storage))).map(agencyView) });
      },
    }),
    defineOperation({
      id: "issueAgencyApiKey",
      method: "post",
      path: "/v1/operator/agencies/:agencyId/api-keys",
      summary: "Issue a key for an agency that lost access to all of its keys",
      tag: "Operator",
      auth: "operator",
      params: z.object({ agencyId: z.string() }),
      body: keyBody,
      responses: { 201: { description: "The key (token shown once)", schema: issuedApiKeySchema } },
      problems: ["not_found"],
      async handle({ params, body }) {
        if (!(await getAgency(dbOf(ctx.storage), params.agencyId)))
          return problem("not_found", `no agency ${params.agencyId}`, { field: "agencyId" });
        const { key, token } = await ctx.storage.transaction((tx) =>
          issueApiKey(tx, { agencyId: params.agencyId, label: body.label, now: ctx.now() }),
        );
        return ok(201, issued(key, token));
      },
    }),
    defineOperation({
      id: "getAgency",
      method: "get",
      path: "/v1/agency",
      summary: "The agency this API key belongs to",
      tag: "Agency",
      auth: "agency",
      responses: { 200: { description: "The calling agency", schema: agencyViewSchema } },
      async handle({ agencyId }) {
        const agency = agencyId ? await getAgency(dbOf(ctx.storage), agencyId) : null;
        if (!agency) throw new Error("authenticated agency vanished");
        return ok(200, agencyView(agency));
      },
    }),
    defineOperation({
      id: "listApiKeys",
      method: "get",
      path: "/v1/api-keys",
      summary: "List the agency's API keys (secrets masked)",
      tag: "Agency",
      auth: "agency",
      responses: {
        200: {
          description: "Keys, revoked ones included",
          schema: z.object({ data: z.array(apiKeyViewSchema) }),
        },
      },
      async handle({ agencyId }) {
        return ok(200, { data: (await listApiKeys(dbOf(ctx.storage), agencyId ?? "")).map(apiKeyView) });
      },
    }),
    defineOperation({
      id: "createApiKey",
      method: "post",
      path: "/v1/api-keys",
      summary: "Issue another API key (e.g. before rotating the current one)",
      tag: "Agency",
      auth: "agency",
      body: keyBody,
      responses: { 201: { description: "The key (token shown once)", schema: issuedApiKeySchema } },
      async handle({ agencyId, body }) {
        const { key, token } = await ctx.storage.transaction((tx) =>
          issueApiKey(tx, { agencyId: agencyId ?? "", label: body.label, now: ctx.now() }),
        );
        ctx.logger.info({ agencyId, apiKeyId: key.id }, "agency api key issued");
        return ok(201, issued(key, token));
      },
    }),
    defineOperation({
      id: "revokeApiKey",
      method: "delete",
      path: "/v1/api-keys/:keyId",
      summary: "Revoke an API key; it stops working at once",
      tag: "Agency",
      auth: "agency",
      params: z.object({ keyId: z.string() }),
      responses: { 204: { description: "Revoked" } },
      problems: ["not_found"],
      async handle({ agencyId, params }) {
        const revoked = await revokeApiKey(dbOf(ctx.storage), agencyId ?? "", params.keyId, ctx.now());
        if (!revoked) return problem("not_found", `no active key ${params.keyId}`, { field: "keyId" });
        ctx.logger.info({ agencyId, apiKeyId: params.keyId }, "agency api key revoked");
        return ok(204);
      },
    }),
  ];
}
