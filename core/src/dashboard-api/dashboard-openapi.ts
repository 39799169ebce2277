import { z } from "zod";
import type { DashboardOperation } from "./dashboard-operations.ts";
import { dashboardErrorSchema } from "./dashboard-schemas.ts";

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12, which OpenAPI 3.1 uses as is. */
function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: (object.required ?? []).includes(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

const pathParameters = (op: DashboardOperation): JsonSchema[] =>
  [...op.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));

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

function operationObject(op: DashboardOperation): JsonSchema {
  const parameters = [...pathParameters(op), ...queryParameters(op.query)];
  const error = { "application/json": { schema: { $ref: "#/components/schemas/DashboardError" } } };
  return {
    operationId: op.id,
    summary: op.summary,
    security: op.auth === "public" ? [] : [{ dashboardSession: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(op.body, "input") } },
          },
        }
      : {}),
    responses: {
      [String(op.success.status)]: {
        description: op.success.description,
        ...(op.success.schema
          ? { content: { "application/json": { schema: jsonSchema(op.success.schema, "output") } } }
          : {}),
      },
      ...Object.fromEntries(
        Object.entries(refusals(op)).map(([status, description]) => [
          status,
          { description, content: error },
        ]),
      ),
    },
  };
}

/**
 * The dashboard API's OpenAPI 3.1 document, generated from the operations and the zod schemas
 * the server's routes read and answer with.
 */
export function dashboardApiDocument(
  operations: readonly DashboardOperation[],
  options: { version: string; serverUrl?: string },
): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of operations) {
    const path = `/dashboard/api${op.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
    paths[path] = { ...paths[path], [op.method]: operationObject(op) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "alma-suite merchant dashboard API",
      version: options.version,
      description:
        "What the merchant dashboard's pages read and change. Amounts are integer cents, times epoch " +
        "milliseconds. Changes need the header X-Requested-With: alma-dashboard. Refusals are " +
        "{error, field?} with a 4xx status.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      securitySchemes: {
        dashboardSession: {
          type: "apiKey",
          in: "cookie",
          name: "alma_dashboard",
          description: "The session cookie set by signing in (the admin token, or a merchant's login link)",
        },
      },
      schemas: { DashboardError: jsonSchema(dashboardErrorSchema, "output") },
    },
  };
}
