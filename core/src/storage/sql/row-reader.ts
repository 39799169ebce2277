import type { JsonObject } from "../records.ts";
import type { SqlRow } from "./sql-executor.ts";

/**
 * Typed reads of a database row. A wrong type here means the schema and the code disagree, which is a
 * fault worth failing loudly on rather than casting around.
 */
export function text(row: SqlRow, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new TypeError(`column ${column} is not text`);
  return value;
}

export function textOrNull(row: SqlRow, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : text(row, column);
}

export function int(row: SqlRow, column: string): number {
  const value = row[column];
  const number = typeof value === "bigint" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) {
    throw new TypeError(`column ${column} is not a safe integer`);
  }
  return number;
}

export function intOrNull(row: SqlRow, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : int(row, column);
}

/** Both backends hand JSON back as text (PostgreSQL's parser is overridden) so decoding is uniform. */
export function json(row: SqlRow, column: string): unknown {
  return JSON.parse(text(row, column));
}

export function jsonObject(row: SqlRow, column: string): JsonObject {
  const value = json(row, column);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`column ${column} is not a JSON object`);
  }
  return value as JsonObject;
}

/** Narrows a string column to one of the allowed values. */
export function oneOf<T extends string>(row: SqlRow, column: string, allowed: readonly T[]): T {
  const value = text(row, column);
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new TypeError(`column ${column} has unexpected value ${value}`);
  return found;
}
