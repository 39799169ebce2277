import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { defineMerchantOperation, defineOperation, type Operation, ok } from "../http/operation.ts";
import {
  cursorSchema,
  decodeCursor,
  encodeCursor,
  limitSchema,
  listBody,
  listSchema,
} from "../http/views.ts";
import { MERCHANT_REF } from "./find-merchant.ts";
import { listMerchantLog } from "./merchant-log.ts";
import { merchantView, merchantViewSchema } from "./merchant-view.ts";
import { upsertMerchant } from "./upsert-merchant.ts";

const merchantRefParam = z.object({
  merchantRef: z.string().regex(MERCHANT_REF, "1 to 64 letters, digits, dots, dashes or underscores"),
});

const logEntrySchema = z.object({
  id: z.string(),
  level: z.enum(["info", "warn", "error"]),
  code: z.string().describe("Stable, e.g. endpoint.disabled"),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export function merchantOperations(ctx: BridgeContext): Operation[] {
  return [
    defineOperation({
      id: "putMerchant",
      method: "put",
      path: "/v1/merchants/:merchantRef",
      summary: "Create or update a merchant with its own Alma keys",
      description: "Keys are checked with Alma, stored encrypted and never shown again in full.",
      tag: "Merchants",
      auth: "agency",
      params: merchantRefParam,
      body: z.object({
        name: z.string().trim().min(1).max(200),
        alma_mode: z.enum(["test", "live"]).optional(),
        alma_test_key: z
          .string()
          .regex(/^sk_test_[A-Za-z0-9]+$/, "an Alma test key, sk_test_…")
          .optional(),
        alma_live_key: z
          .string()
          .regex(/^sk_live_[A-Za-z0-9]+$/, "an Alma live key, sk_live_…")
          .optional(),
      }),
      responses: {
        200: { description: "Updated", schema: merchantViewSchema },
        201: { description: "Created", schema: merchantViewSchema },
      },
      problems: ["alma_key_rejected", "alma_unavailable"],
      async handle({ agencyId, params, body }) {
        const result = await upsertMerchant(ctx, {
          agencyId: agencyId ?? "",
          merchantRef: params.merchantRef,
          name: body.name,
          almaMode: body.alma_mode,
          almaTestKey: body.alma_test_key,
          almaLiveKey: body.alma_live_key,
        });
        if (!result.ok) return result;
        return ok(result.created ? 201 : 200, await merchantView(ctx.storage, result.tenant));
      },
    }),
    defineOperation({
      id: "listMerchants",
      method: "get",
      path: "/v1/merchants",
      summary: "The agency's merchants",
      tag: "Merchants",
      auth: "agency",
      responses: {
        200: { description: "Merchants", schema: z.object({ data: z.array(merchantViewSchema) }) },
      },
      async handle({ agencyId }) {
        const tenants = (await ctx.storage.listTenants({ platform: "bridge", status: "active" })).filter(
          (t) => t.settings.agencyId === agencyId,
        );
        return ok(200, { data: await Promise.all(tenants.map((t) => merchantView(ctx.storage, t))) });
      },
    }),
    defineMerchantOperation({
      id: "getMerchant",
      method: "get",
      path: "/v1/merchants/:merchantRef",
      summary: "One merchant",
      tag: "Merchants",
      responses: { 200: { description: "The merchant", schema: merchantViewSchema } },
      async handle({ merchant }) {
        return ok(200, await merchantView(ctx.storage, merchant));
      },
    }),
    defineMerchantOperation({
      id: "listMerchantLog",
      method: "get",
      path: "/v1/merchants/:merchantRef/log",
      summary: "What the merchant should know: disabled endpoints, exhausted deliveries, refused refunds",
      tag: "Merchants",
      query: z.object({ limit: limitSchema, cursor: cursorSchema }),
      responses: { 200: { description: "Newest first", schema: listSchema(logEntrySchema) } },
      async handle({ merchant, query }) {
        const before = decodeCursor(query.cursor);
        const entries = await listMerchantLog(dbOf(ctx.storage), merchant.id, {
          before,
          limit: query.limit + 1,
        });
        const body = listBody(entries, query.limit, (e) => encodeCursor(e.at, e.id));
        return ok(200, { ...body, data: body.data.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) });
      },
    }),
  ];
}
