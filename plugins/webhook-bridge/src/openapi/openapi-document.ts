import { openApiDocument as buildDocument, type JsonSchema, jsonSchemaOf } from "@alma-suite/core/openapi";
import type { Operation } from "../http/operation.ts";
import { PROBLEM_TYPES, type ProblemSlug, problemSchema, problemType } from "../http/problem.ts";

/**
 * Request bodies are strict (an undeclared key is a 422 naming it): every object that does not
 * say what extra keys it takes (records and free-form objects do) is marked closed.
 */
function closedObjects(schema: unknown): JsonSchema {
  if (Array.isArray(schema)) return schema.map(closedObjects) as unknown as JsonSchema;
  if (typeof schema !== "object" || schema === null) return schema as JsonSchema;
  const out: JsonSchema = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      typeof value === "object" ? closedObjects(value) : value,
    ]),
  );
  if (out.type === "object" && out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

/**
 * What any operation can answer whatever it does: every request's URL and body are read by the
 * same layer (400, 413, 415), a body-less operation refuses a body (422), the server's rate limits
 * stand in front (429), and our own faults or a database failover (500, 503).
 */
const EVERY_OPERATION: ProblemSlug[] = [
  "malformed_request",
  "malformed_json",
  "nesting_too_deep",
  "payload_too_large",
  "unsupported_media_type",
  "validation_error",
  "rate_limited",
  "internal_error",
  "database_unavailable",
  "not_ready",
];

/** Every problem type `op` can answer, grouped by status: what its OpenAPI entry lists. */
export function problemsByStatus(op: Operation): Map<number, ProblemSlug[]> {
  const slugs = new Set<ProblemSlug>([...op.problems, ...EVERY_OPERATION]);
  if (op.auth !== "public") slugs.add("unauthorized");
  if (op.method === "post" && op.auth !== "public")
    slugs
      .add("idempotency_key_reused")
      .add("idempotency_key_unreadable")
      .add("idempotency_request_in_progress");
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of slugs)
    byStatus.set(PROBLEM_TYPES[slug].status, [...(byStatus.get(PROBLEM_TYPES[slug].status) ?? []), slug]);
  return byStatus;
}

function problemResponses(op: Operation): Record<string, JsonSchema> {
  return Object.fromEntries(
    [...problemsByStatus(op)].map(([status, group]) => [
      String(status),
      {
        description: group.map((slug) => `${problemType(slug)}: ${PROBLEM_TYPES[slug].title}`).join("; "),
        "x-problem-types": group.map(problemType),
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );
}

const IDEMPOTENCY_KEY: JsonSchema = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "Same key and body within 24 h: the stored answer (Idempotent-Replayed: true). Same key, other body: 422. " +
    "Answers that say 'try again later' (409, 429, 5xx) are never stored: the same key may be sent again.",
  schema: { type: "string", minLength: 1, maxLength: 255 },
};

/** The OpenAPI 3.1 document, generated from the same operations (and zod schemas) the router mounts. */
export function openApiDocument(
  operations: readonly Operation[],
  options: { serverUrl: string; version: string },
): JsonSchema {
  return buildDocument({
    routes: operations,
    pathPrefix: "/bridge",
    info: {
      title: "alma-suite webhook bridge",
      version: options.version,
      description:
        "Sell with Alma from any platform: checkouts, payments, refunds and signed webhooks (Standard Webhooks). " +
        "Amounts are integer cents. Errors are application/problem+json with a stable `type`.",
    },
    servers: [{ url: options.serverUrl }],
    tags: [...new Set(operations.map((op) => op.tag))].map((name) => ({ name })),
    components: {
      securitySchemes: {
        agencyApiKey: { type: "http", scheme: "bearer", description: "An agency API key, abk_…" },
        operatorToken: {
          type: "http",
          scheme: "bearer",
          description: "The operator token (BRIDGE_OPERATOR_TOKEN or the server's ADMIN_TOKEN)",
        },
      },
      schemas: { Problem: jsonSchemaOf(problemSchema, "output") },
    },
    describe: (op) => ({
      ...(op.description ? { description: op.description } : {}),
      tags: [op.tag],
      security:
        op.auth === "agency" ? [{ agencyApiKey: [] }] : op.auth === "operator" ? [{ operatorToken: [] }] : [],
    }),
    headers: (op) => (op.method === "post" && op.auth !== "public" ? [IDEMPOTENCY_KEY] : []),
    requestSchema: closedObjects,
    refusals: problemResponses,
  });
}
