import { type JsonSchema, jsonSchemaOf, openApiDocument } from "../openapi/openapi-document.ts";
import type { DashboardOperation } from "./dashboard-operations.ts";
import { dashboardErrorSchema } from "./dashboard-schemas.ts";

/**
 * What a route can refuse whatever it does: a body that is not JSON or holds text the database
 * cannot store (400), a change without the anti-forgery header (403), no session (401), a tenant
 * the session may not see (404, as for an unknown one).
 */
function refusals(op: DashboardOperation): Record<number, string> {
  const out: Record<number, string[]> = { 400: ["malformed request or invalid input"] };
  const add = (status: number, why: string) => {
    out[status] = [...(out[status] ?? []), why];
  };
  if (op.method !== "get") add(403, "changes need the X-Requested-With: alma-dashboard header");
  if (op.auth !== "public") add(401, "not signed in");
  if (op.path.includes(":")) add(404, "no such tenant for this session, or no such item");
  for (const [status, why] of Object.entries(op.refusals)) add(Number(status), why);
  return Object.fromEntries(Object.entries(out).map(([status, whys]) => [status, whys.join("; ")]));
}

/**
 * The dashboard API's OpenAPI 3.1 document, generated from the operations and the zod schemas
 * the server's routes read and answer with.
 */
export function dashboardApiDocument(
  operations: readonly DashboardOperation[],
  options: { version: string; serverUrl?: string },
): JsonSchema {
  const error = { "application/json": { schema: { $ref: "#/components/schemas/DashboardError" } } };
  return openApiDocument({
    routes: operations.map((op) => ({ ...op, responses: { [op.success.status]: op.success } })),
    pathPrefix: "/dashboard/api",
    info: {
      title: "alma-suite merchant dashboard API",
      version: options.version,
      description:
        "What the merchant dashboard's pages read and change. Amounts are integer cents, times epoch " +
        "milliseconds. Changes need the header X-Requested-With: alma-dashboard. Refusals are " +
        "{error, field?} with a 4xx status.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        dashboardSession: {
          type: "apiKey",
          in: "cookie",
          name: "alma_dashboard",
          description: "The session cookie set by signing in (the admin token, or a merchant's login link)",
        },
      },
      schemas: { DashboardError: jsonSchemaOf(dashboardErrorSchema, "output") },
    },
    describe: (op) => ({ security: op.auth === "public" ? [] : [{ dashboardSession: [] }] }),
    refusals: (op) =>
      Object.fromEntries(
        Object.entries(refusals(op)).map(([status, description]) => [
          status,
          { description, content: error },
        ]),
      ),
  });
}
