import { readFileSync } from "node:fs";
import {
  buildSchema,
  type DocumentNode,
  GraphQLError,
  type GraphQLScalarType,
  type GraphQLSchema,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from "graphql";

import { PINNED_API_VERSION, SCHEMA_VERSIONS } from "./schema-versions.ts";

export { PINNED_API_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from "./schema-versions.ts";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const schemas = new Map<string, GraphQLSchema>();

/** The SDL of one version, built once, with `DateTime` and `URL` checking their format. */
export function paymentsAppsSchema(version: string = PINNED_API_VERSION): GraphQLSchema | undefined {
  if (!(SCHEMA_VERSIONS as readonly string[]).includes(version)) return undefined;
  let schema = schemas.get(version);
  if (!schema) {
    const sdl = readFileSync(new URL(`./payments-apps-${version}.graphql`, import.meta.url), "utf8");
    schema = buildSchema(sdl);
    strictScalar(schema, "DateTime", (text) => DATE_TIME.test(text) && !Number.isNaN(Date.parse(text)));
    strictScalar(schema, "URL", (text) => URL.canParse(text));
    schemas.set(version, schema);
  }
  return schema;
}

/** `buildSchema` makes custom scalars accept anything; Shopify's refuse a malformed value. */
function strictScalar(schema: GraphQLSchema, name: string, accepts: (text: string) => boolean): void {
  const scalar = schema.getType(name) as GraphQLScalarType;
  const parseValue = (value: unknown) => {
    if (typeof value !== "string" || !accepts(value))
      throw new GraphQLError(`${name} cannot represent ${JSON.stringify(value)}`);
    return value;
  };
  scalar.parseValue = parseValue;
  scalar.parseLiteral = (node) => {
    if (node.kind !== Kind.STRING) throw new GraphQLError(`${name} must be a string`);
    return parseValue(node.value);
  };
}

export type DocumentCheck =
  | { ok: true; document: DocumentNode; operation: OperationDefinitionNode }
  | { ok: false; errors: readonly GraphQLError[] };

/**
 * What Shopify's GraphQL layer checks before running anything: the document parses, validates
 * against the version's schema (unknown fields, overlapping fields, argument types…), names one
 * operation, and its variables coerce to their declared types (enums, required values, formats).
 */
export function checkDocument(
  schema: GraphQLSchema,
  query: string,
  variables: Record<string, unknown> = {},
): DocumentCheck {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [error] };
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { ok: false, errors: invalid };
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (!operation || operations.length !== 1)
    return { ok: false, errors: [new GraphQLError("the document must hold exactly one operation")] };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return { ok: false, errors: coerced.errors };
  return { ok: true, document, operation };
}
