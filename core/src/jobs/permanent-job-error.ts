/**
 * Thrown by a job handler when running the job again can never succeed (the other side refused the
 * request itself, not its timing): the worker marks the job dead at once, with this message as its
 * last error, instead of retrying it until its attempts run out.
 */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
  /** Read instead of `instanceof`, so an error from another copy of this module still counts. */
  readonly permanent = true;
}

export function isPermanentJobError(error: unknown): boolean {
  return error instanceof Error && (error as { permanent?: unknown }).permanent === true;
}
