/**
 * The database could not be reached or dropped the connection (restarting, failing over, out of
 * connections). Not a bug and not the caller's fault: the request can be retried shortly, so HTTP
 * routes answer 503 and jobs simply run again. Its message carries no SQL and no parameters.
 */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "StorageUnavailableError";
  }
}

// Socket-level failures, and PostgreSQL's connection-exception (08*), shutdown (57P01-03) and
// too-many-connections (53300) SQLSTATEs.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

// node-postgres reports a dropped or never-established connection with these messages, no code.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

/** Turns a connection failure into StorageUnavailableError; any other error is returned as is. */
export function classifyStorageError(error: unknown): unknown {
  if (error instanceof StorageUnavailableError) return error;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : "";
  if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGES.test(message))
    return new StorageUnavailableError(error);
  // A pool connect refused by every address arrives as an AggregateError of socket errors.
  if (error instanceof AggregateError && error.errors.some((e) => classifyStorageError(e) !== e))
    return new StorageUnavailableError(error);
  return error;
}
