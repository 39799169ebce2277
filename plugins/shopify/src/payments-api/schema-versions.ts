/**
 * The Payments Apps API versions whose schema this repository has
 * (`payments-apps-<version>.graphql` beside this file). The app pins the first; the
 * configuration accepts only these, so no document goes out unchecked against its version.
 * Apart from the schema itself so that reading the configuration does not load GraphQL.
 */
export const SCHEMA_VERSIONS = ["2026-07"] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];
export const PINNED_API_VERSION: SchemaVersion = SCHEMA_VERSIONS[0];
