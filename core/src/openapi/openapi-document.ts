import type { z } from "zod";
import { type JsonSchema, jsonSchemaOf } from "./json-schema-of.ts";

export { type JsonSchema, jsonSchemaOf } from "./json-schema-of.ts";

/** What an OpenAPI entry is generated from: the route as the router mounts it, with its zod schemas. */
export interface OpenApiRoute {
  id: string;
  method: string;
  /** Express style (`:merchantRef`), relative to the document's path prefix. */
  path: string;
  summary: string;
  /** Path parameters the schema does not declare are still listed, as strings. */
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

/** What differs between the API documents the server publishes (a plugin's, the dashboard's). */
export interface OpenApiDocumentSpec<R extends OpenApiRoute> {
  routes: readonly R[];
  /** Where the routes are mounted, e.g. a plugin's mount path. */
  pathPrefix: string;
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  tags?: { name: string }[];
  components: JsonSchema;
  /** The entry's fields between its summary and its parameters: description, tags, security. */
  describe(route: R): JsonSchema;
  /** Parameters beyond the path and query ones (request headers). */
  headers?(route: R): JsonSchema[];
  /** Rewrites a request body's JSON schema (a plugin may mark its objects closed). */
  requestSchema?(schema: JsonSchema): JsonSchema;
  /** The refusals the route can answer beyond its own responses, by status. */
  refusals(route: R): Record<string, JsonSchema>;
}

function parametersOf(schema: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchemaOf(schema, "input") as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (object.required ?? []).includes(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function pathParameters(route: OpenApiRoute): JsonSchema[] {
  const declared = parametersOf(route.params, "path");
  const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? "");
  return names.map(
    (name) =>
      declared.find((p) => p.name === name) ?? {
        name,
        in: "path",
        required: true,
        schema: { type: "string" },
      },
  );
}

function operationObject<R extends OpenApiRoute>(route: R, spec: OpenApiDocumentSpec<R>): JsonSchema {
  const parameters = [
    ...pathParameters(route),
    ...parametersOf(route.query, "query"),
    ...(spec.headers?.(route) ?? []),
  ];
  const responses: Record<string, JsonSchema> = {};
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? { content: { "application/json": { schema: jsonSchemaOf(response.schema, "output") } } }
        : {}),
    };
  }
  const requestSchema = spec.requestSchema ?? ((schema: JsonSchema) => schema);
  return {
    operationId: route.id,
    summary: route.summary,
    ...spec.describe(route),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: requestSchema(jsonSchemaOf(route.body, "input")) } },
          },
        }
      : {}),
    responses: { ...responses, ...spec.refusals(route) },
  };
}

/**
 * An OpenAPI 3.1 document generated from the routes a router mounts and the zod schemas they
 * read and answer with, so the document cannot drift from what the server does.
 */
export function openApiDocument<R extends OpenApiRoute>(spec: OpenApiDocumentSpec<R>): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of spec.routes) {
    const path = `${spec.pathPrefix}${route.path.replace(/:([A-Za-z]+)/g, "{$1}")}`;
    paths[path] = { ...paths[path], [route.method]: operationObject(route, spec) };
  }
  return {
    openapi: "3.1.0",
    info: spec.info,
    ...(spec.servers ? { servers: spec.servers } : {}),
    ...(spec.tags ? { tags: spec.tags } : {}),
    paths,
    components: spec.components,
  };
}
